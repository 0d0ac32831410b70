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
            guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return text }
            var escaped = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\\": escaped += "\\\\"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped
        }
        if isNull { return "" }
        if text.isEmpty { return "\"\"" }
        // Bytes, not Characters: the separator, quote and line breaks are all ASCII.
        let separatorByte = separator.asciiValue ?? 0x2C
        guard text.utf8.contains(where: { $0 == separatorByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}
