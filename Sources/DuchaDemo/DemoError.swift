/// Why the demo scenario could not be generated, in one line a person can act on.
public struct DemoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and what would be right.
    public let message: String

    /// Makes an error with its message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
