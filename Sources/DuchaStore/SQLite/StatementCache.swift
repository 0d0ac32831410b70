import DuchaCore

/// Compiled statements kept by their text, the most recently used first, so that a query
/// asked again (the language binds every value as a parameter, so the same question about
/// another department or month is the same text) skips SQLite's parse and plan.
///
/// A statement is lent out: while it runs it is not in the cache, so a query run inside
/// another one's rows gets a statement of its own. It comes back reset, its bindings
/// cleared, so a kept statement never holds a read transaction open.
struct StatementCache {
    /// How many statements are kept.
    let capacity: Int
    private var kept: [Statement] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The kept statement for `sql`, taken out of the cache; nil when none is kept.
    mutating func take(_ sql: String) -> Statement? {
        guard let index = kept.firstIndex(where: { $0.sql == sql }) else { return nil }
        return kept.remove(at: index)
    }

    /// Keeps `statement`, reset, as the most recently used; the least recently used goes
    /// when the cache is full.
    mutating func give(back statement: Statement) {
        statement.reset()
        kept.insert(statement, at: 0)
        if kept.count > capacity { kept.removeLast() }
    }

    /// The number of statements kept.
    var count: Int { kept.count }
}
