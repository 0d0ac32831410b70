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
        writeLine(columns.count) { (columns[$0].name, false) }
    }

    public func row(_ values: [Value]) {
        writeLine(values.count) { (options.formatter.plain(values[$0], kind: kinds[$0]), values[$0].isNull) }
    }

    public func finish(rowCount: Int) {}

    /// One line of `count` fields, built as bytes in a buffer kept from line to line and
    /// handed to the output as bytes: going through Strings field by field costs more
    /// than a short query's own work. The buffer is moved out of the object while the
    /// line is built, so appending to it is not checked for exclusive access byte by byte.
    private func writeLine(_ count: Int, _ field: (Int) -> (text: String, isNull: Bool)) {
        var bytes = line
        line = []
        bytes.removeAll(keepingCapacity: true)
        let separator = separatorByte
        for index in 0..<count {
            if index > 0 { bytes.append(separator) }
            var (text, isNull) = field(index)
            text.withUTF8 { utf8 in
                if separator == 0x09 {
                    DelimitedRenderer.appendTSV(utf8, isNull: isNull, to: &bytes)
                } else {
                    DelimitedRenderer.appendCSV(utf8, isNull: isNull, separator: separator, to: &bytes)
                }
            }
        }
        output.line(utf8: bytes)
        line = bytes
    }

    /// CSV: quoted only when it holds the separator, a quote or a line break (quotes
    /// doubled); NULL empty; an empty string "". Bytes, not Characters: all of those are
    /// ASCII, and the bytes of other characters are 0x80 or more.
    private static func appendCSV(_ field: UnsafeBufferPointer<UInt8>, isNull: Bool, separator: UInt8, to line: inout [UInt8]) {
        if isNull { return }
        if field.isEmpty {
            line.append(0x22)
            line.append(0x22)
            return
        }
        var needsQuotes = false
        for byte in field where byte == separator || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            line.append(contentsOf: field)
            return
        }
        line.append(0x22)
        for byte in field {
            line.append(byte)
            if byte == 0x22 { line.append(0x22) }
        }
        line.append(0x22)
    }

    /// TSV: tabs, line breaks and backslashes escaped; NULL as \N, as PostgreSQL writes it.
    private static func appendTSV(_ field: UnsafeBufferPointer<UInt8>, isNull: Bool, to line: inout [UInt8]) {
        if isNull {
            line.append(0x5C)
            line.append(UInt8(ascii: "N"))
            return
        }
        for byte in field {
            switch byte {
            case 0x09: line.append(0x5C); line.append(UInt8(ascii: "t"))
            case 0x0A: line.append(0x5C); line.append(UInt8(ascii: "n"))
            case 0x0D: line.append(0x5C); line.append(UInt8(ascii: "r"))
            case 0x5C: line.append(0x5C); line.append(0x5C)
            default: line.append(byte)
            }
        }
    }
}
