/// Everything that can go wrong in the store, with what a person needs to fix it.
public enum StoreError: Error, Equatable, Sendable {
    /// SQLite refused: its result code, its message and the statement, if any.
    case sqlite(code: Int32, message: String, sql: String?)
    /// The file exists but is not a SQLite database.
    case notADatabase(path: String)
    /// The database was written by a newer ducha.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The database is not a ducha database (other tables, no migration record).
    case foreignDatabase(path: String)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// The file cannot be opened at all.
    case cannotOpen(path: String, reason: String)
    /// SQLite found the file damaged.
    case corrupt(path: String, message: String)
    /// The statement was interrupted (Ctrl-C).
    case interrupted
    /// The statement would write, where only reading is allowed.
    case writeRefused(sql: String)
    /// Another connection held the database longer than the busy timeout.
    case busy(path: String)

    /// One line that says what is wrong and what would be right.
    public var message: String {
        switch self {
        case .sqlite(_, let message, _):
            return message
        case .notADatabase(let path):
            return "\(path) is not a ducha database (not SQLite at all); open a .db file made by ducha or sqlite3, or a new file name to start an empty one"
        case .newerSchema(let path, let found, let supported):
            return "\(path) has schema version \(found), newer than this ducha understands (\(supported)); upgrade ducha to open it"
        case .foreignDatabase(let path):
            return "\(path) is a SQLite database but not a ducha one (it has tables and no ducha schema record); open a ducha database or a new file"
        case .readOnly(let path):
            return "\(path) is read-only; use --read-only to inspect it, or fix its permissions"
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .corrupt(let path, let message):
            return "\(path) is damaged (\(message)); restore it from a backup, or recover what is readable with sqlite3's .recover"
        case .interrupted:
            return "interrupted"
        case .writeRefused:
            return "this statement would change the database or reach beyond it; .sql runs one read-only query (SELECT, WITH, EXPLAIN, PRAGMA reads)"
        case .busy(let path):
            return "\(path) stayed busy for 5 seconds (another shell or program is writing to it); nothing was changed, run the command again"
        }
    }
}
