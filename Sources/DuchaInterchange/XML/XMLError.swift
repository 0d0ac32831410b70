/// Input that is not the XML a reader accepts, with the place: line and column (in
/// characters, from 1) of where the problem starts, and what would be right.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier: `malformed`, `mismatched-tag`, `doctype`, `entity`, `too-long`, `encoding`, `truncated`.
    public let code: String
    /// One line: what is wrong and what would be right.
    public let message: String
    /// The line, from 1.
    public let line: Int
    /// The column, from 1.
    public let column: Int

    /// Makes an error.
    public init(_ code: String, _ message: String, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    /// `LINE:COLUMN: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
