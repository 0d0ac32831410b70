import DuchaCore

/// Inserts rows into one described table through one prepared statement: bind each
/// column by position (from 1, in the order of `columns`), then `insert()`. By default
/// the columns are the table's after `id`, leaving out those the store fills itself
/// (`ColumnDescription.defaulted`).
public final class RowInserter {
    /// The table written to.
    public let table: TableDescription
    let statement: Statement
    let connection: Connection

    /// The columns bound, in position order.
    public let columns: [ColumnDescription]

    init(table: TableDescription, connection: Connection, columns: [ColumnDescription]) throws {
        self.table = table
        self.connection = connection
        self.columns = columns
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
    /// An inserter for a described table: the named `columns` in that order, or else
    /// every column the store does not fill itself; ids are assigned by SQLite unless
    /// `includeID` (or `id` is named).
    public func inserter(for table: String, columns names: [String]? = nil, includeID: Bool = false) throws -> RowInserter {
        guard let description = SchemaDescription.table(named: table) else {
            throw StoreError.sqlite(code: 1, message: "no table \(table)", sql: nil)
        }
        var columns: [ColumnDescription]
        if let names {
            columns = try names.map { name in
                guard let column = description.column(name) else {
                    throw StoreError.sqlite(code: 1, message: "no column \(name) in \(table)", sql: nil)
                }
                return column
            }
        } else {
            columns = description.columns.filter { !$0.defaulted }
            if !includeID { columns.removeFirst() }
        }
        return try RowInserter(table: description, connection: connection, columns: columns)
    }

    /// Runs `body` in one transaction: all of it lands, or none of it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction(body)
    }
}
