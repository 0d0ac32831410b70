import DuchaInterchange
import Testing

@Suite struct CSVReaderTests {
    /// Buffer sizes that put record, field, quote, CRLF and UTF-8 boundaries across reads.
    static let bufferSizes = [1, 2, 3, 7, 1 << 16]

    /// Every record of `bytes`, as fields and the line each starts on.
    static func records(_ bytes: [UInt8], delimiter: Unicode.Scalar = ",", limits: CSVReader.Limits = CSVReader.Limits(),
                        bufferSize: Int = 7) throws -> [CSVRecord] {
        var reader = CSVReader(MemoryByteSource(bytes), delimiter: delimiter, limits: limits, bufferSize: bufferSize)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(try reader.next() == nil, "the reader gives nothing more after its end")
        return records
    }

    static func records(_ text: String, delimiter: Unicode.Scalar = ",", bufferSize: Int = 7) throws -> [CSVRecord] {
        try records(Array(text.utf8), delimiter: delimiter, bufferSize: bufferSize)
    }

    /// The fields of every record, read at every buffer size, which must all agree.
    static func fields(_ text: String, delimiter: Unicode.Scalar = ",") throws -> [[String]] {
        let all = try bufferSizes.map { try records(text, delimiter: delimiter, bufferSize: $0) }
        for (size, records) in zip(bufferSizes, all) {
            #expect(records == all[0], "buffer size \(size) reads differently")
        }
        return all[0].map(\.fields)
    }

    /// The error reading `bytes` gives, the same at every buffer size.
    static func failure(_ bytes: [UInt8], limits: CSVReader.Limits = CSVReader.Limits()) -> CSVError? {
        var errors: [CSVError?] = []
        for size in bufferSizes {
            do {
                _ = try records(bytes, limits: limits, bufferSize: size)
                errors.append(nil)
            } catch let error as CSVError {
                errors.append(error)
            } catch {
                Issue.record("not a CSVError: \(error)")
                errors.append(nil)
            }
        }
        #expect(Set(errors.map { $0.map(\.description) ?? "accepted" }).count == 1, "buffer sizes disagree: \(errors)")
        return errors[0]
    }

    // MARK: Reading

    @Test(arguments: bufferSizes)
    func quotedFieldsWithDelimitersQuotesAndLineBreaks(bufferSize: Int) throws {
        let text = "id,name,note\r\n"
            + "1,\"Smith, J.\",\"said \"\"hi\"\"\"\r\n"
            + "2,市农业局,\"line one\nline two\"\r\n"
            + "3,,\r\n"
            + "\"4\",\"\",\"\"\"\"\n"
            + "5,\"a\r\nb\",x"
        let records = try CSVReaderTests.records(text, bufferSize: bufferSize)
        #expect(records == [
            CSVRecord(fields: ["id", "name", "note"], line: 1),
            CSVRecord(fields: ["1", "Smith, J.", "said \"hi\""], line: 2),
            CSVRecord(fields: ["2", "市农业局", "line one\nline two"], line: 3),
            CSVRecord(fields: ["3", "", ""], line: 5),
            CSVRecord(fields: ["4", "", "\""], line: 6),
            CSVRecord(fields: ["5", "a\r\nb", "x"], line: 7),
        ])
    }

    @Test func aTrailingLineEndIsOptionalAndBlankLinesAreSkipped() throws {
        for text in ["a,b", "a,b\n", "a,b\r\n", "a,b\r", "\n\na,b\n\n\n"] {
            #expect(try CSVReaderTests.fields(text) == [["a", "b"]], "\(text.debugDescription)")
        }
        #expect(try CSVReaderTests.fields("a,b,\n,\n") == [["a", "b", ""], ["", ""]])
        #expect(try CSVReaderTests.fields("x\n\"\"\ny") == [["x"], [""], ["y"]], "a quoted empty field is a record; a blank line is not")
        #expect(try CSVReaderTests.fields("") == [])
        #expect(try CSVReaderTests.fields("\r\n\r\n") == [])
        #expect(try CSVReaderTests.records("\n\na\n\n\nb\n\n").map(\.line) == [3, 6])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try CSVReaderTests.fields("\u{FEFF}名称,b\n1,2") == [["名称", "b"], ["1", "2"]])
        #expect(try CSVReaderTests.fields("\u{FEFF}") == [])
        #expect(try CSVReaderTests.fields("\u{FEFF}\"a\"") == [["a"]])
        // A byte order mark anywhere else is data.
        #expect(try CSVReaderTests.fields("a,\u{FEFF}b") == [["a", "\u{FEFF}b"]])
        // And takes no column.
        let error = try #require(CSVReaderTests.failure(Array("\u{FEFF}a\"b".utf8)))
        #expect(error.line == 1 && error.column == 2, "\(error)")
    }

    @Test func aLoneCarriageReturnEndsARecordAndALine() throws {
        #expect(try CSVReaderTests.fields("a,b\rc,d\r\"x\ry\",z") == [["a", "b"], ["c", "d"], ["x\ry", "z"]])
        #expect(try CSVReaderTests.records("a\r\nb\rc\n\rd").map(\.line) == [1, 2, 3, 5])
        let error = try #require(CSVReaderTests.failure(Array("a\r\"b\rc\"\rd\"e".utf8)))
        #expect(error.code == "bare-quote" && error.line == 4 && error.column == 2, "\(error)")
    }

    @Test func otherDelimiters() throws {
        #expect(try CSVReaderTests.fields("a\tb,c\t\"d\te\"\n\t", delimiter: "\t") == [["a", "b,c", "d\te"], ["", ""]])
        #expect(try CSVReaderTests.fields("名称;金额\n\"市农业局;办公室\";1,5", delimiter: ";") == [["名称", "金额"], ["市农业局;办公室", "1,5"]])
        #expect(try CSVReaderTests.fields("a|b", delimiter: "|") == [["a", "b"]])
        #expect(CSVReader.allows(delimiter: ";") && CSVReader.allows(delimiter: "\t"))
        #expect(!CSVReader.allows(delimiter: "\"") && !CSVReader.allows(delimiter: "\n") && !CSVReader.allows(delimiter: "，"))
    }

    @Test func chineseTextAndPlacesOfFields() throws {
        #expect(try CSVReaderTests.fields("部门,金额\n市农业局,\"1,200\"\n\"达州市\n通川区\",") == [["部门", "金额"], ["市农业局", "1,200"], ["达州市\n通川区", ""]])
        for size in CSVReaderTests.bufferSizes {
            var reader = CSVReader(MemoryByteSource("a,\"b\nc\",市,d\n"), bufferSize: size)
            let record = try #require(try reader.next())
            #expect(record.fields == ["a", "b\nc", "市", "d"])
            #expect((0 ..< 4).map { reader.place(ofField: $0).line } == [1, 1, 2, 2])
            #expect((0 ..< 4).map { reader.place(ofField: $0).column } == [1, 3, 4, 6])
            #expect(reader.line == 3 && reader.column == 1)
        }
    }

    /// Random records written as a careful writer would (quotes only where needed or
    /// on a whim, every kind of line end, a last line end or not) read back the same
    /// at every buffer size, on the right lines.
    @Test func randomRecordsReadBackAtEveryBufferSize() throws {
        var random = SplitMix(seed: 2016)
        let pieces = ["a", "b", "7", "市", "农业局", "é", "😀", ",", "\"", "\n", "\r\n", "\r", " ", "\t"]
        for round in 0 ..< 40 {
            var bytes: [UInt8] = []
            var expected: [CSVRecord] = []
            var line = 1
            let recordCount = 1 + random.below(30)
            for index in 0 ..< recordCount {
                var fields: [String] = []
                for _ in 0 ..< 1 + random.below(6) {
                    fields.append((0 ..< random.below(9)).map { _ in pieces[random.below(pieces.count)] }.joined())
                }
                expected.append(CSVRecord(fields: fields, line: line))
                for (position, field) in fields.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    let special = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                    if special || (fields.count == 1 && field.isEmpty) || random.below(4) == 0 {
                        bytes += Array(("\"" + field.replacingQuotes() + "\"").utf8)
                    } else {
                        bytes += Array(field.utf8)
                    }
                    line += field.lineBreaks
                }
                let lineEnd = ["\n", "\r\n", "\r"][random.below(3)]
                if index < recordCount - 1 || random.below(2) == 0 {
                    bytes += Array(lineEnd.utf8)
                    line += 1
                }
            }
            for size in CSVReaderTests.bufferSizes {
                let records = try CSVReaderTests.records(bytes, bufferSize: size)
                // Stops at the first difference: one round's records are enough to read.
                try #require(records == expected, "round \(round), buffer size \(size): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }

    @Test func manyRecordsStreamThrough() throws {
        var text = "n,name,amount\n"
        for number in 0 ..< 20_000 { text += "\(number),\"单位\(number), 达州\",\(number * 3)\n" }
        var reader = CSVReader(MemoryByteSource(text), bufferSize: 4096)
        var count = 0
        while let record = try reader.next() {
            if count > 0 {
                #expect(record.fields == ["\(count - 1)", "单位\(count - 1), 达州", "\((count - 1) * 3)"])
                #expect(record.line == count + 1)
            }
            count += 1
        }
        #expect(count == 20_001)
    }

    @Test func readsThroughAGzipSource() throws {
        // gzip of "部门,金额\r\n市农业局,\"1,200\"\r\n".
        let compressed: [UInt8] = [
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x01, 0x25, 0x00, 0xDA, 0xFF, 0xE9, 0x83, 0xA8, 0xE9, 0x97,
            0xA8, 0x2C, 0xE9, 0x87, 0x91, 0xE9, 0xA2, 0x9D, 0x0D, 0x0A, 0xE5, 0xB8, 0x82, 0xE5, 0x86, 0x9C, 0xE4, 0xB8, 0x9A, 0xE5,
            0xB1, 0x80, 0x2C, 0x22, 0x31, 0x2C, 0x32, 0x30, 0x30, 0x22, 0x0D, 0x0A, 0xD1, 0x15, 0xC1, 0x57, 0x25, 0x00, 0x00, 0x00,
        ]
        var reader = CSVReader(try GzipByteSource(MemoryByteSource(compressed)), bufferSize: 5)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == [CSVRecord(fields: ["部门", "金额"], line: 1), CSVRecord(fields: ["市农业局", "1,200"], line: 2)])
    }

    // MARK: Errors

    /// Bad input is refused with its place and what would be right, at every buffer size.
    @Test(arguments: [
        ("a,b\n1,\"unclosed\n2,3\n", "unclosed-quote", 2, 3, "the quote opened at line 2, column 3 is never closed: the file ends inside its field; close it with \" (and write a quote inside it as \"\")"),
        ("a\n\"a\"b,c", "after-quote", 2, 4, "'b' after the closing quote of a field; a quoted field ends at its closing quote (write a quote inside it as \"\")"),
        ("\"a\" ,b", "after-quote", 1, 4, "a blank after the closing quote"),
        ("市,\"农业\"局", "after-quote", 1, 7, "text after the closing quote"),
        ("a,b\"c", "bare-quote", 1, 4, "a quote inside a field that does not start with one; put the whole field in quotes and write this quote twice (\"a\"\"b\")"),
        ("\"x\r\ny\",\"z\"\r\nab\"c", "bare-quote", 3, 3, "a quote inside a field"),
        ("a,b\0c", "nul", 1, 4, "a NUL byte; a CSV file is UTF-8 text (is this file binary, or UTF-16?)"),
        ("a\n\"ab\0\"", "nul", 2, 4, "a NUL byte"),
    ])
    func badInputIsPlaced(text: String, code: String, line: Int, column: Int, message: String) throws {
        let error = try #require(CSVReaderTests.failure(Array(text.utf8)), "\(text.debugDescription) was accepted")
        #expect(error.code == code, "\(error)")
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message.hasPrefix(message), "\(error.message)")
    }

    @Test func invalidUTF8IsPlacedAtItsByte() throws {
        let plain = try #require(CSVReaderTests.failure(Array("市,a".utf8) + [0xFF] + Array("b\n".utf8)))
        #expect(plain == CSVError("encoding", "this byte is not valid UTF-8; CSV files are read as UTF-8 (save the file as UTF-8)", line: 1, column: 4))
        // Inside quotes, after a doubled quote and a line break.
        let quoted = try #require(CSVReaderTests.failure(Array("x\n\"a\"\"b\nc".utf8) + [0xE5, 0xB8] + Array("\"".utf8)))
        #expect(quoted.code == "encoding" && quoted.line == 3 && quoted.column == 2, "\(quoted)")
        // Cut short at the end of a field.
        let cut = try #require(CSVReaderTests.failure(Array("ok,".utf8) + [0xE5, 0xB8] + Array(",ok".utf8)))
        #expect(cut.code == "encoding" && cut.line == 1 && cut.column == 4, "\(cut)")
        let utf16 = try #require(CSVReaderTests.failure([0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00]))
        #expect(utf16 == CSVError("encoding", "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", line: 1, column: 1))
    }

    @Test func limitsOnFieldsAndRecords() throws {
        var limits = CSVReader.Limits()
        limits.fieldBytes = 5
        limits.fields = 3
        #expect(CSVReaderTests.failure(Array("12345,\"12\"\"45\",\"市\"\na,b,c".utf8), limits: limits) == nil)
        #expect(CSVReaderTests.failure(Array("a\nab,123456".utf8), limits: limits)
            == CSVError("too-long", "the field starting here is longer than 5 bytes; is the delimiter right?", line: 2, column: 4))
        #expect(CSVReaderTests.failure(Array("\"1234\"\"5\"".utf8), limits: limits)
            == CSVError("too-long", "the quoted field opened here is longer than 5 bytes; is its closing quote missing?", line: 1, column: 1))
        #expect(CSVReaderTests.failure(Array("a,b,c\n1,2,3,4".utf8), limits: limits)
            == CSVError("too-many-fields", "the record starting at line 2 has more than 3 fields; is the delimiter right?", line: 2, column: 7))
        // The default limits: 1 MiB a field.
        let long = String(repeating: "x", count: 1 << 20)
        #expect(try CSVReaderTests.records(long + "\n", bufferSize: 1 << 16).map { $0.fields[0].utf8.count } == [1 << 20])
        #expect(throws: CSVError.self) { try CSVReaderTests.records("\"" + long + "y\"", bufferSize: 1 << 16) }
    }

    @Test func aFailingSourceIsPlacedWhereReadingStopped() throws {
        var reader = CSVReader(FailingSource(bytes: Array("a,b\ncd".utf8), failAfter: 6), bufferSize: 4)
        #expect(try reader.next() == CSVRecord(fields: ["a", "b"], line: 1))
        #expect(throws: CSVError("truncated", "the stream is cut short (reading stopped at this place)", line: 2, column: 3)) { _ = try reader.next() }
    }

    // MARK: Header

    static func header(_ text: String) throws -> CSVHeader {
        var reader = CSVReader(MemoryByteSource(text))
        return try CSVHeader.read(from: &reader)
    }

    static func headerFailure(_ text: String, required: [String] = [], optional: [String] = []) -> CSVError? {
        do {
            _ = try header(text).columns(required: required, optional: optional)
            return nil
        } catch {
            return error as? CSVError
        }
    }

    @Test func theHeaderMapsWantedColumns() throws {
        let header = try CSVReaderTests.header("\u{FEFF} ID ,\t名称 ,Amount,nots,extra\n1,2,3,4,5\n")
        #expect(header.names == ["ID", "名称", "Amount", "nots", "extra"])
        #expect(header.line == 1)
        #expect(header.index(of: "id") == 0 && header.index(of: " 名称") == 1 && header.index(of: "none") == nil)
        let columns = try header.columns(required: ["id", "amount"], optional: ["名称", "notes", "date"])
        #expect(columns["id"] == 0 && columns["amount"] == 2 && columns["名称"] == 1 && columns["notes"] == nil)
        #expect(columns.indices == ["id": 0, "amount": 2, "名称": 1])
        #expect(columns.absent == ["notes", "date"])
        #expect(columns.extras.map(\.name) == ["nots", "extra"])
        #expect(columns.extras.map(\.index) == [3, 4])
        #expect(columns.extras.map(\.closest) == [["notes"], []])
        // The header starts after blank lines on the line it is on.
        #expect(try CSVReaderTests.header("\n\na,b").line == 3)
    }

    @Test func headerErrorsArePlaced() throws {
        #expect(CSVReaderTests.headerFailure("id,amout,when\n1,2,3", required: ["id", "amount", "date"])
            == CSVError("missing-column", "the header lacks the columns 'amount' (did you mean 'amout'?) and 'date'; it has: id, amout, when", line: 1, column: 1))
        #expect(CSVReaderTests.headerFailure("\u{FEFF}id", required: ["Date"])
            == CSVError("missing-column", "the header lacks the column 'Date'; it has: id", line: 1, column: 1))
        #expect(CSVReaderTests.headerFailure("a,,c")
            == CSVError("empty-name", "column 2 of the header has no name; give every column a name", line: 1, column: 3))
        #expect(CSVReaderTests.headerFailure("a,\"b\nb\",  ,c")?.description == "2:4: column 3 of the header has no name; give every column a name")
        #expect(CSVReaderTests.headerFailure("date,amount,Date")
            == CSVError("duplicate-name", "the header names 'Date' twice, as columns 1 (as 'date') and 3; name each column once", line: 1, column: 13))
        #expect(CSVReaderTests.headerFailure("市,\" 市\"")
            == CSVError("duplicate-name", "the header names '市' twice, as columns 1 and 2; name each column once", line: 1, column: 3))
        #expect(CSVReaderTests.headerFailure("")
            == CSVError("no-header", "the file is empty; its first line should name the columns, separated by the delimiter", line: 1, column: 1))
        #expect(CSVReaderTests.headerFailure("\n\r\n")?.description == "3:1: the file is empty; its first line should name the columns, separated by the delimiter")
        let many = (1 ... 14).map { "c\($0)" }.joined(separator: ",")
        #expect(CSVReaderTests.headerFailure(many, required: ["c"])?.message == "the header lacks the column 'c' (did you mean 'c1' or 'c2' or 'c3'?); it has: c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, …")
    }
}

/// Fails with a cut-short stream after its first `failAfter` bytes.
private struct FailingSource: ByteSource {
    var bytes: [UInt8]
    var failAfter: Int
    var offset = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset < failAfter else { throw ByteSourceError("truncated", "the stream is cut short") }
        let count = min(buffer.count, failAfter - offset)
        for index in 0 ..< count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

/// A small deterministic generator, so a failing round can be read again.
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

private extension String {
    /// `"` written as `""`.
    func replacingQuotes() -> String {
        var result = ""
        for character in self { result += character == "\"" ? "\"\"" : String(character) }
        return result
    }

    /// Line breaks: LF, CRLF and a lone CR each count one.
    var lineBreaks: Int {
        var count = 0
        var previousCR = false
        for byte in utf8 {
            if byte == 0x0D { count += 1 } else if byte == 0x0A && !previousCR { count += 1 }
            previousCR = byte == 0x0D
        }
        return count
    }
}
