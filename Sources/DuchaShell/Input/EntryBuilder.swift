import DuchaQuery

/// Joins lines into one entry. A line ending in `\` continues any entry; a query also
/// continues while the language's own lexer says that a string, a parenthesis or a
/// pipeline ending in `|` is still open. Dot-commands otherwise end with their line.
struct EntryBuilder {
    /// The entry so far: lines joined by a blank, or by a newline inside a string.
    private(set) var text = ""
    /// How many lines it has.
    private(set) var lineCount = 0
    /// What keeps it open, as the continuation prompt shows it; nil when complete.
    private(set) var openMarker: String?

    /// Whether no line has been added.
    var isEmpty: Bool { lineCount == 0 }

    /// Adds a line; true when the entry is complete.
    mutating func add(_ line: String) -> Bool {
        text = lineCount == 0 ? line : text + (openMarker == "\"" ? "\n" : " ") + line
        lineCount += 1
        let isDotCommand = text.trimmingBlanks().hasPrefix(".")
        let construct = isDotCommand ? nil : Lexer.openConstruct(text)
        if construct != .string {
            var trimmed = Substring(text)
            while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
            if trimmed.hasSuffix("\\") {
                trimmed.removeLast()
                while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
                text = String(trimmed)
                openMarker = "\\"
                return false
            }
        }
        openMarker = construct?.marker
        return construct == nil
    }

    /// What is still open, in words, for the error at the end of the input.
    var openDescription: String {
        switch openMarker {
        case "\"": return "a string (its closing quote is missing)"
        case "(": return "parentheses (a ')' is missing)"
        case "|": return "a pipeline ending in | (the next stage is missing)"
        default: return "an entry continued with \\"
        }
    }

    /// Starts a new entry.
    mutating func reset() {
        text = ""
        lineCount = 0
        openMarker = nil
    }
}
