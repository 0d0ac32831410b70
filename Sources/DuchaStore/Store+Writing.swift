import DuchaCore

/// Inserts rows into one described table through one prepared statement: bind each
/// column by position (from 1, in the table's column order after `id`), then `insert()`.
public final class RowInserter {
    /// The table written to.
    public let table: TableDescription
    let statement: Statement
    let connection: Connection

    init(table: TableDescription, connection: Connection, includeID: Bool) throws {
        self.table = table
        self.connection = connection
        let columns = includeID ? table.columns : Array(table.columns.dropFirst())
        let names = columns.map { SQLStatement.quoted($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        statement = try connection.prepare("INSERT INTO \(SQLStatement.quoted(table.name)) (\(names)) VALUES (\(marks))")
    }

    /// Binds an integer.
    @inlinable public func set(_ position: Int32, _ number: Int64) { statementBind(number, position) }
    /// Binds an integer.
    @inlinable public func set(_ position: Int32, _ number: Int) { statementBind(Int64(number), position) }
    /// Binds text, or NULL for nil.
    @inlinable public func set(_ position: Int32, _ text: String?) { statementBind(text, position) }
    /// Binds a flag as 0 or 1.
    @inlinable public func set(_ position: Int32, _ flag: Bool) { statementBind(flag ? 1 : 0, position) }
    /// Binds an instant as milliseconds, or NULL for nil.
    @inlinable public func set(_ position: Int32, _ instant: Instant?) {
        if let instant { statementBind(instant.millisecondsSinceEpoch, position) } else { statementNull(position) }
    }
    /// Binds an optional integer, NULL for nil.
    @inlinable public func set(_ position: Int32, _ number: Int64?) {
        if let number { statementBind(number, position) } else { statementNull(position) }
    }

    /// Binds every column from position 1 on, each value as it is.
    public func set(_ values: [Value]) throws {
        for (index, value) in values.enumerated() { try statement.bind(value, at: Int32(index + 1)) }
    }

    @usableFromInline func statementBind(_ number: Int64, _ position: Int32) { statement.bind(number, at: position) }
    @usableFromInline func statementBind(_ text: String?, _ position: Int32) { statement.bind(text, at: position) }
    @usableFromInline func statementNull(_ position: Int32) { statement.bindNull(at: position) }

    /// Inserts the bound row and returns its id.
    @discardableResult
    public func insert() throws -> Int64 {
        try statement.run()
        return connection.lastInsertedRowID
    }
}

extension Store {
    /// An inserter for a described table; ids are assigned by SQLite unless `includeID`.
    public func inserter(for table: String, includeID: Bool = false) throws -> RowInserter {
        guard let description = SchemaDescription.table(named: table) else {
            throw StoreError.sqlite(code: 1, message: "no table \(table)", sql: nil)
        }
        return try RowInserter(table: description, connection: connection, includeID: includeID)
    }

    /// Runs `body` in one transaction: all of it lands, or none of it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction(body)
    }
}
