/// One forward-only step of the schema. Applied migrations are recorded in the
/// database (`schema_migrations`) and in `PRAGMA user_version`; none is ever undone.
public struct Migration: Sendable {
    /// The schema version this migration produces.
    public let version: Int
    /// A short name for the record.
    public let name: String
    /// The statements it runs, in one transaction.
    public let sql: String
}

extension Migration {
    /// Every migration, oldest first. Append; never edit one that has shipped.
    public static let all: [Migration] = [.version1, .version2, .version3, .version4]
}
