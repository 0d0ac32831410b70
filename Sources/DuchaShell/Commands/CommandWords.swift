import DuchaCore

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

    /// The words of a command's arguments, which start at `position`; an unterminated
    /// quote is an error placed at the quote.
    static func arguments(_ rest: String, at position: SourcePosition) throws -> [Word] {
        let parsed = CommandWords(rest)
        if let open = parsed.unterminatedQuoteOffset {
            throw ShellError(.badArgument, parsed.unterminatedMessage, at: position.advanced(by: open))
        }
        return parsed.words
    }
}

/// Reads a command's words one by one, for commands with keywords that take a value
/// (`due 2016-06-15`, `cc "..."`).
struct WordCursor {
    let words: [CommandWords.Word]
    /// Where the words' offsets count from.
    let position: SourcePosition
    /// The word being read.
    var index = 0

    init(_ words: [CommandWords.Word], at position: SourcePosition, from index: Int = 0) {
        self.words = words
        self.position = position
        self.index = index
    }

    /// The word being read, or nil past the end.
    var current: CommandWords.Word? { index < words.count ? words[index] : nil }

    /// The place of a word, for errors.
    func place(_ word: CommandWords.Word) -> SourcePosition { position.advanced(by: word.offset) }

    /// Moves to the word after `keyword`, its value; an error naming an example when there is none.
    mutating func value(after keyword: CommandWords.Word, _ example: String) throws -> CommandWords.Word {
        guard index + 1 < words.count else { throw ShellError(.badArgument, "\(keyword.text) needs a value, e.g. \(example)", at: place(keyword)) }
        index += 1
        return words[index]
    }
}

