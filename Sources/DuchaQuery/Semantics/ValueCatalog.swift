/// The values stored in the data, for "did you mean" on values and for completion. The
/// shell answers from the store; tests answer from a dictionary. The checker never
/// reads the store itself.
public protocol ValueCatalog {
    /// The distinct values stored in `column` of `table`, or nil when this catalog does
    /// not keep that column (its values are then not checked).
    func values(in table: String, column: String) -> [String]?

    /// Whether `value` is stored in `column` of `table`, nil when this catalog does not
    /// keep that column. A catalog that reads from a database answers with one lookup,
    /// without reading every value: only a value that is not there needs them all (for
    /// "did you mean").
    func contains(_ value: String, in table: String, column: String) -> Bool?
}

extension ValueCatalog {
    public func contains(_ value: String, in table: String, column: String) -> Bool? {
        values(in: table, column: column).map { $0.contains(value) }
    }
}

/// A catalog held in memory: `["departments.name": ["市农业局", ...]]`.
public struct FixedValueCatalog: ValueCatalog, Sendable {
    /// The values by `table.column`.
    public let values: [String: [String]]

    /// Makes a catalog from values by `table.column`.
    public init(_ values: [String: [String]]) {
        self.values = values
    }

    /// The values of `table.column`, if kept.
    public func values(in table: String, column: String) -> [String]? {
        values[table + "." + column]
    }
}
