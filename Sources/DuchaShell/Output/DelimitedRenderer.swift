import DuchaCore

/// CSV (RFC 4180: quotes where needed, NULL as an empty field, an empty string as "")
/// and TSV (tabs, newlines and backslashes escaped, NULL as \N as PostgreSQL does).
public final class DelimitedRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    private let separator: Character
    private var kinds: [ColumnKind] = []

    /// Makes a renderer with `separator` between fields.
    public init(output: TextOutput, options: RenderOptions, separator: Character) {
        self.output = output
        self.options = options
        self.separator = separator
    }

    public func begin(_ columns: [ResultColumn]) {
        kinds = columns.map(\.kind)
        output.line(columns.map { field($0.name, isNull: false) }.joined(separator: String(separator)))
    }

    public func row(_ values: [Value]) {
        var line = ""
        for (index, value) in values.enumerated() {
            if index > 0 { line.append(separator) }
            line += field(options.formatter.plain(value, kind: kinds[index]), isNull: value.isNull)
        }
        output.line(line)
    }

    public func finish(rowCount: Int) {}

    private func field(_ text: String, isNull: Bool) -> String {
        if separator == "\t" {
            if isNull { return "\\N" }
            var escaped = ""
            for character in text {
                switch character {
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\\": escaped += "\\\\"
                default: escaped.append(character)
                }
            }
            return escaped
        }
        if isNull { return "" }
        if text.isEmpty { return "\"\"" }
        let needsQuotes = text.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
