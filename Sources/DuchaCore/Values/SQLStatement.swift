/// A statement ready to run: its text with `?` placeholders, the values bound to
/// them, and what its result columns hold. No value is ever part of the text.
public struct SQLStatement: Sendable, Hashable {
    /// The SQL text.
    public let text: String
    /// The values for the placeholders, in order.
    public let parameters: [Value]
    /// The result columns, when known before running; empty means "ask SQLite".
    public let columns: [ResultColumn]

    /// An identifier as SQL text: always double-quoted, inner quotes doubled. Identifiers
    /// come from the schema description, never from input; values are parameters.
    public static func quoted(_ identifier: String) -> String {
        // Every name of the schema has no quote: one concatenation, not a split and join
        // (the printer quotes each identifier of each query).
        guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
        return "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Makes a statement.
    public init(_ text: String, parameters: [Value] = [], columns: [ResultColumn] = []) {
        self.text = text
        self.parameters = parameters
        self.columns = columns
    }
}
