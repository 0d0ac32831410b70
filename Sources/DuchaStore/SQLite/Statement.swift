import CSQLite
import DuchaCore

/// A compiled statement. Bind values by position (from 1), step through rows, reset.
public final class Statement {
    let handle: OpaquePointer
    unowned let connection: Connection
    /// The statement's text.
    public let sql: String

    init(connection: Connection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Whether the statement leaves the database unchanged.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The number of `?` parameters.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of result column `index` (from 0).
    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    /// Binds every parameter from `values`, in order.
    public func bind(_ values: [Value]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds one value at `position` (from 1).
    public func bind(_ value: Value, at position: Int32) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, position)
        case .integer(let number): code = sqlite3_bind_int64(handle, position, number)
        case .real(let number): code = sqlite3_bind_double(handle, position, number)
        case .text(let text): code = bindText(text, at: position)
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), ducha_sqlite_transient()) }
        }
        if code != SQLITE_OK { throw connection.lastError(code: code, sql: sql) }
    }

    /// Binds an integer at `position` (from 1); the fast path for bulk writes.
    public func bind(_ number: Int64, at position: Int32) {
        sqlite3_bind_int64(handle, position, number)
    }

    /// Binds text, or NULL when nil, at `position` (from 1); the fast path for bulk writes.
    public func bind(_ text: String?, at position: Int32) {
        guard let text else {
            sqlite3_bind_null(handle, position)
            return
        }
        _ = bindText(text, at: position)
    }

    /// Binds all of `text`'s bytes, a NUL character included (a C string would end there).
    private func bindText(_ text: String, at position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(handle, position, $0.baseAddress, Int32($0.count), ducha_sqlite_transient())
            }
        }
    }

    /// Binds NULL at `position` (from 1).
    public func bindNull(at position: Int32) {
        sqlite3_bind_null(handle, position)
    }

    /// Moves to the next row: true when there is one, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError(code: code, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it for the next use.
    public func run() throws {
        defer { reset() }
        while try step() {}
    }

    /// Rewinds the statement and clears its bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The value of column `index` (from 0) of the current row.
    /// The integer in column `index` (from 0), or nil for NULL.
    public func optionalInteger(at index: Int) -> Int64? {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, Int32(index))
    }

    public func value(at index: Int) -> Value {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(text(at: index) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// The integer in column `index` (from 0); 0 for NULL.
    public func integer(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    /// The text in column `index` (from 0); nil for NULL.
    public func text(at index: Int) -> String? {
        let column = Int32(index)
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The current row's values.
    public func row() -> [Value] { (0..<columnCount).map { value(at: $0) } }

    /// SQLite's query plan for this statement, one line per node, indented by depth.
    public func queryPlan(_ parameters: [Value]? = nil) throws -> [String] {
        let explain = try connection.prepare("EXPLAIN QUERY PLAN " + sql)
        if let parameters, parameters.count == parameterCount {
            try explain.bind(parameters)
        } else {
            for position in 0..<parameterCount { explain.bindNull(at: Int32(position + 1)) }
        }
        var depth: [Int64: Int] = [0: 0]
        var lines: [String] = []
        while try explain.step() {
            let id = explain.integer(at: 0), parent = explain.integer(at: 1)
            let level = (depth[parent] ?? 0) + 1
            depth[id] = level
            lines.append(String(repeating: "  ", count: level - 1) + (explain.text(at: 3) ?? ""))
        }
        return lines
    }
}
