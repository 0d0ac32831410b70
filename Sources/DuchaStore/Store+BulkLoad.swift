import DuchaCore

extension Store {
    /// Creates a new database file for a bulk load (the demo generator, large imports):
    /// current schema, no journal and no fsync while loading. Call `finishBulkLoad()`
    /// before handing the file to anyone; a crash mid-load leaves a file to delete, so
    /// load into a temporary path and rename it into place when done.
    public static func createForBulkLoad(path: String) throws -> Store {
        if FileProbe.exists(path) {
            throw StoreError.cannotOpen(path: path, reason: "it already exists; a bulk load writes a new file")
        }
        let store = try open(path: path, access: .readWriteCreate)
        try store.connection.execute("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -262144;
            PRAGMA temp_store = MEMORY;
            """)
        return store
    }

    /// Drops the secondary indexes of `tables`, runs `body`, and builds the indexes
    /// again: faster than keeping them up to date row by row during a bulk load.
    public func withIndexesDeferred<T>(on tables: [String], _ body: () throws -> T) throws -> T {
        let definitions = try dropIndexes(of: tables, keepingUnique: false)
        let result = try body()
        for definition in definitions { try connection.execute(definition.sql) }
        return result
    }

    /// Drops the indexes of `tables` that were made by `CREATE INDEX` (unique ones too,
    /// unless `keepingUnique`) and gives their definitions, to be run again once the rows
    /// are in: SQLite then builds each from sorted keys in one pass.
    func dropIndexes(of tables: [String], keepingUnique: Bool) throws -> [(name: String, sql: String)] {
        var definitions: [(name: String, sql: String)] = []
        let statement = try connection.prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ? AND NOT (? AND sql LIKE 'CREATE UNIQUE%')")
        for table in tables {
            try statement.bind([.text(table), .integer(keepingUnique ? 1 : 0)])
            while try statement.step() { definitions.append((statement.text(at: 0) ?? "", statement.text(at: 1) ?? "")) }
            statement.reset()
        }
        for definition in definitions { try connection.execute("DROP INDEX \(SQLStatement.quoted(definition.name))") }
        return definitions
    }

    /// Ends a bulk load: gathers planner statistics and switches to the normal
    /// journal (WAL) and durability settings.
    public func finishBulkLoad() throws {
        try connection.execute("""
            PRAGMA analysis_limit = 1000;
            ANALYZE;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            """)
    }
}
