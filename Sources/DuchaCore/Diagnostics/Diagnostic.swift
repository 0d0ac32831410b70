/// A problem found in a piece of input: a stable id, a message that says what was
/// expected, and the place, as character offsets into the text that was checked.
public struct Diagnostic: Hashable, Sendable {
    /// A stable identifier, such as `expected-expression` or `unknown-field`.
    public let id: String
    /// One line: what is wrong and what would be right.
    public let message: String
    /// Where, in characters from the start of the text (an empty range points between characters).
    public let range: Range<Int>

    /// Makes a diagnostic.
    public init(_ id: String, _ message: String, at range: Range<Int>) {
        self.id = id
        self.message = message
        self.range = range
    }

    /// Two lines that show the place: the text's line and a caret line under it, aligned
    /// by display width so that carets stand right after Chinese text. `indent` is the
    /// width of whatever precedes the text on screen (a prompt).
    public func caret(in text: String, indent: Int = 0) -> [String] {
        let characters = Array(text)
        var lineStart = 0
        for (offset, character) in characters.enumerated() where offset < range.lowerBound && (character == "\n" || character == "\r\n") {
            lineStart = offset + 1
        }
        var lineEnd = lineStart
        while lineEnd < characters.count && characters[lineEnd] != "\n" && characters[lineEnd] != "\r\n" { lineEnd += 1 }
        let line = String(characters[lineStart..<lineEnd])
        let start = min(max(range.lowerBound, lineStart), lineEnd)
        let end = min(max(range.upperBound, start), lineEnd)
        let before = String(characters[lineStart..<start]).displayWidth
        let marked = max(1, String(characters[start..<end]).displayWidth)
        return [line, String(repeating: " ", count: indent + before) + "^" + String(repeating: "~", count: marked - 1)]
    }
}

extension Diagnostic {
    /// The same diagnostic for a text that has `characters` more in front.
    public func shifted(by characters: Int) -> Diagnostic {
        Diagnostic(id, message, at: range.lowerBound + characters..<range.upperBound + characters)
    }
}
