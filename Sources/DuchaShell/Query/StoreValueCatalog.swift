import DuchaCore
import DuchaQuery
import DuchaStore

/// The values of the columns people name things by (departments, regions, operators,
/// items, workflows), read from the store once per session and kept, for "did you mean"
/// on values and for completion.
final class StoreValueCatalog: ValueCatalog {
    /// The columns whose values are kept, as `table.column`.
    static let kept: Set<String> = [
        "regions.name", "regions.code", "departments.name", "operators.name", "items.name", "items.code",
        "workflows.name", "workflow_steps.name", "catalog.name", "catalog.code",
    ]
    /// More distinct values than this are not kept (they are not names to suggest from).
    static let limit = 200_000

    private let store: Store
    private var cache: [String: [String]?] = [:]

    init(store: Store) {
        self.store = store
    }

    func values(in table: String, column: String) -> [String]? {
        guard let (key, description) = StoreValueCatalog.kept(table, column) else { return nil }
        if let cached = cache[key] { return cached }
        let values = (try? store.distinctTexts(of: description, column: column, limit: StoreValueCatalog.limit)) ?? nil
        cache[key] = values
        return values
    }

    /// Whether `value` is stored: from the values when they were read, otherwise with one
    /// lookup (a query naming a department need not read every department's name).
    func contains(_ value: String, in table: String, column: String) -> Bool? {
        guard let (key, description) = StoreValueCatalog.kept(table, column) else { return nil }
        if let cached = cache[key] { return cached?.contains(value) }
        // The values read leave out empty texts: an empty one is answered from them too,
        // so the answer does not depend on whether they were read yet.
        guard !value.isEmpty else { return false }
        return try? store.holdsText(value, in: description, column: column)
    }

    /// The cache key and the table of a kept column; nil for a column not kept.
    private static func kept(_ table: String, _ column: String) -> (key: String, table: TableDescription)? {
        let key = table + "." + column
        guard kept.contains(key), let description = SchemaDescription.table(named: table) else { return nil }
        return (key, description)
    }

    /// Forgets what was read, after the data changed.
    func reset() {
        cache = [:]
    }
}
