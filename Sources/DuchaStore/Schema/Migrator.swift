import DuchaCore

/// Applies the migrations a database lacks, each in its own transaction, and records them.
struct Migrator {
    let connection: Connection

    func migrate() throws {
        let latest = Migration.all.last?.version ?? 0
        guard Int(try scalar("PRAGMA user_version")) < latest else { return }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)
            """)
        let current = Int(try scalar("PRAGMA user_version"))
        for migration in Migration.all where migration.version > current {
            try connection.transaction {
                try connection.execute(migration.sql)
                let record = try connection.prepare(
                    "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, datetime('now'))")
                try record.bind([.integer(Int64(migration.version)), .text(migration.name)])
                try record.run()
                try connection.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    private func scalar(_ sql: String) throws -> Int64 {
        let statement = try connection.prepare(sql)
        _ = try statement.step()
        return statement.integer(at: 0)
    }
}
