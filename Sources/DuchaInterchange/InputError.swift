/// Input that a reader does not accept (XML that is malformed, an XES log that lacks what
/// a log needs, CSV with an unclosed quote, a header without a required column), with
/// the place: line and column (in characters, from 1) of where the problem starts, and
/// what would be right. One type for every reader, so an importer reports them alike.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier.
    /// - XML and XES: `malformed`, `mismatched-tag`, `doctype`, `entity`, `too-long`,
    ///   `encoding`, `truncated`, `not-xes`, `missing`, `value`, `date`.
    /// - CSV: `unclosed-quote`, `after-quote`, `bare-quote`, `nul`, `encoding`,
    ///   `too-long`, `too-many-fields`; of the header `no-header`, `empty-name`,
    ///   `duplicate-name`, `missing-column`.
    /// - The byte source's own: `unreadable`, `gzip`, `truncated`.
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

/// The errors of the XML and XES readers.
public typealias XMLError = InputError
/// The errors of the CSV reader and header.
public typealias CSVError = InputError
