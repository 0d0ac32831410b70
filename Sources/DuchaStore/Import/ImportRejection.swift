/// Imported data the store cannot take, with its place in the source: a case number
/// twice in the file or already in the database, a name that would be ambiguous.
public struct ImportRejection: Error, Hashable, Sendable {
    /// A stable identifier: `duplicate-case`, `placement`, `undo`.
    public let code: String
    /// One line: what is wrong and what would be right.
    public let message: String
    /// The line in the source, from 1; 0 when the problem has no place in a file.
    public let line: Int
    /// The column in the source, from 1; 0 when none.
    public let column: Int
    /// The field of a record it is about (a CSV column name), when it is about one.
    public let field: String?

    /// Makes a rejection.
    public init(_ code: String, _ message: String, line: Int = 0, column: Int = 0, field: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.field = field
    }
}
