import DuchaCore

/// A JSON array with one object per row; instants in ISO 8601 with the +08:00 offset,
/// flags as booleans, NULL as null.
public final class JSONRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    private var columns: [ResultColumn] = []
    private var keys: [String] = []
    private var first = true

    /// Makes a renderer writing to `output`.
    public init(output: TextOutput, options: RenderOptions) {
        self.output = output
        self.options = options
    }

    public func begin(_ columns: [ResultColumn]) {
        self.columns = columns
        keys = columns.map { JSONRenderer.quoted($0.name) }
        output.write("[")
    }

    public func row(_ values: [Value]) {
        var text = first ? "\n{" : ",\n{"
        first = false
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            text += keys[index] + ":" + json(value, kind: columns[index].kind)
        }
        output.write(text + "}")
    }

    public func finish(rowCount: Int) {
        output.line(first ? "]" : "\n]")
    }

    private func json(_ value: Value, kind: ColumnKind) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number):
            switch kind {
            case .instant: return JSONRenderer.quoted(ChinaTime.iso8601(Instant(millisecondsSinceEpoch: number)))
            case .flag: return number == 0 ? "false" : "true"
            default: return String(number)
            }
        case .real(let number):
            return number.isFinite ? CellFormatter.format(number) : "null"
        case .text(let text): return JSONRenderer.quoted(text)
        case .blob: return JSONRenderer.quoted(options.formatter.plain(value, kind: kind))
        }
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
