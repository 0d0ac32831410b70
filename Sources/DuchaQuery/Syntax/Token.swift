/// One token of the query language, with the blanks and comments before it, so that
/// the tokens of a text, joined with their trivia, give the text back unchanged.
public struct Token: Hashable, Sendable {
    /// What kind of token.
    public enum Kind: String, Hashable, Sendable {
        /// A name: a source, field, function, keyword or enum word (ASCII or Chinese).
        case identifier
        /// A quoted string: "…", '…' or “…”.
        case string
        /// A whole or decimal number.
        case number
        /// A date, `2016-06-15`.
        case date
        /// A month, `2016-05`.
        case month
        /// A duration, `7d`, `12h`, `30m`, `3mo`, `2w`, `1y`.
        case duration
        case pipe = "|"
        case comma = ","
        case dot = "."
        case range = ".."
        case openParenthesis = "("
        case closeParenthesis = ")"
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case contains = "~"
        case plus = "+"
        case minus = "-"
        case star = "*"
        case slash = "/"
        /// A string whose closing quote is missing.
        case unterminatedString
        /// A number run into letters, such as `3x`.
        case malformedNumber
        /// A character the language does not use.
        case unknown
        /// The end of the text (carries the trailing trivia).
        case end
    }

    /// What kind of token.
    public let kind: Kind
    /// The token's own text.
    public let text: Substring
    /// Blanks and comments before the token.
    public let leadingTrivia: Substring

    /// Where the token starts in the text.
    public var start: String.Index { text.startIndex }

    /// Makes a token.
    public init(kind: Kind, text: Substring, leadingTrivia: Substring) {
        self.kind = kind
        self.text = text
        self.leadingTrivia = leadingTrivia
    }

    /// The value of a string token without its quotes, escapes resolved.
    public var stringValue: String {
        guard kind == .string || kind == .unterminatedString, let open = text.first else { return String(text) }
        var body = text.dropFirst()
        if kind == .string { body = body.dropLast() }
        guard open != "“" else { return String(body) }
        var value = ""
        var escaped = false
        for character in body {
            if escaped {
                switch character {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                value.append(character)
            }
        }
        return value
    }
}

extension Token {
    /// The token in a dump: punctuation as itself, anything else as `kind:text`.
    public var dump: String {
        switch kind {
        case .identifier, .string, .number, .date, .month, .duration, .unterminatedString, .malformedNumber, .unknown:
            return kind.rawValue + ":" + text
        case .end: return "end"
        default: return kind.rawValue
        }
    }
}
