/// A parsed JSON document (RFC 8259), for small files people hand to the shell, such as
/// holiday calendars. Errors name the line and column.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member called `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    public var string: String? { if case .string(let text) = self { return text } else { return nil } }
    public var bool: Bool? { if case .bool(let flag) = self { return flag } else { return nil } }
    public var number: Double? { if case .number(let value) = self { return value } else { return nil } }
    public var array: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }

    /// What went wrong, and where (line and column from 1, columns in characters).
    public struct ParseError: Error, Equatable, Sendable {
        public let message: String
        public let line: Int
        public let column: Int
    }

    /// Parses a whole document; nothing but blanks may follow the value.
    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        parser.skipBlanks()
        if parser.peek == "\u{FEFF}" { parser.index += 1; parser.skipBlanks() }
        let value = try parser.value(depth: 0)
        parser.skipBlanks()
        guard parser.index == parser.scalars.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        /// The error at the current place; the column counts characters (a letter with a
        /// combining mark is one), from 1.
        func error(_ message: String) -> ParseError {
            var line = 1, lineStart = 0
            let end = min(index, scalars.count)
            for (offset, scalar) in scalars[..<end].enumerated() where scalar == "\n" {
                line += 1
                lineStart = offset + 1
            }
            var before = String.UnicodeScalarView()
            before.append(contentsOf: scalars[lineStart..<end])
            return ParseError(message: message, line: line, column: String(before).count + 1)
        }

        mutating func skipBlanks() {
            while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { index += 1 }
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONValue {
            guard let scalar = peek else { throw error("the text ends where a value should be") }
            switch scalar {
            case "{":
                guard depth < 64 else { throw error("nested more than 64 levels deep") }
                index += 1
                var members: [(key: String, value: JSONValue)] = []
                skipBlanks()
                if peek == "}" { index += 1; return .object(members) }
                while true {
                    skipBlanks()
                    guard peek == "\"" else { throw error("expected a member name in double quotes") }
                    let key = try string()
                    skipBlanks()
                    guard peek == ":" else { throw error("expected ':' after the member name \"\(key)\"") }
                    index += 1
                    skipBlanks()
                    members.append((key, try value(depth: depth + 1)))
                    skipBlanks()
                    if peek == "," { index += 1; continue }
                    if peek == "}" { index += 1; return .object(members) }
                    throw error("expected ',' or '}' in an object")
                }
            case "[":
                guard depth < 64 else { throw error("nested more than 64 levels deep") }
                index += 1
                var items: [JSONValue] = []
                skipBlanks()
                if peek == "]" { index += 1; return .array(items) }
                while true {
                    skipBlanks()
                    items.append(try value(depth: depth + 1))
                    skipBlanks()
                    if peek == "," { index += 1; continue }
                    if peek == "]" { index += 1; return .array(items) }
                    throw error("expected ',' or ']' in an array")
                }
            case "\"":
                return .string(try string())
            case "t": return try word("true", .bool(true))
            case "f": return try word("false", .bool(false))
            case "n": return try word("null", .null)
            default:
                return try number()
            }
        }

        mutating func word(_ text: String, _ value: JSONValue) throws(ParseError) -> JSONValue {
            let expected = Array(text.unicodeScalars)
            guard index + expected.count <= scalars.count, Array(scalars[index..<index + expected.count]) == expected else {
                throw error("expected a value (a string, number, object, array, true, false or null)")
            }
            index += expected.count
            return value
        }

        /// A number as RFC 8259 writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
        mutating func number() throws(ParseError) -> JSONValue {
            let start = index
            func digits() -> Int {
                let first = index
                while let scalar = peek, ("0"..."9").contains(scalar) { index += 1 }
                return index - first
            }
            func refuse() -> ParseError {
                index = start
                return error("expected a value (a string, number, object, array, true, false or null)")
            }
            if peek == "-" { index += 1 }
            if peek == "0" {
                index += 1
                if let next = peek, ("0"..."9").contains(next) { throw error("a number does not start with 0 unless it is 0 (write 1, not 01)") }
            } else if digits() == 0 {
                throw refuse()
            }
            if peek == "." {
                index += 1
                guard digits() > 0 else { throw error("a decimal point needs digits after it (write 1.0, not 1.)") }
            }
            if peek == "e" || peek == "E" {
                index += 1
                if peek == "+" || peek == "-" { index += 1 }
                guard digits() > 0 else { throw error("an exponent needs digits (write 1e3)") }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[start..<index])
            guard let value = Double(text) else { throw refuse() }
            return .number(value)
        }

        mutating func string() throws(ParseError) -> String {
            index += 1
            var text = String.UnicodeScalarView()
            while true {
                guard let scalar = peek else { throw error("a string is not closed with '\"'") }
                index += 1
                switch scalar {
                case "\"": return String(text)
                case "\\":
                    guard let escape = peek else { throw error("a string is not closed with '\"'") }
                    index += 1
                    switch escape {
                    case "\"": text.append("\"")
                    case "\\": text.append("\\")
                    case "/": text.append("/")
                    case "b": text.append("\u{8}")
                    case "f": text.append("\u{C}")
                    case "n": text.append("\n")
                    case "r": text.append("\r")
                    case "t": text.append("\t")
                    case "u":
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            guard peek == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                                throw error("a \\u escape of a high surrogate must be followed by one of a low surrogate (\\uDC00 to \\uDFFF)")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else {
                                throw error("a \\u escape of a high surrogate must be followed by one of a low surrogate (\\uDC00 to \\uDFFF)")
                            }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            throw error("a lone low surrogate \\u escape is not a character")
                        }
                        guard let decoded = Unicode.Scalar(code) else { throw error("\\u escape is not a character") }
                        text.append(decoded)
                    default:
                        index -= 1
                        throw error("unknown escape \\\(escape) in a string")
                    }
                default:
                    guard scalar.value >= 0x20 else { throw error("a control character inside a string; write it escaped") }
                    text.append(scalar)
                }
            }
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard index + 4 <= scalars.count else { throw error("\\u needs four hex digits") }
            var value: UInt32 = 0
            for scalar in scalars[index..<index + 4] {
                guard let digit = Int(String(scalar), radix: 16) else { throw error("\\u needs four hex digits") }
                value = value * 16 + UInt32(digit)
            }
            index += 4
            return value
        }
    }
}

extension HolidayNotice {
    /// Reads a notice in the layout of the widely used holiday-cn files:
    /// `{"year": 2027, "papers": [...], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, ...]}`.
    /// Every day must be in the year or the December before it, once.
    public static func parseHolidayCN(_ text: String, source: String) throws(JSONValue.ParseError) -> HolidayNotice {
        let document = try JSONValue.parse(text)
        func refuse(_ message: String) -> JSONValue.ParseError { JSONValue.ParseError(message: message, line: 0, column: 0) }
        guard case .object = document else { throw refuse("the file holds no JSON object; a holiday-cn file is {\"year\": ..., \"days\": [...]}") }
        guard let number = document["year"]?.number, number == number.rounded(), (1949...2200).contains(number) else {
            throw refuse("the object has no \"year\" (a whole number such as 2027)")
        }
        let year = Int(number)
        guard let items = document["days"]?.array else { throw refuse("the object has no \"days\" array") }
        var days: [Day] = []
        var seen: Set<CivilDate> = []
        for (position, item) in items.enumerated() {
            let place = "days[\(position)]"
            guard let name = item["name"]?.string, !name.isEmpty else { throw refuse("\(place) has no \"name\"") }
            guard let written = item["date"]?.string, let date = CivilDate(written) else { throw refuse("\(place) has no \"date\" written YYYY-MM-DD") }
            guard let off = item["isOffDay"]?.bool else { throw refuse("\(place) (\(written)) has no \"isOffDay\" true or false") }
            guard date.year == year || (date.year == year - 1 && date.month == 12) else {
                throw refuse("\(place) (\(written)) lies outside \(year) and the December before it")
            }
            guard seen.insert(date).inserted else { throw refuse("\(place): \(written) comes twice") }
            days.append(Day(name: name, date: date, isOffDay: off))
        }
        let papers = document["papers"]?.array?.compactMap(\.string) ?? []
        return HolidayNotice(year: year, source: ([source] + papers.prefix(1)).joined(separator: " · "), days: days)
    }
}
