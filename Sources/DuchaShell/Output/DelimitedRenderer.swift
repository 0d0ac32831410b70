import DuchaCore

/// CSV (RFC 4180: quotes where needed, NULL as an empty field, an empty string as "")
/// and TSV (tabs, newlines and backslashes escaped, NULL as \N as PostgreSQL does).
public final class DelimitedRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    /// The separator's byte: every separator is ASCII (a tab makes it TSV).
    private let separatorByte: UInt8
    private var kinds: [ColumnKind] = []
    private var line: [UInt8] = []

    /// Makes a renderer with `separator` between fields.
    public init(output: TextOutput, options: RenderOptions, separator: Character) {
        self.output = output
        self.options = options
        self.separatorByte = separator.asciiValue ?? 0x2C
    }

    public func begin(_ columns: [ResultColumn]) {
        kinds = columns.map(\.kind)
        write(columns.map { ($0.name, false) })
    }

    public func row(_ values: [Value]) {
        write(values.enumerated().map { index, value in (options.formatter.plain(value, kind: kinds[index]), value.isNull) })
    }

    public func finish(rowCount: Int) {}

    /// One line of fields, built as bytes in a buffer kept from line to line: appending
    /// to a String field by field costs more than a short query's own work.
    private func write(_ fields: [(text: String, isNull: Bool)]) {
        line.removeAll(keepingCapacity: true)
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(separatorByte) }
            var text = field.text
            text.withUTF8 { bytes in
                if separatorByte == 0x09 { appendTSV(bytes, isNull: field.isNull) } else { appendCSV(bytes, isNull: field.isNull) }
            }
        }
        output.line(String(decoding: line, as: UTF8.self))
    }

    /// CSV: quoted only when it holds the separator, a quote or a line break (quotes
    /// doubled); NULL empty; an empty string "". Bytes, not Characters: all of those are
    /// ASCII, and the bytes of other characters are 0x80 or more.
    private func appendCSV(_ bytes: UnsafeBufferPointer<UInt8>, isNull: Bool) {
        if isNull { return }
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

    /// TSV: tabs, line breaks and backslashes escaped; NULL as \N, as PostgreSQL writes it.
    private func appendTSV(_ bytes: UnsafeBufferPointer<UInt8>, isNull: Bool) {
        if isNull {
            line.append(contentsOf: [0x5C, UInt8(ascii: "N")])
            return
        }
        for byte in bytes {
            switch byte {
            case 0x09: line.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: line.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: line.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x5C: line.append(contentsOf: [0x5C, 0x5C])
            default: line.append(byte)
            }
        }
    }
}
