/// A source that cannot give its bytes: a file that cannot be read, a gzip stream that
/// is damaged or cut short. Readers add the place they had reached.
public struct ByteSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier: `unreadable`, `gzip`, `truncated`.
    public let code: String
    /// One line: what is wrong and what would be right.
    public let message: String

    /// Makes an error.
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
