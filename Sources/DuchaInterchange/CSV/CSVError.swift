/// Input that is not the CSV a reader accepts, or a header that does not give the
/// columns asked for, with the place: line and column (in characters, from 1) of where
/// the problem starts, and what would be right.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier. From the reader: `unclosed-quote`, `after-quote`,
    /// `bare-quote`, `nul`, `encoding`, `too-long`, `too-many-fields`, and the byte
    /// source's own (`unreadable`, `gzip`, `truncated`). From the header: `no-header`,
    /// `empty-name`, `duplicate-name`, `missing-column`.
    public let code: String
    /// One line: what is wrong and what would be right.
    public let message: String
    /// The line, from 1.
    public let line: Int
    /// The column, in characters from 1.
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
