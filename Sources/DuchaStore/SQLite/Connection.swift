import CSQLite
import DuchaCore

/// One SQLite connection: a thin layer over the C API, owned by one thread at a time.
public final class Connection {
    /// How to open a file.
    public enum Mode: Sendable {
        /// Read only; the file must exist.
        case readOnly
        /// Read and write; the file must exist.
        case readWrite
        /// Read and write, creating the file when it does not exist.
        case create
    }

    let handle: OpaquePointer
    /// The path as given.
    public let path: String
    private var progressContext: Unmanaged<ProgressBox>?
    /// The queries' compiled statements, kept for the next time they are asked.
    private var statements = StatementCache(capacity: 16)

    /// Opens `path` (`:memory:` for a private in-memory database).
    public init(path: String, mode: Mode) throws {
        var handle: OpaquePointer?
        let flags: Int32
        switch mode {
        case .readOnly: flags = SQLITE_OPEN_READONLY
        case .readWrite: flags = SQLITE_OPEN_READWRITE
        case .create: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError.cannotOpen(path: path, reason: message)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        progressContext?.release()
        sqlite3_close_v2(handle)
    }

    /// Whether the connection cannot write (opened read-only or the file is read-only).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Waits up to `milliseconds` for another connection's lock before giving up.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs one or more statements that take no parameters and return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(errorMessage)
            throw error(code: code, message: message, sql: sql)
        }
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws -> Statement {
        try prepare(sql, requireSingle: false)
    }

    /// Runs `body` with the compiled statement for `sql`: a kept one when the same text
    /// ran before, otherwise a new one. Afterwards it is reset and kept for the next time.
    public func withCachedStatement<Result>(_ sql: String, _ body: (Statement) throws -> Result) throws -> Result {
        let statement = try statements.take(sql) ?? prepare(sql)
        defer { statements.give(back: statement) }
        return try body(statement)
    }

    /// The number of compiled statements kept for reuse.
    public var cachedStatementCount: Int { statements.count }

    /// Compiles exactly one statement: text after it (other than blanks and comments),
    /// an empty text, or a NUL byte are refused rather than silently ignored.
    public func prepareSingle(_ sql: String) throws -> Statement {
        try prepare(sql, requireSingle: true)
    }

    private func prepare(_ sql: String, requireSingle: Bool) throws -> Statement {
        if requireSingle && sql.utf8.contains(0) {
            throw StoreError.sqlite(code: SQLITE_ERROR, message: "the statement contains a NUL character", sql: sql)
        }
        var statement: OpaquePointer?
        var leftover = ""
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if let tail { leftover = String(cString: tail) }
            return code
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw error(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        guard let statement else {
            throw StoreError.sqlite(code: SQLITE_MISUSE, message: "there is no statement to run, only blanks or comments", sql: sql)
        }
        if requireSingle, Connection.hasStatement(leftover) {
            sqlite3_finalize(statement)
            throw StoreError.sqlite(code: SQLITE_MISUSE, message: "only one statement at a time; remove what follows the first ';'", sql: sql)
        }
        return Statement(connection: self, handle: statement, sql: sql)
    }

    /// Whether text left after a statement holds anything but blanks, semicolons and comments.
    static func hasStatement(_ text: String) -> Bool {
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace || first == ";" {
                rest.removeFirst()
            } else if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                guard let end = rest.firstRange(of: "*/") else { return false }
                rest = rest[end.upperBound...]
            } else {
                return true
            }
        }
        return false
    }

    /// Prepares `sql` with an authorizer that refuses ATTACH, DETACH, transactions and
    /// savepoints, which SQLite counts as read-only but which reach beyond one query.
    public func prepareQueryOnly(_ sql: String) throws -> Statement {
        sqlite3_set_authorizer(handle, { _, action, _, _, _, _ in
            switch action {
            case SQLITE_ATTACH, SQLITE_DETACH, SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return SQLITE_DENY
            default: return SQLITE_OK
            }
        }, nil)
        defer { sqlite3_set_authorizer(handle, nil, nil) }
        do {
            return try prepareSingle(sql)
        } catch StoreError.sqlite(let code, _, _) where code & 0xFF == SQLITE_AUTH {
            throw StoreError.writeRefused(sql: sql)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Asks `shouldInterrupt` every few thousand virtual-machine steps; when it answers
    /// true, the running statement stops with `StoreError.interrupted`.
    public func setInterruptCheck(_ shouldInterrupt: (@Sendable () -> Bool)?) {
        progressContext?.release()
        progressContext = nil
        guard let shouldInterrupt else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            return
        }
        let box = Unmanaged.passRetained(ProgressBox(shouldInterrupt))
        progressContext = box
        sqlite3_progress_handler(handle, 10_000, { context in
            guard let context else { return 0 }
            return Unmanaged<ProgressBox>.fromOpaque(context).takeUnretainedValue().check() ? 1 : 0
        }, box.toOpaque())
    }

    /// Whether no transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(code: Int32, message: String, sql: String?) -> StoreError {
        let primary = code & 0xFF
        if primary == SQLITE_INTERRUPT { return .interrupted }
        if primary == SQLITE_NOTADB { return .notADatabase(path: path) }
        if primary == SQLITE_READONLY { return .readOnly(path: path) }
        if primary == SQLITE_BUSY || primary == SQLITE_LOCKED { return .busy(path: path) }
        if primary == SQLITE_CORRUPT { return .corrupt(path: path, message: message) }
        return .sqlite(code: code, message: message, sql: sql)
    }

    func lastError(code: Int32, sql: String?) -> StoreError {
        error(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

/// Holds the interrupt check for SQLite's progress handler.
final class ProgressBox {
    let check: @Sendable () -> Bool
    init(_ check: @escaping @Sendable () -> Bool) { self.check = check }
}
