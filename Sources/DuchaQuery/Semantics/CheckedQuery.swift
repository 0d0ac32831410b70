import DuchaCore

/// A query that passed the checker: its SQL tree, the checks its `assert` stages make,
/// and what each name resolved to (the checker's dump).
public struct CheckedQuery: Sendable {
    /// The main SELECT.
    public let select: SQLSelect
    /// The assertions, in pipeline order.
    public let assertions: [Assertion]
    /// One line per resolved name or stage: `dept.region → regions.name via department.region (text)`.
    public let resolutions: [String]
    /// What a final `chart` stage draws, nil without one.
    public var chart: Chart? = nil
    /// The result columns holding monthly counts (`trend(cases, 2016-01..2016-06)`), by
    /// position from 0: text such as `0,3,5,9,2` that people see drawn as `▁▃▅█▂`.
    public var sparklineColumns: [Int] = []

    /// An `assert` stage: a SELECT counting the rows that reaching the stage fail its
    /// condition, and the message to print when that count is not zero.
    public struct Assertion: Sendable {
        /// `SELECT count(*) ...` over the rows that fail the condition.
        public let failures: SQLSelect
        /// The message written after `assert`, or one made from the condition.
        public let message: String
        /// Where the stage is in the query text, in characters.
        public let range: Range<Int>
    }

    /// The main statement, values bound as parameters.
    public var statement: SQLStatement { SQLPrinter.statement(select) }

    /// The checker's dump: resolutions, one per line.
    public var dump: String { resolutions.joined(separator: "\n") }
}
