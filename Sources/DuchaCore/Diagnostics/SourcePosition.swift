/// Where a piece of input came from: the source's name (a file, `-c`, `<stdin>`),
/// and the line and column, both counted from 1 (columns in characters).
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    /// The input's name as a person knows it.
    public let source: String
    /// The line, from 1.
    public let line: Int
    /// The column, from 1, in characters.
    public let column: Int

    /// Makes a position.
    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// The same place moved `characters` to the right.
    public func advanced(by characters: Int) -> SourcePosition {
        SourcePosition(source: source, line: line, column: column + characters)
    }

    /// The place of the character at `offset` in `text`, which starts here: lines
    /// are counted, and a column on a later line starts again from 1.
    public func advanced(by offset: Int, in text: String) -> SourcePosition {
        var line = self.line
        var column = self.column
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourcePosition(source: source, line: line, column: column)
    }

    /// `source:line:column`, as compilers print it.
    public var description: String { "\(source):\(line):\(column)" }
}
