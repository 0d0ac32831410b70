import DuchaCore

/// CSV (RFC 4180: quotes where needed, NULL as an empty field, an empty string as "")
/// and TSV (tabs, newlines and backslashes escaped, NULL as \N as PostgreSQL does).
public final class DelimitedRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    private let separator: Character
    /// The separator's byte: every separator is ASCII.
    private let separatorByte: UInt8
    private var kinds: [ColumnKind] = []
    private var line: [UInt8] = []

    /// Makes a renderer with `separator` between fields.
    public init(output: TextOutput, options: RenderOptions, separator: Character) {
        self.output = output
        self.options = options
        self.separator = separator
        self.separatorByte = separator.asciiValue ?? 0x2C
    }

    public func begin(_ columns: [ResultColumn]) {
        kinds = columns.map(\.kind)
        output.line(columns.map { field($0.name, isNull: false) }.joined(separator: String(separator)))
    }

    public func row(_ values: [Value]) {
        // The line is built as bytes in a buffer kept from row to row: appending to a
        // String field by field costs more than the query's own work on short rows.
        line.removeAll(keepingCapacity: true)
        for (index, value) in values.enumerated() {
            if index > 0 { line.append(separatorByte) }
            let text = options.formatter.plain(value, kind: kinds[index])
            if separator == "\t" {
                append(field(text, isNull: value.isNull))
            } else {
                appendCSVField(text, isNull: value.isNull)
            }
        }
        output.line(String(decoding: line, as: UTF8.self))
    }

    private func append(_ text: String) {
        var text = text
        text.withUTF8 { line.append(contentsOf: $0) }
    }

    /// `field(text, isNull:)` for CSV, written straight into the line.
    private func appendCSVField(_ text: String, isNull: Bool) {
        if isNull { return }
        var text = text
        text.withUTF8 { bytes in
            if bytes.isEmpty {
                line.append(contentsOf: [0x22, 0x22])
                return
            }
            let separatorByte = separatorByte
            guard bytes.contains(where: { $0 == separatorByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                line.append(contentsOf: bytes)
                return
            }
            line.append(0x22)
            for byte in bytes {
                line.append(byte)
                if byte == 0x22 { line.append(0x22) }
            }
            line.append(0x22)
        }
    }

    public func finish(rowCount: Int) {}

    /// Whether a byte of `text` is one `wanted` picks, read from its contiguous UTF-8.
    private static func has(_ text: String, _ wanted: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: wanted) }
    }

    private func field(_ text: String, isNull: Bool) -> String {
        if separator == "\t" {
            if isNull { return "\\N" }
            guard DelimitedRenderer.has(text, { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return text }
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
        let separatorByte = separatorByte
        guard DelimitedRenderer.has(text, { $0 == separatorByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}
