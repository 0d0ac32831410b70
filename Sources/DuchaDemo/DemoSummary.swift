import DuchaCore

/// What a generation wrote: where, with which options, and how many rows of each kind.
public struct DemoSummary: Sendable {
    /// The database file written.
    public let path: String
    /// The options it was generated with.
    public let options: DemoOptions
    /// Rows written per table, in the order the tables were filled.
    public let rowCounts: [(table: String, rows: Int)]
    /// Labelled rows per anomaly id, in the order of `Anomaly.allCases`.
    public let labelCounts: [(anomaly: String, rows: Int)]

    /// The number of rows written to `table` (0 for a table not written).
    public func rows(in table: String) -> Int {
        rowCounts.first { $0.table == table }?.rows ?? 0
    }

    /// The number of rows labelled with `anomaly`.
    public func labels(of anomaly: Anomaly) -> Int {
        labelCounts.first { $0.anomaly == anomaly.rawValue }?.rows ?? 0
    }
}
