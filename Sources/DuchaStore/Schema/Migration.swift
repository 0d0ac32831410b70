/// One forward-only step of the schema. Applied migrations are recorded in the
/// database (`schema_migrations`) and in `PRAGMA user_version`; none is ever undone.
public struct Migration: Sendable {
    /// The schema version this migration produces.
    public let version: Int
    /// A short name for the record.
    public let name: String
    /// The statements it runs, in one transaction.
    public let sql: String
    /// Whether it only adds indexes: a database without it holds and answers the same, only
    /// more slowly, so a read-only open accepts one that lacks it.
    public let speedOnly: Bool

    init(version: Int, name: String, sql: String, speedOnly: Bool = false) {
        self.version = version
        self.name = name
        self.sql = sql
        self.speedOnly = speedOnly
    }

    /// Whether a database at schema `version` lacks a migration that changes what it holds
    /// (and so must be upgraded before it can be read).
    static func lacksContent(from version: Int) -> Bool {
        all.contains { $0.version > version && !$0.speedOnly }
    }
}

extension Migration {
    /// Every migration, oldest first. Append; never edit one that has shipped.
    public static let all: [Migration] = [.version1, .version2, .version3, .version4]
}
