import DuchaCore

/// A Markdown table, padded by display width so it also reads well as plain text.
public final class MarkdownRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    private var columns: [ResultColumn] = []
    private var rows: [[(text: String, numeric: Bool)]] = []

    /// Makes a renderer writing to `output`.
    public init(output: TextOutput, options: RenderOptions) {
        self.output = output
        self.options = options
    }

    public func begin(_ columns: [ResultColumn]) {
        self.columns = columns
    }

    public func row(_ values: [Value]) {
        rows.append(zip(values, columns).map { value, column in
            let text = options.formatter.display(value, kind: column.kind).replacingPipes()
            return (text, CellFormatter.isNumeric(value, kind: column.kind))
        })
    }

    public func finish(rowCount: Int) {
        var widths = columns.map { max(3, $0.name.replacingPipes().displayWidth) }
        var numeric = Array(repeating: false, count: columns.count)
        for row in rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.text.displayWidth)
                if cell.numeric { numeric[index] = true }
            }
        }
        output.line("| " + columns.indices.map { columns[$0].name.replacingPipes().padded(toWidth: widths[$0], alignment: numeric[$0] ? .right : .left) }
            .joined(separator: " | ") + " |")
        output.line("|" + columns.indices.map { index in
            numeric[index] ? String(repeating: "-", count: widths[index] + 1) + ":" : String(repeating: "-", count: widths[index] + 2)
        }.joined(separator: "|") + "|")
        for row in rows {
            output.line("| " + row.indices.map { row[$0].text.padded(toWidth: widths[$0], alignment: numeric[$0] ? .right : .left) }
                .joined(separator: " | ") + " |")
        }
    }
}

extension String {
    func replacingPipes() -> String {
        contains("|") ? split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : self
    }
}
