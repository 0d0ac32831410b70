import DuchaCore

extension Store {
    /// The distinct non-empty texts of a described column, sorted, or nil when there are
    /// more than `limit` (then they are too many to suggest from).
    public func distinctTexts(of table: TableDescription, column: String, limit: Int) throws -> [String]? {
        guard let described = table.column(column) else { return [] }
        let statement = try connection.prepare(
            "SELECT DISTINCT \(SQLStatement.quoted(described.name)) FROM \(SQLStatement.quoted(table.name)) "
                + "WHERE \(SQLStatement.quoted(described.name)) IS NOT NULL ORDER BY 1 LIMIT ?")
        try statement.bind(.integer(Int64(limit) + 1), at: 1)
        var values: [String] = []
        while try statement.step() {
            if let text = statement.text(at: 0), !text.isEmpty { values.append(text) }
        }
        return values.count > limit ? nil : values
    }

    /// Whether a described column holds `text`, compared as a query's `=` compares.
    public func holdsText(_ text: String, in table: TableDescription, column: String) throws -> Bool {
        guard let lookup = Store.textLookup(text, in: table, column: column) else { return false }
        return try integer(lookup) == 1
    }

    /// The statement `holdsText` runs (1 when the column holds the text, else 0); nil for a
    /// column the table does not have.
    public static func textLookup(_ text: String, in table: TableDescription, column: String) -> SQLStatement? {
        guard let described = table.column(column) else { return nil }
        return SQLStatement("SELECT EXISTS (SELECT 1 FROM \(SQLStatement.quoted(table.name)) WHERE \(SQLStatement.quoted(described.name)) = ?)",
                            parameters: [.text(text)])
    }

    /// The single integer a statement returns (a count), nil for no row or NULL.
    public func integer(_ statement: SQLStatement) throws -> Int64? {
        var result: Int64?
        try run(statement, columns: { _ in }, row: { result = $0.first?.integer })
        return result
    }
}
