/// Splits query text into tokens. It never fails and never drops input: a character the
/// language does not use becomes an `unknown` token, an open string an
/// `unterminatedString`, and the parser turns those into diagnostics. Full-width
/// punctuation that a Chinese input method produces (，（）｜“”) is read as its ASCII
/// counterpart, and a full-width space as a blank.
public enum Lexer {
    /// Every token of `text`, ending with an `end` token that carries the trailing trivia.
    public static func tokens(_ text: String) -> [Token] {
        tokens(text, readingASCIIBytes: true)
    }

    /// `tokens(_:)`, with or without reading ASCII by bytes: without, every character
    /// is read as a `Character`, the plain definition the byte path must agree with
    /// (a test compares the two on random text).
    static func tokens(_ text: String, readingASCIIBytes bytes: Bool, limit: Int = .max) -> [Token] {
        var tokens: [Token] = []
        // An entry is a few dozen tokens: room for them at once, not growth by doubling.
        tokens.reserveCapacity(Swift.min(limit, 32))
        var index = text.startIndex
        while tokens.count < limit {
            let triviaStart = index
            skipTrivia(text, &index, readingASCIIBytes: bytes)
            let trivia = text[triviaStart..<index]
            guard index < text.endIndex else {
                tokens.append(Token(kind: .end, text: text[index..<index], leadingTrivia: trivia))
                return tokens
            }
            let start = index
            let kind = scanToken(text, &index, readingASCIIBytes: bytes)
            tokens.append(Token(kind: kind, text: text[start..<index], leadingTrivia: trivia))
        }
        return tokens
    }

    /// The first token of `text` (`end` for blank text), without reading the rest: what a
    /// line starts with decides whether it is a command or a query.
    public static func firstToken(_ text: String) -> Token {
        tokens(text, readingASCIIBytes: true, limit: 1)[0]
    }

    /// What is still open at the end of `text`, so an entry can go on on the next line:
    /// a string, parentheses, or a pipeline ending in `|`. Nil when the text is complete.
    public static func openConstruct(_ text: String) -> OpenConstruct? {
        var depth = 0
        var last: Token.Kind = .end
        for token in tokens(text) {
            switch token.kind {
            case .unterminatedString: return .string
            case .openParenthesis: depth += 1
            case .closeParenthesis: depth = max(0, depth - 1)
            case .end: break
            default: break
            }
            if token.kind != .end { last = token.kind }
        }
        if depth > 0 { return .parenthesis }
        if last == .pipe { return .pipe }
        return nil
    }

    /// What keeps an entry open across lines.
    public enum OpenConstruct: Sendable, Equatable {
        /// A string whose closing quote has not come yet.
        case string
        /// A parenthesis not yet closed.
        case parenthesis
        /// A pipeline ending in `|`: the next stage follows.
        case pipe

        /// The marker the continuation prompt shows.
        public var marker: String {
            switch self {
            case .string: return "\""
            case .parenthesis: return "("
            case .pipe: return "|"
            }
        }
    }

    // MARK: Scanning

    static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n" || character == "\u{3000}"
    }

    static func isIdentifierStart(_ character: Character) -> Bool {
        if character == "_" { return true }
        if character.isASCII { return character.isLetter }
        return character.isLetter
    }

    static func isIdentifierPart(_ character: Character) -> Bool {
        isIdentifierStart(character) || character.isASCII && character.isNumber
    }

    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// The byte at `index` when the character there is that one ASCII byte alone, as
    /// it is for nearly all of a query, so the scanner can compare bytes instead of
    /// building `Character`s; nil otherwise (beyond the end, a non-ASCII character, CR LF,
    /// or a byte that a following combining mark could join), and the scanner then reads
    /// the `Character` as before. After such a byte the next one starts a character.
    @inline(__always)
    private static func ascii(_ text: String, _ index: String.Index) -> UInt8? {
        let utf8 = text.utf8
        guard index < utf8.endIndex else { return nil }
        let byte = utf8[index]
        guard byte < 0x80 else { return nil }
        let next = utf8.index(after: index)
        if next < utf8.endIndex {
            let following = utf8[next]
            if following >= 0x80 || (byte == 0x0D && following == 0x0A) { return nil }
        }
        return byte
    }

    @inline(__always)
    private static func isASCIIIdentifierPart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    private static func skipTrivia(_ text: String, _ index: inout String.Index, readingASCIIBytes bytes: Bool) {
        while index < text.endIndex {
            if bytes, let byte = ascii(text, index) {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    index = text.utf8.index(after: index)
                    continue
                }
                // Anything else but a possible comment ends the trivia.
                if byte != UInt8(ascii: "-") { return }
            }
            let character = text[index]
            if isBlank(character) {
                index = text.index(after: index)
            } else if character == "-", text[index...].hasPrefix("--") {
                while index < text.endIndex, text[index] != "\n", text[index] != "\r\n" { index = text.index(after: index) }
            } else {
                return
            }
        }
    }

    private static func scanToken(_ text: String, _ index: inout String.Index, readingASCIIBytes bytes: Bool) -> Token.Kind {
        if bytes, let byte = ascii(text, index), let kind = scanASCIIToken(byte, text, &index) { return kind }
        let character = text[index]
        let next = text.index(after: index)
        let following: Character? = next < text.endIndex ? text[next] : nil
        func take(_ count: Int, _ kind: Token.Kind) -> Token.Kind {
            index = text.index(index, offsetBy: count)
            return kind
        }
        switch character {
        case "\"", "'", "“": return scanString(text, &index)
        case "|", "｜": return take(1, .pipe)
        case ",", "，": return take(1, .comma)
        case "(", "（": return take(1, .openParenthesis)
        case ")", "）": return take(1, .closeParenthesis)
        case ".": return following == "." ? take(2, .range) : take(1, .dot)
        case "=": return following == "=" ? take(2, .equal) : take(1, .equal)
        case "!": return following == "=" ? take(2, .notEqual) : take(1, .unknown)
        case "<":
            if following == "=" { return take(2, .lessOrEqual) }
            if following == ">" { return take(2, .notEqual) }
            return take(1, .less)
        case ">": return following == "=" ? take(2, .greaterOrEqual) : take(1, .greater)
        case "~", "～": return take(1, .contains)
        case "+": return take(1, .plus)
        case "-": return take(1, .minus)
        case "*": return take(1, .star)
        case "/": return take(1, .slash)
        default:
            if isDigit(character) { return scanNumber(text, &index) }
            if isIdentifierStart(character) {
                while index < text.endIndex, isIdentifierPart(text[index]) { index = text.index(after: index) }
                return .identifier
            }
            return take(1, .unknown)
        }
    }

    /// `scanToken` for a character that is one ASCII byte: punctuation and operators,
    /// and identifiers read byte by byte while they stay ASCII. Nil for what it leaves
    /// to the `Character` path (strings and numbers).
    private static func scanASCIIToken(_ byte: UInt8, _ text: String, _ index: inout String.Index) -> Token.Kind? {
        let next = text.utf8.index(after: index)
        let following = ascii(text, next)
        // An ASCII byte next that `ascii` will not vouch for (a character may join it):
        // what a two-character operator is is then the `Character` path's to say.
        let unsure = following == nil && next < text.utf8.endIndex && text.utf8[next] < 0x80
        func take(_ count: Int, _ kind: Token.Kind) -> Token.Kind {
            index = count == 1 ? next : text.utf8.index(after: next)
            return kind
        }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return nil
        case UInt8(ascii: "."), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            if unsure { return nil }
            return scanASCIIOperator(byte, following, take)
        case UInt8(ascii: "|"): return take(1, .pipe)
        case UInt8(ascii: ","): return take(1, .comma)
        case UInt8(ascii: "("): return take(1, .openParenthesis)
        case UInt8(ascii: ")"): return take(1, .closeParenthesis)
        case UInt8(ascii: "~"): return take(1, .contains)
        case UInt8(ascii: "+"): return take(1, .plus)
        case UInt8(ascii: "-"): return take(1, .minus)
        case UInt8(ascii: "*"): return take(1, .star)
        case UInt8(ascii: "/"): return take(1, .slash)
        case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "_"):
            index = next
            while let part = ascii(text, index), isASCIIIdentifierPart(part) { index = text.utf8.index(after: index) }
            // An identifier may go on in other scripts (部门 after a Latin prefix).
            while index < text.endIndex, isIdentifierPart(text[index]) { index = text.index(after: index) }
            return .identifier
        default: return take(1, .unknown)
        }
    }

    /// The operators that may take two characters: `.` `..` `=` `==` `!=` `<` `<=` `<>` `>` `>=`.
    private static func scanASCIIOperator(_ byte: UInt8, _ following: UInt8?, _ take: (Int, Token.Kind) -> Token.Kind) -> Token.Kind {
        switch byte {
        case UInt8(ascii: "."): return following == UInt8(ascii: ".") ? take(2, .range) : take(1, .dot)
        case UInt8(ascii: "="): return following == UInt8(ascii: "=") ? take(2, .equal) : take(1, .equal)
        case UInt8(ascii: "!"): return following == UInt8(ascii: "=") ? take(2, .notEqual) : take(1, .unknown)
        case UInt8(ascii: "<"):
            if following == UInt8(ascii: "=") { return take(2, .lessOrEqual) }
            if following == UInt8(ascii: ">") { return take(2, .notEqual) }
            return take(1, .less)
        default: return following == UInt8(ascii: "=") ? take(2, .greaterOrEqual) : take(1, .greater)
        }
    }

    private static func scanString(_ text: String, _ index: inout String.Index) -> Token.Kind {
        let open = text[index]
        let close: Character = open == "“" ? "”" : open
        index = text.index(after: index)
        var escaped = false
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if escaped {
                escaped = false
            } else if character == "\\" && open != "“" {
                escaped = true
            } else if character == close {
                return .string
            }
        }
        return .unterminatedString
    }

    /// Numbers, dates (`2016-06-15`), months (`2016-05`) and durations (`7d`, `3mo`).
    private static func scanNumber(_ text: String, _ index: inout String.Index) -> Token.Kind {
        let start = index
        func digits(from position: String.Index) -> String.Index {
            var position = position
            while position < text.endIndex, isDigit(text[position]) { position = text.index(after: position) }
            return position
        }
        func twoDigitsAfterDash(at position: String.Index) -> String.Index? {
            guard position < text.endIndex, text[position] == "-" else { return nil }
            let first = text.index(after: position)
            let end = digits(from: first)
            return text.distance(from: first, to: end) == 2 ? end : nil
        }
        index = digits(from: index)
        if text.distance(from: start, to: index) == 4, let monthEnd = twoDigitsAfterDash(at: index) {
            if let dayEnd = twoDigitsAfterDash(at: monthEnd) {
                index = dayEnd
                return endsCleanly(text, index) ? .date : consumeRest(text, &index)
            }
            index = monthEnd
            return endsCleanly(text, index) ? .month : consumeRest(text, &index)
        }
        if index < text.endIndex, text[index] == ".", text.index(after: index) < text.endIndex, isDigit(text[text.index(after: index)]) {
            index = digits(from: text.index(after: index))
        }
        if index < text.endIndex, text[index].isASCII, text[index].isLetter {
            let unitStart = index
            while index < text.endIndex, text[index].isASCII, text[index].isLetter { index = text.index(after: index) }
            let unit = text[unitStart..<index]
            if ["d", "h", "m", "mo", "w", "y"].contains(unit) && endsCleanly(text, index) { return .duration }
            return consumeRest(text, &index)
        }
        return endsCleanly(text, index) ? .number : consumeRest(text, &index)
    }

    private static func endsCleanly(_ text: String, _ index: String.Index) -> Bool {
        index == text.endIndex || !isIdentifierPart(text[index])
    }

    private static func consumeRest(_ text: String, _ index: inout String.Index) -> Token.Kind {
        while index < text.endIndex, isIdentifierPart(text[index]) { index = text.index(after: index) }
        return .malformedNumber
    }
}
