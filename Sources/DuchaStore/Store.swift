import CSQLite
import DuchaCore

/// The inspection database: opens and migrates it, runs statements, writes rows.
/// The only layer that knows SQL besides the query compiler's generator.
public final class Store {
    /// The connection, for the store's own extensions and tests.
    public let connection: Connection
    /// The path as given (`:memory:` for an in-memory store).
    public let path: String

    /// How `open` treats the file.
    public enum Access: Sendable {
        /// Read and write; create the file (with the current schema) when missing.
        case readWriteCreate
        /// Read and write; the file must exist.
        case readWrite
        /// Read only; the file must exist and every change is refused.
        case readOnly
    }

    /// The working-day calendar: the notices shipped with the program and those loaded
    /// with `calendar import`. SQL's `workdays(a, b)` counts with it.
    public var calendar: WorkdayCalendar { calendarHolder.calendar }
    private let calendarHolder = CalendarHolder()

    private init(connection: Connection, path: String) {
        self.connection = connection
        self.path = path
    }

    /// Adds loaded notices to the calendar and defines `workdays(a, b)`: the working days
    /// after `a` up to and including `b` (negative when `b` comes first), for instants
    /// (in Beijing time) or `YYYY-MM-DD` dates; NULL when either is NULL or not a date.
    private func prepareCalendar() throws {
        // Built on first use (most sessions never count working days): the shipped notices
        // and those loaded into this database.
        calendarHolder.load = { [unowned self] in
            var calendar = WorkdayCalendar.official
            if (try? self.schemaVersion()) ?? 0 >= 3 {
                for notice in (try? self.holidayNotices()) ?? [] { calendar = calendar.adding(notice) }
            }
            return calendar
        }
        let holder = calendarHolder
        try connection.defineFunction("workdays", integers: { start, end in
            // Two instants (the common case, in checks over every case): Beijing day numbers.
            let first = ChinaTime.day(of: start), last = ChinaTime.day(of: end)
            let calendar = holder.calendar
            return Int64(last >= first ? calendar.workdays(afterDay: first, throughDay: last) : -calendar.workdays(afterDay: last, throughDay: first))
        }, general: { values in
            guard let start = Store.civilDate(values[0]), let end = Store.civilDate(values[1]) else { return .null }
            return .integer(Int64(holder.calendar.workdays(from: start, to: end).count))
        })
    }

    /// Keeps a loaded notice in the calendar used from now on.
    public func useHolidayNotice(_ notice: HolidayNotice) {
        calendarHolder.calendar = calendarHolder.calendar.adding(notice)
    }

    private static func civilDate(_ value: Value) -> CivilDate? {
        switch value {
        case .integer(let milliseconds): return ChinaTime.local(Instant(millisecondsSinceEpoch: milliseconds)).date
        case .text(let text): return CivilDate(text.prefix(10))
        default: return nil
        }
    }

    /// Opens (and, when writable, migrates) the database at `path`. Nothing is written
    /// to a file that turns out not to be a ducha database.
    public static func open(path: String, access: Access = .readWriteCreate) throws -> Store {
        let exists = FileProbe.exists(path)
        if !exists && access != .readWriteCreate {
            throw StoreError.cannotOpen(path: path, reason: "no such file; give the path of an existing database")
        }
        if exists && access != .readOnly && !FileProbe.isWritable(path) {
            throw StoreError.readOnly(path: path)
        }
        let mode: Connection.Mode = access == .readOnly ? .readOnly : (exists ? .readWrite : .create)
        let connection = try Connection(path: path, mode: mode)
        if access != .readOnly && connection.isReadOnly {
            throw StoreError.readOnly(path: path)
        }
        let store = Store(connection: connection, path: path)
        try store.prepare(isNew: !exists, writable: access != .readOnly)
        try store.prepareCalendar()
        return store
    }

    /// A private, empty database in memory, with the current schema.
    public static func inMemory() throws -> Store {
        let store = Store(connection: try Connection(path: ":memory:", mode: .create), path: ":memory:")
        try store.prepare(isNew: true, writable: true)
        try store.prepareCalendar()
        return store
    }

    private func prepare(isNew: Bool, writable: Bool) throws {
        connection.setBusyTimeout(milliseconds: 5000)
        // What the file says about itself (this runs at every start): plain PRAGMAs, as the
        // pragma_* table functions would each declare a virtual table first.
        let found = Int(try pragmaInteger("user_version"))
        let application = try pragmaInteger("application_id")
        // A file without ducha's application id may be new and empty, or another
        // application's (or ducha's from before the id): only then are its tables counted.
        let empty = application == Int64(Store.applicationID) ? false : try tableCount() == 0
        if try !isNew && !empty && !isDuchaDatabase(application: application, version: found) {
            throw StoreError.foreignDatabase(path: path)
        }
        if found > SchemaDescription.version {
            throw StoreError.newerSchema(path: path, found: found, supported: SchemaDescription.version)
        }
        try connection.execute("PRAGMA foreign_keys = ON")
        guard writable else {
            // A database that lacks only indexes is read as it is (more slowly).
            if Migration.lacksContent(from: found) {
                throw StoreError.cannotOpen(path: path, reason: "its schema (version \(found)) needs an upgrade to version \(SchemaDescription.version); open it once without --read-only")
            }
            return
        }
        if path != ":memory:" {
            // WAL is a property of the file: set it once, not on every open.
            if try journalMode() != "wal" {
                try connection.execute("PRAGMA journal_mode = WAL")
            }
            try connection.execute("PRAGMA synchronous = NORMAL")
        }
        if found < SchemaDescription.version {
            try Migrator(connection: connection).migrate()
        }
        if application != Int64(Store.applicationID) {
            try connection.execute("PRAGMA application_id = \(Store.applicationID)")
        }
    }

    /// The `PRAGMA application_id` of ducha databases ("DUCH"), so that another
    /// application's SQLite file is told apart before anything is written to it.
    public static let applicationID: Int32 = 0x4455_4348

    /// Ours when it carries ducha's application id, or (written before the id was set)
    /// has a schema version and ducha's migration record.
    private func isDuchaDatabase(application: Int64, version: Int) throws -> Bool {
        if application == Int64(Store.applicationID) { return version > 0 }
        guard application == 0, version > 0 else { return false }
        let statement = try connection.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
        defer { statement.reset() }
        return try statement.step() && statement.integer(at: 0) == 1
    }

    private func pragmaInteger(_ name: String) throws -> Int64 {
        let statement = try connection.prepare("PRAGMA \(name)")
        defer { statement.reset() }
        return try statement.step() ? statement.integer(at: 0) : 0
    }

    /// The schema version recorded in the database (0 for an empty file).
    public func schemaVersion() throws -> Int {
        Int(try pragmaInteger("user_version"))
    }

    private func journalMode() throws -> String? {
        let statement = try connection.prepare("PRAGMA journal_mode")
        defer { statement.reset() }
        return try statement.step() ? statement.text(at: 0)?.lowercased() : nil
    }

    private func tableCount() throws -> Int64 {
        let statement = try connection.prepare("SELECT count(*) FROM sqlite_schema")
        _ = try statement.step()
        return statement.integer(at: 0)
    }

    /// Whether every change will be refused.
    public var isReadOnly: Bool { connection.isReadOnly }

    // MARK: Settings

    /// The setting stored under `key`, if any.
    public func setting(_ key: String) throws -> String? {
        // A kept statement: every query asks for the story date and the offsets setting.
        try connection.withCachedStatement("SELECT value FROM settings WHERE key = ?") { statement in
            try statement.bind(.text(key), at: 1)
            return try statement.step() ? statement.text(at: 0) : nil
        }
    }

    /// Stores `value` under `key`, replacing any earlier value.
    public func setSetting(_ key: String, to value: String) throws {
        let statement = try connection.prepare(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        try statement.bind([.text(key), .text(value)])
        try statement.run()
    }

    // MARK: Reading

    /// Runs `statement`, handing its column descriptions once and then each row.
    /// Returns the number of rows. The compiled statement is kept for the next run of the
    /// same text (the same question with other values).
    @discardableResult
    public func run(_ statement: SQLStatement, columns: ([ResultColumn]) throws -> Void,
                    row: ([Value]) throws -> Void) throws -> Int {
        try connection.withCachedStatement(statement.text) { compiled in
            if statement.parameters.count != compiled.parameterCount {
                throw StoreError.sqlite(code: SQLITE_RANGE, message: "the statement takes \(compiled.parameterCount) parameters, \(statement.parameters.count) given", sql: statement.text)
            }
            try compiled.bind(statement.parameters)
            return try Store.stream(compiled, columns: columns, row: row) { compiled in
                statement.columns.count == compiled.columnCount ? statement.columns : Store.columns(of: compiled)
            }
        }
    }

    /// Runs a statement that must not write (for `.sql`); refuses any that would.
    @discardableResult
    public func runReadOnly(_ sql: String, columns: ([ResultColumn]) throws -> Void,
                            row: ([Value]) throws -> Void) throws -> Int {
        let compiled = try connection.prepareQueryOnly(sql)
        guard compiled.isReadOnly else { throw StoreError.writeRefused(sql: sql) }
        return try Store.stream(compiled, columns: columns, row: row, describe: Store.columns(of:))
    }

    /// The result columns as SQLite names them, of no known kind.
    private static func columns(of compiled: Statement) -> [ResultColumn] {
        (0..<compiled.columnCount).map { ResultColumn(compiled.columnName($0), .any) }
    }

    /// Hands the columns once, then each row of `compiled`; returns the number of rows.
    /// The columns are described after the first step: a kept statement whose tables
    /// changed is compiled again by SQLite inside that step, and may then have others.
    private static func stream(_ compiled: Statement, columns: ([ResultColumn]) throws -> Void, row: ([Value]) throws -> Void,
                               describe: (Statement) -> [ResultColumn]) throws -> Int {
        var more = try compiled.step()
        try columns(describe(compiled))
        var count = 0
        while more {
            try row(compiled.row())
            count += 1
            more = try compiled.step()
        }
        return count
    }

    /// SQLite's query plan for a statement.
    public func queryPlan(_ statement: SQLStatement) throws -> [String] {
        try connection.prepare(statement.text).queryPlan(statement.parameters)
    }

    /// The number of rows in a table described by `SchemaDescription`.
    public func count(_ table: TableDescription) throws -> Int64 {
        let statement = try connection.prepare("SELECT count(*) FROM \(SQLStatement.quoted(table.name))")
        _ = try statement.step()
        return statement.integer(at: 0)
    }
}

/// The calendar, shared by the store and its SQL function, built on first use.
final class CalendarHolder: @unchecked Sendable {
    /// Builds the calendar; set when the store opens.
    var load: () -> WorkdayCalendar = { .official }
    private var built: WorkdayCalendar?

    var calendar: WorkdayCalendar {
        get {
            if let built { return built }
            let made = load()
            built = made
            return made
        }
        set { built = newValue }
    }
}
