import DuchaCore

/// Box-drawn tables, aligned by display width (a Chinese character is two columns).
/// On a terminal a long result keeps its head and tail and says how many rows it hid.
public final class TableRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    private var columns: [ResultColumn] = []
    private var head: [[Cell]] = []
    /// The last rows, kept as values and formatted only at the end: a long result on a
    /// terminal costs one formatting per shown row, not per row read.
    private var tail: [[Value]] = []
    private var tailStart = 0
    private var seen = 0

    struct Cell {
        let text: String
        let width: Int
        let numeric: Bool
        let isNull: Bool
    }

    /// Makes a renderer writing to `output`.
    public init(output: TextOutput, options: RenderOptions) {
        self.output = output
        self.options = options
    }

    /// With a limit of n rows: the first n - n/2 and the last n/2.
    private var headLimit: Int? { options.maxRows.map { max(1, $0) - max(1, $0) / 2 } }
    private var tailLimit: Int? { options.maxRows.map { max(1, $0) / 2 } }

    public func begin(_ columns: [ResultColumn]) {
        self.columns = columns
    }

    public func row(_ values: [Value]) {
        seen += 1
        guard let headLimit, let tailLimit else {
            head.append(cells(values))
            return
        }
        if head.count < headLimit {
            head.append(cells(values))
        } else if tailLimit == 0 {
            return
        } else if tail.count < tailLimit {
            tail.append(values)
        } else {
            tail[tailStart] = values
            tailStart = (tailStart + 1) % tailLimit
        }
    }

    private func cells(_ values: [Value]) -> [Cell] {
        zip(values, columns).map { value, column in
            let text = options.formatter.display(value, kind: column.kind)
            return Cell(text: text, width: text.displayWidth, numeric: CellFormatter.isNumeric(value, kind: column.kind), isNull: value.isNull)
        }
    }

    public func finish(rowCount: Int) {
        let orderedTail = (tail[tailStart...] + tail[..<tailStart]).map(cells)
        let hidden = rowCount - head.count - orderedTail.count
        var widths = columns.map { $0.name.displayWidth }
        for row in head + orderedTail {
            for (index, cell) in row.enumerated() where cell.width > widths[index] { widths[index] = cell.width }
        }
        fit(&widths)

        output.line(border("┌", "┬", "┐", widths))
        output.line("│" + columns.indices.map { index in
            " " + decorate(columns[index].name.truncated(toWidth: widths[index]).padded(toWidth: widths[index], alignment: .left), bold: true) + " "
        }.joined(separator: "│") + "│")
        output.line(border("├", "┼", "┤", widths))
        for row in head { output.line(line(row, widths)) }
        if hidden > 0 {
            output.line("│" + widths.map { " " + "…".padded(toWidth: $0, alignment: .center) + " " }.joined(separator: "│") + "│")
        }
        for row in orderedTail { output.line(line(row, widths)) }
        output.line(border("└", "┴", "┘", widths))
        if hidden > 0 {
            output.line("\(rowCount) rows (\(rowCount - hidden) shown)")
        } else if output.isTerminal {
            output.line(rowCount == 1 ? "1 row" : "\(rowCount) rows")
        }
    }

    /// Narrows the widest columns until the table fits the terminal.
    private func fit(_ widths: inout [Int]) {
        guard let available = output.terminalWidth, !widths.isEmpty else { return }
        let frame = 3 * widths.count + 1
        while widths.reduce(0, +) + frame > available {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 else { return }
            widths[widest] -= 1
        }
    }

    private func line(_ row: [Cell], _ widths: [Int]) -> String {
        "│" + row.indices.map { index in
            let cell = row[index]
            let width = widths[index]
            let text = cell.width > width ? cell.text.truncated(toWidth: width) : cell.text
            let padded = text.padded(toWidth: width, alignment: cell.numeric ? .right : .left)
            return " " + (cell.isNull ? dim(padded) : padded) + " "
        }.joined(separator: "│") + "│"
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
    }

    private func decorate(_ text: String, bold: Bool) -> String {
        options.colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }

    private func dim(_ text: String) -> String {
        options.colour ? "\u{1B}[2m" + text + "\u{1B}[0m" : text
    }
}
