// Why ducha reads CSV itself rather than with a package. Measured in release builds on
// 1,000,001 lines × 8 columns (83 MB; quoted fields with commas, doubled quotes and
// Chinese), 2-core Linux VM, best–median of 5 (throwaway package, /tmp/csvbench):
// - this reader: 0.44–0.47 s, about 2.2 million rows/s (180 MB/s), 9 MB resident;
// - yaslab/CSV.swift 2.5.2: 4.9–5.3 s, about 0.19 million rows/s (16 MB/s). It reads a
//   Foundation InputStream a scalar at a time (not a ByteSource), its errors carry no
//   place, `"a"b` silently swallows the rest of the file into one field, and on Linux
//   it sets `cannotReadFile` at every clean end of file;
// - swiftcsv/SwiftCSV 0.10.0: 7.0–7.8 s and 520 MB resident: it reads the whole file
//   into one String and every row into memory before the first is seen;
// - for scale, sqlite3 `.import --csv` into :memory: (parsing and inserting): 1.5–1.7 s.

/// One record of a CSV file: its fields in order, and the line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// The fields, quotes removed and `""` read as `"`.
    public let fields: [String]
    /// The line the record starts on, from 1 (a record with a quoted line break in it
    /// spans more than one).
    public let line: Int

    /// Makes a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// A streaming reader of CSV as RFC 4180 describes it, one record at a time, with
/// memory bounded by the longest record whatever the file's size.
///
/// - Fields are separated by the delimiter (`,` unless told otherwise: `\t` and `;`
///   are the usual others) and may be put in double quotes; inside quotes the
///   delimiter, line breaks and `""` (one quote) are data. Quotes are only special at
///   the start of a field: a quote inside an unquoted field, or text after a closing
///   quote, is an error rather than a guess.
/// - Records end at LF, CRLF or a lone CR (old Mac exports); each of the three counts
///   as one line for the places the reader reports, inside quotes too, where the line
///   break is kept as written. The last record may end with a line break or without.
/// - Blank lines are skipped: they are not records with one empty field. A one-column
///   file writes an empty value as `""`.
/// - Text is UTF-8; a UTF-8 byte order mark at the start is skipped (and does not
///   count as a column). Invalid UTF-8, a NUL byte or a UTF-16 byte order mark is an
///   error.
/// - Every error is a `CSVError` with the line and column (in characters, from 1) of
///   where the problem starts.
public struct CSVReader {
    /// Bounds that keep a hostile or mistaken file from taking unbounded memory.
    public struct Limits: Sendable {
        /// The longest field, in bytes after unquoting.
        public var fieldBytes = 1 << 20
        /// The most fields in one record.
        public var fields = 4096

        /// The default limits.
        public init() {}
    }

    /// The read buffer, allocated once, and the table of bytes that stop a run.
    private final class Storage {
        let bytes: UnsafeMutablePointer<UInt8>
        let capacity: Int
        /// Per byte value: `stopsUnquoted` and/or `stopsQuoted`.
        let stops: UnsafeMutablePointer<UInt8>

        init(capacity: Int, delimiter: UInt8) {
            self.capacity = capacity
            bytes = .allocate(capacity: capacity)
            stops = .allocate(capacity: 256)
            stops.initialize(repeating: 0, count: 256)
            for byte in [0, CSVReader.lf, CSVReader.cr, CSVReader.quote] { stops[Int(byte)] = CSVReader.stopsUnquoted | CSVReader.stopsQuoted }
            stops[Int(delimiter)] |= CSVReader.stopsUnquoted
        }

        deinit {
            bytes.deallocate()
            stops.deallocate()
        }
    }

    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")
    private static let stopsUnquoted: UInt8 = 1
    private static let stopsQuoted: UInt8 = 2

    /// What follows a field.
    private enum Ending {
        case delimiter, lineEnd, fileEnd
    }

    private var source: any ByteSource
    private let limits: Limits
    private let delimiter: UInt8
    private let storage: Storage
    private let readSize: Int
    private var index = 0
    private var count = 0
    private var atEnd = false
    private var started = false
    private var finished = false
    private var scratch: [UInt8] = []
    /// Where the fields of the last record start (the first `fieldCount`; the arrays
    /// are reused, not emptied, from record to record).
    private var fieldLines: [Int] = []
    private var fieldColumns: [Int] = []
    private var fieldCount = 0
    private var expectedFields = 8
    /// The line of the next byte, from 1.
    public private(set) var line = 1
    /// The column of the next byte, in characters from 1.
    public private(set) var column = 1

    /// Whether `delimiter` can separate fields: an ASCII character other than the
    /// quote, CR, LF and NUL.
    public static func allows(delimiter: Unicode.Scalar) -> Bool {
        delimiter.isASCII && delimiter != "\"" && delimiter != "\n" && delimiter != "\r" && delimiter != "\0"
    }

    /// A reader of `source`, with fields separated by `delimiter` (one that
    /// `allows(delimiter:)`), reading `bufferSize` bytes at a time.
    public init(_ source: some ByteSource, delimiter: Unicode.Scalar = ",", limits: Limits = Limits(), bufferSize: Int = 1 << 16) {
        precondition(CSVReader.allows(delimiter: delimiter), "a CSV delimiter is an ASCII character other than a quote, CR, LF or NUL")
        self.source = source
        self.delimiter = UInt8(delimiter.value)
        self.limits = limits
        self.readSize = max(1, bufferSize)
        // Room for the three bytes of a byte order mark, however small the reads.
        self.storage = Storage(capacity: max(4, bufferSize), delimiter: UInt8(delimiter.value))
    }

    /// The next record, or nil at the end of the file.
    public mutating func next() throws -> CSVRecord? {
        if !started { try start() }
        if finished { return nil }
        while true {
            guard let byte = try peek() else {
                finished = true
                return nil
            }
            guard byte == CSVReader.lf || byte == CSVReader.cr else { break }
            try takeLineEnd()
        }
        let recordLine = line
        fieldCount = 0
        var fields: [String] = []
        fields.reserveCapacity(expectedFields)
        while true {
            guard fields.count < limits.fields else {
                throw CSVError("too-many-fields", "the record starting at line \(recordLine) has more than \(limits.fields) fields; is the delimiter right?",
                               line: line, column: column)
            }
            if fieldCount < fieldLines.count {
                fieldLines[fieldCount] = line
                fieldColumns[fieldCount] = column
            } else {
                fieldLines.append(line)
                fieldColumns.append(column)
            }
            fieldCount += 1
            if try peek() == CSVReader.quote {
                fields.append(try readQuoted())
            } else {
                fields.append(try readUnquoted())
            }
            let ending = try endField()
            if ending == .delimiter { continue }
            if ending == .fileEnd { finished = true }
            break
        }
        expectedFields = fields.count
        return CSVRecord(fields: fields, line: recordLine)
    }

    /// Where field `field` (from 0) of the record last returned starts: its first
    /// byte, or its opening quote.
    public func place(ofField field: Int) -> (line: Int, column: Int) {
        precondition(field >= 0 && field < fieldCount, "the last record has no field \(field)")
        return (fieldLines[field], fieldColumns[field])
    }

    // MARK: Fields

    /// A field without quotes: up to the delimiter, a line end or the end of the file.
    private mutating func readUnquoted() throws -> String {
        let (startLine, startColumn) = (line, column)
        var pending = false
        var ascii = true
        if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
        while true {
            if index == count, try refill() == nil { break }
            // A run of plain bytes, taken at once.
            let bytes = storage.bytes
            let (end, runASCII) = run(quoted: false)
            let run = UnsafeBufferPointer(start: bytes + index, count: end - index)
            guard scratch.count + run.count <= limits.fieldBytes else {
                throw CSVError("too-long", "the field starting here is longer than \(limits.fieldBytes) bytes; is the delimiter right?", line: startLine, column: startColumn)
            }
            column += runASCII ? run.count : CSVReader.characters(in: run)
            ascii = ascii && runASCII
            index = end
            guard end < count else {
                scratch.append(contentsOf: run)
                pending = true
                continue
            }
            let byte = bytes[end]
            if byte == CSVReader.quote {
                throw CSVError("bare-quote", "a quote inside a field that does not start with one; put the whole field in quotes and write this quote twice (\"a\"\"b\")",
                               line: line, column: column)
            }
            if byte == 0 { throw nul() }
            if !pending {
                // The usual case: the whole field is in the buffer.
                return try text(run, ascii: ascii, line: startLine, column: startColumn, quoted: false)
            }
            scratch.append(contentsOf: run)
            break
        }
        return try scratch.withUnsafeBufferPointer { try text($0, ascii: ascii, line: startLine, column: startColumn, quoted: false) }
    }

    /// A field in quotes, from its opening quote through its closing one.
    private mutating func readQuoted() throws -> String {
        let (quoteLine, quoteColumn) = (line, column)
        index += 1
        column += 1
        var pending = false
        var ascii = true
        if !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
        while true {
            if index == count, try refill() == nil {
                throw CSVError("unclosed-quote", "the quote opened at line \(quoteLine), column \(quoteColumn) is never closed: the file ends inside its field; close it with \" (and write a quote inside it as \"\")",
                               line: quoteLine, column: quoteColumn)
            }
            let bytes = storage.bytes
            let (end, runASCII) = run(quoted: true)
            let run = UnsafeBufferPointer(start: bytes + index, count: end - index)
            guard scratch.count + run.count <= limits.fieldBytes else {
                throw CSVError("too-long", "the quoted field opened here is longer than \(limits.fieldBytes) bytes; is its closing quote missing?", line: quoteLine, column: quoteColumn)
            }
            column += runASCII ? run.count : CSVReader.characters(in: run)
            ascii = ascii && runASCII
            index = end
            guard end < count else {
                scratch.append(contentsOf: run)
                pending = true
                continue
            }
            let byte = bytes[end]
            if byte == CSVReader.quote && !pending && end + 1 < count && bytes[end + 1] != CSVReader.quote {
                // The usual case: the whole field is in the buffer, without "".
                index += 1
                column += 1
                try checkAfterClosingQuote()
                return try text(run, ascii: ascii, line: quoteLine, column: quoteColumn + 1, quoted: true)
            }
            scratch.append(contentsOf: run)
            pending = true
            if byte == 0 { throw nul() }
            index += 1
            if byte == CSVReader.quote {
                column += 1
                if try peek() == CSVReader.quote {
                    scratch.append(CSVReader.quote)
                    index += 1
                    column += 1
                    continue
                }
                try checkAfterClosingQuote()
                break
            }
            // A line break inside the quotes: data, and a new line for places.
            scratch.append(byte)
            if byte == CSVReader.cr, try peek() == CSVReader.lf {
                scratch.append(CSVReader.lf)
                index += 1
            }
            line += 1
            column = 1
        }
        return try scratch.withUnsafeBufferPointer { try text($0, ascii: ascii, line: quoteLine, column: quoteColumn + 1, quoted: true) }
    }

    /// The end of the run of plain bytes from `index` in the buffer (at the first byte
    /// that ends a run in a field, quoted or not, or at `count`), and whether the run
    /// is all ASCII. (Fields are short: testing eight bytes at a time measured no faster.)
    @inline(__always)
    private func run(quoted: Bool) -> (end: Int, ascii: Bool) {
        let bytes = storage.bytes, stops = storage.stops
        let mask = quoted ? CSVReader.stopsQuoted : CSVReader.stopsUnquoted
        var end = index
        var high: UInt8 = 0
        while end < count {
            let byte = bytes[end]
            if stops[Int(byte)] & mask != 0 { break }
            high |= byte
            end += 1
        }
        return (end, high < 0x80)
    }

    /// After a closing quote: the delimiter, a line end or the end of the file.
    private mutating func checkAfterClosingQuote() throws {
        guard let byte = try peek(), byte != delimiter, byte != CSVReader.lf, byte != CSVReader.cr else { return }
        let what: String
        switch byte {
        case UInt8(ascii: " "): what = "a blank"
        case UInt8(ascii: "\t"): what = "a tab"
        case 0x21 ... 0x7E: what = "'\(Character(Unicode.Scalar(byte)))'"
        default: what = "text"
        }
        throw CSVError("after-quote", "\(what) after the closing quote of a field; a quoted field ends at its closing quote (write a quote inside it as \"\")",
                       line: line, column: column)
    }

    /// Takes what follows a field.
    private mutating func endField() throws -> Ending {
        guard let byte = try peek() else { return .fileEnd }
        if byte == delimiter {
            index += 1
            column += 1
            return .delimiter
        }
        try takeLineEnd()
        return .lineEnd
    }

    /// Takes the LF, CR or CRLF at `index`.
    private mutating func takeLineEnd() throws {
        let byte = storage.bytes[index]
        index += 1
        if byte == CSVReader.cr, try peek() == CSVReader.lf { index += 1 }
        line += 1
        column = 1
    }

    /// The text of a field's bytes, which start at `line`, `column` (after the opening
    /// quote when `quoted`).
    @inline(__always)
    private func text(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, line: Int, column: Int, quoted: Bool) throws -> String {
        if !ascii, let offset = CSVReader.firstInvalidUTF8(in: bytes) {
            let place = CSVReader.place(ofOffset: offset, in: bytes, line: line, column: column, quoted: quoted)
            throw CSVError("encoding", "this byte is not valid UTF-8; CSV files are read as UTF-8 (save the file as UTF-8)", line: place.line, column: place.column)
        }
        // Valid, so decoding repairs nothing. (`String(validating:)` would do the same
        // but goes through generic code: a sixth of the reader's time.)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that does not start a well-formed UTF-8 sequence
    /// (Unicode table 3-7: no overlong forms, surrogates or scalars past U+10FFFF), or nil.
    private static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xED: length = 3; high = 0x9F
            case 0xE1 ... 0xEF: length = 3
            case 0xF0: length = 4; low = 0x90
            case 0xF4: length = 4; high = 0x8F
            case 0xF1 ... 0xF3: length = 4
            default: return index
            }
            guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return index }
            for next in index + 2 ..< index + length where bytes[next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// Where the byte at `offset` of a field was written, walking the field as the file
    /// has it from `line`, `column`: a `"` of a quoted field was written `""`.
    private static func place(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int, quoted: Bool) -> (line: Int, column: Int) {
        var (line, column) = (line, column)
        var position = 0
        while position < offset {
            let byte = bytes[position]
            position += 1
            if byte == lf || byte == cr {
                if byte == cr && position < offset && bytes[position] == lf { position += 1 }
                line += 1
                column = 1
            } else if byte == quote && quoted {
                column += 2
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func nul() -> CSVError {
        CSVError("nul", "a NUL byte; a CSV file is UTF-8 text (is this file binary, or UTF-16?)", line: line, column: column)
    }

    // MARK: Bytes

    /// Reads the first bytes and skips a UTF-8 byte order mark.
    private mutating func start() throws {
        started = true
        while count < 3 && !atEnd {
            let read = try fill(at: count, upTo: min(readSize, storage.capacity - count))
            if read == 0 { atEnd = true }
            count += read
        }
        let bytes = storage.bytes
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            index = 3
        } else if count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw CSVError("encoding", "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", line: 1, column: 1)
        }
    }

    @inline(__always)
    private mutating func peek() throws -> UInt8? {
        if index < count { return storage.bytes[index] }
        return try refill()
    }

    /// Reads the next buffer when the current one is used up; the byte there, or nil at the end.
    private mutating func refill() throws -> UInt8? {
        guard index == count else { return storage.bytes[index] }
        guard !atEnd else { return nil }
        count = try fill(at: 0, upTo: readSize)
        index = 0
        if count == 0 {
            atEnd = true
            return nil
        }
        return storage.bytes[0]
    }

    private mutating func fill(at offset: Int, upTo size: Int) throws -> Int {
        do {
            return try source.read(into: UnsafeMutableRawBufferPointer(start: storage.bytes + offset, count: size))
        } catch let failure as ByteSourceError {
            throw CSVError(failure.code, failure.message + " (reading stopped at this place)", line: line, column: column)
        }
    }

    /// Characters (not continuation bytes) in `bytes`, for columns.
    @inline(__always)
    private static func characters(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var characters = 0
        for byte in bytes where byte & 0xC0 != 0x80 { characters += 1 }
        return characters
    }
}
