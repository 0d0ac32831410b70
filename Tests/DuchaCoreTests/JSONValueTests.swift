import DuchaCore
import Testing

private func day(_ text: String) -> CivilDate { CivilDate(text)! }

@Suite struct JSONValueTests {
    /// The parse error for `text`, or nil when it parses.
    static func parseError(_ text: String) -> JSONValue.ParseError? {
        do {
            _ = try JSONValue.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func anObjectKeepsItsMembersInOrder() throws {
        let value = try JSONValue.parse(#"{"b": 1, "a": [true, false, null], "c": {"d": "x"}, "e": {}, "f": []}"#)
        #expect(value == .object([
            (key: "b", value: .number(1)),
            (key: "a", value: .array([.bool(true), .bool(false), .null])),
            (key: "c", value: .object([(key: "d", value: .string("x"))])),
            (key: "e", value: .object([])),
            (key: "f", value: .array([])),
        ]))
        #expect(value["c"]?["d"]?.string == "x")
        #expect(value["a"]?.array?.count == 3)
        #expect(value["b"]?.number == 1)
        #expect(value["missing"] == nil)
        #expect(value["a"]?["b"] == nil)
        // Member order matters for equality.
        #expect(try JSONValue.parse(#"{"a": 1, "b": 2}"#) != JSONValue.parse(#"{"b": 2, "a": 1}"#))
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u00e9\u4E2D""#, "é中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""a\uD834\uDD1Eb""#, "a\u{1D11E}b"),
        (#""中文 直接""#, "中文 直接"),
        (#""""#, ""),
    ])
    func stringsDecodeTheirEscapes(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text) == .string(expected))
    }

    @Test(arguments: [("0", 0.0), ("-0", 0.0), ("42", 42.0), ("-12.5", -12.5), ("1e3", 1000.0), ("2.5E-1", 0.25), ("-1.5e+2", -150.0)])
    func numbersReadAsDoubles(text: String, value: Double) throws {
        #expect(try JSONValue.parse(text) == .number(value))
    }

    @Test func wordsAndBlanks() throws {
        #expect(try JSONValue.parse(" \n\t true \r\n") == .bool(true))
        #expect(try JSONValue.parse("false") == .bool(false))
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse("\u{FEFF}[1]") == .array([.number(1)]))
    }

    @Test func aMissingCommaIsPlacedByLineAndColumn() throws {
        let text = """
        {
          "year": 2027,
          "days": []
          "papers": []
        }
        """
        let error = try #require(JSONValueTests.parseError(text))
        // Line 4 is `  "papers": []`; the parser stops at its opening quote, column 3.
        #expect(error.line == 4)
        #expect(error.column == 3)
        #expect(error.message.contains("','"))
    }

    @Test func aMissingCommaOnLineThree() throws {
        let error = try #require(JSONValueTests.parseError("[\n  1,\n  2 3\n]"))
        #expect(error.line == 3)
        #expect(error.column == 5)
    }

    @Test(arguments: [
        ("", 1, 1), ("[1,]", 1, 4), ("{\"a\" 1}", 1, 6), ("{\"a\": 1,}", 1, 9), ("[1] x", 1, 5), ("\"open", 1, 6),
        ("tru", 1, 1), ("{a: 1}", 1, 2), ("[\n\n   nul]", 3, 4), ("\"\\x\"", 1, 3), ("[1 2]", 1, 4),
    ])
    func errorsArePlaced(text: String, line: Int, column: Int) throws {
        let error = try #require(JSONValueTests.parseError(text))
        #expect(error.line == line, "\(error.message)")
        #expect(error.column == column, "\(error.message)")
        #expect(!error.message.isEmpty)
    }

    @Test(arguments: ["\"a\u{1}b\"", "\"tab\there\"", "\"new\nline\""])
    func controlCharactersInsideStringsAreRefused(text: String) {
        #expect(JSONValueTests.parseError(text) != nil)
    }

    @Test(arguments: [#""\u12""#, #""\uZZZZ""#, #""\udc00""#, #""\ud800""#, #""\ud83d\u0041""#, #""\ud83d\ud83d""#, #""\ud83d\ue000""#, #""\ud83dx""#])
    func badUnicodeEscapesAreRefused(text: String) {
        #expect(JSONValueTests.parseError(text) != nil)
    }

    /// RFC 8259's number grammar, no more.
    @Test(arguments: ["01", "00", "-01", "+1", ".5", "1.", "1.e3", "1e", "1e+", "-", "--1", "0x10"])
    func numbersOutsideTheGrammarAreRefused(text: String) {
        #expect(JSONValueTests.parseError("[" + text + "]") != nil, "\(text)")
    }

    /// Columns count characters: a letter with a combining mark is one.
    @Test func columnsCountCharacters() throws {
        let error = try #require(JSONValueTests.parseError("[\"e\u{301}\", x]"))
        #expect(error.line == 1 && error.column == 7, "\(error)")
    }

    @Test func sixtyFourNestedArraysMayHoldAValue() throws {
        let text = String(repeating: "[", count: 64) + "1" + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue.parse(text) }
    }

    @Test func sixtyFourLevelsOfNestingAreReadAndSixtyFiveRefused() throws {
        let sixtyFour = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var value = try JSONValue.parse(sixtyFour)
        var depth = 0
        while let items = value.array {
            depth += 1
            guard let first = items.first else { break }
            value = first
        }
        #expect(depth == 64)
        let sixtyFive = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(JSONValueTests.parseError(sixtyFive))
        #expect(error.message.contains("64"))
        #expect(error.line == 1 && error.column == 65)
        let objects = String(repeating: #"{"a":"#, count: 65) + "{}" + String(repeating: "}", count: 65)
        #expect(JSONValueTests.parseError(objects) != nil)
        // A deep document does not crash the parser.
        #expect(JSONValueTests.parseError(String(repeating: "[", count: 100_000)) != nil)
    }
}

@Suite struct HolidayCNTests {
    static let valid = """
    {
      "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
      "year": 2027,
      "papers": ["https://www.gov.cn/zhengce/2027-notice.htm", "https://example.org/second"],
      "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
        {"name": "春节", "date": "2027-02-20", "isOffDay": false}
      ]
    }
    """

    /// The message of the error reading `text`, or nil when it reads.
    static func failure(_ text: String) -> String? {
        do {
            _ = try HolidayNotice.parseHolidayCN(text, source: "2027.json")
            return nil
        } catch {
            return error.message
        }
    }

    /// A document for 2027 with the given `days` items.
    static func document(_ days: String, year: String = "\"year\": 2027, ") -> String {
        "{\(year)\"days\": [\(days)]}"
    }

    @Test func aHolidayCNDocumentGivesItsDaysInDateOrder() throws {
        let notice = try HolidayNotice.parseHolidayCN(HolidayCNTests.valid, source: "2027.json")
        #expect(notice.year == 2027)
        #expect(notice.days == [
            HolidayNotice.Day(name: "元旦", date: day("2026-12-31"), isOffDay: true),
            HolidayNotice.Day(name: "元旦", date: day("2027-01-01"), isOffDay: true),
            HolidayNotice.Day(name: "春节", date: day("2027-02-20"), isOffDay: false),
        ])
        #expect(notice.source.contains("2027.json"))
        #expect(notice.source.contains("https://www.gov.cn/zhengce/2027-notice.htm"))
    }

    @Test func aReadNoticeExtendsTheCalendar() throws {
        let notice = try HolidayNotice.parseHolidayCN(HolidayCNTests.valid, source: "2027.json")
        let calendar = WorkdayCalendar.official.adding(notice)
        #expect(calendar.knows(day("2027-03-01")))
        #expect(!calendar.isWorkday(day("2026-12-31")))
        #expect(!calendar.isWorkday(day("2027-01-01")))
        #expect(calendar.isWorkday(day("2027-02-20")))
        // Wednesday 30 December + 1: Thursday the 31st and Friday the 1st off, then a weekend.
        let reckoning = calendar.adding(workdays: 1, to: day("2026-12-30"))
        #expect(reckoning.date == day("2027-01-04"))
        #expect(!reckoning.isProvisional)
    }

    @Test func anEmptyListOfDaysIsANoticeWithoutHolidays() throws {
        let notice = try HolidayNotice.parseHolidayCN(HolidayCNTests.document(""), source: "x")
        #expect(notice.year == 2027 && notice.days.isEmpty)
    }

    @Test(arguments: [
        (#"{"days": []}"#, "\"year\""),
        (#"{"year": "2027", "days": []}"#, "\"year\""),
        (#"{"year": 2027.5, "days": []}"#, "\"year\""),
        (#"{"year": 2027}"#, "\"days\""),
        (#"{"year": 2027, "days": {}}"#, "\"days\""),
        (#"[2027]"#, "object"),
    ])
    func aDocumentWithoutYearOrDaysIsRefused(text: String, mentions: String) throws {
        let message = try #require(HolidayCNTests.failure(text))
        #expect(message.contains(mentions), "\(message)")
    }

    @Test(arguments: ["2027-02-30", "2027-13-01", "27-01-01", "2027/01/01", ""])
    func aBadDateIsRefusedWithItsPlace(date: String) throws {
        let text = HolidayCNTests.document(#"{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, {"name": "春节", "date": "\#(date)", "isOffDay": true}"#)
        let message = try #require(HolidayCNTests.failure(text))
        #expect(message.contains("days[1]"), "\(message)")
        #expect(message.contains("YYYY-MM-DD"), "\(message)")
    }

    @Test(arguments: ["2026-11-30", "2025-12-31", "2028-01-01", "2026-01-01"])
    func aDateOutsideTheYearAndTheDecemberBeforeIsRefused(date: String) throws {
        let text = HolidayCNTests.document(#"{"name": "元旦", "date": "\#(date)", "isOffDay": true}"#)
        let message = try #require(HolidayCNTests.failure(text))
        #expect(message.contains("days[0]"))
        #expect(message.contains(date))
        #expect(message.contains("2027"))
    }

    @Test(arguments: ["2026-12-01", "2026-12-31", "2027-01-01", "2027-12-31"])
    func datesInTheYearOrTheDecemberBeforeAreTaken(date: String) throws {
        let text = HolidayCNTests.document(#"{"name": "元旦", "date": "\#(date)", "isOffDay": true}"#)
        #expect(HolidayCNTests.failure(text) == nil)
    }

    @Test func aDateTwiceIsRefused() throws {
        let text = HolidayCNTests.document(#"""
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "春节", "date": "2027-02-06", "isOffDay": true},
        {"name": "元旦", "date": "2027-01-01", "isOffDay": false}
        """#)
        let message = try #require(HolidayCNTests.failure(text))
        #expect(message.contains("days[2]"))
        #expect(message.contains("2027-01-01"))
        #expect(message.contains("twice"))
    }

    @Test(arguments: [
        (#"{"date": "2027-01-01", "isOffDay": true}"#, "\"name\""),
        (#"{"name": "", "date": "2027-01-01", "isOffDay": true}"#, "\"name\""),
        (#"{"name": "元旦", "date": "2027-01-01"}"#, "\"isOffDay\""),
        (#"{"name": "元旦", "date": "2027-01-01", "isOffDay": "true"}"#, "\"isOffDay\""),
        (#"{"name": "元旦", "isOffDay": true}"#, "\"date\""),
    ])
    func aDayWithoutItsFieldsIsRefused(item: String, mentions: String) throws {
        let message = try #require(HolidayCNTests.failure(HolidayCNTests.document(item)))
        #expect(message.contains("days[0]"))
        #expect(message.contains(mentions), "\(message)")
    }

    @Test func aSyntaxErrorKeepsItsLine() throws {
        let text = "{\n  \"year\": 2027,\n  \"days\": [\n    {\"name\": \"元旦\" \"date\": \"2027-01-01\"}\n  ]\n}"
        do {
            _ = try HolidayNotice.parseHolidayCN(text, source: "2027.json")
            Issue.record("a malformed document was read")
        } catch {
            #expect(error.line == 4)
            #expect(error.column > 1)
        }
    }
}
