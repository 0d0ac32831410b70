/// A dot-command line split into words: blanks separate words, double quotes group
/// them (`\"` inside quotes is a quote), and so do single quotes (taken as written, as
/// shells do). Each word keeps its column for error carets.
struct CommandWords {
    struct Word: Equatable {
        let text: String
        /// Characters from the start of the line, from 0.
        let offset: Int
    }

    let words: [Word]
    /// Set when a quote was left open.
    let unterminatedQuoteOffset: Int?
    /// The quote left open.
    let unterminatedQuote: Character?

    init(_ line: String) {
        var words: [Word] = []
        var current = ""
        var start: Int?
        var quoteStart: Int?
        var quote: Character = "\""
        var escaped = false
        for (offset, character) in line.enumerated() {
            if quoteStart != nil && quote == "'" {
                if character == "'" { quoteStart = nil } else { current.append(character) }
            } else if quoteStart != nil {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    quoteStart = nil
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "'" {
                quoteStart = offset
                quote = character
                if start == nil { start = offset }
            } else if character.isWhitespace {
                if let begin = start {
                    words.append(Word(text: current, offset: begin))
                    current = ""
                    start = nil
                }
            } else {
                current.append(character)
                if start == nil { start = offset }
            }
        }
        if let begin = start { words.append(Word(text: current, offset: begin)) }
        self.words = words
        self.unterminatedQuoteOffset = quoteStart
        self.unterminatedQuote = quoteStart == nil ? nil : quote
    }

    /// The message for a quote left open.
    var unterminatedMessage: String {
        "unterminated string; close it with \(unterminatedQuote.map(String.init) ?? "\"")"
    }
}
