import DuchaCore

extension Store {
    /// A plain listing of an entity: every column, with each foreign key shown as the
    /// name (or number) of the row it points to, in id order.
    public static func listing(of entity: Entity, limit: Int? = nil) -> SQLStatement {
        listing(of: SchemaDescription.table(for: entity), limit: limit)
    }

    /// A plain listing of any described table.
    public static func listing(of table: TableDescription, limit: Int? = nil) -> SQLStatement {
        var selected: [String] = []
        var joins: [String] = []
        var columns: [ResultColumn] = []
        for column in table.columns {
            if let target = column.references.flatMap(SchemaDescription.table(named:)), let label = target.labelColumn {
                let alias = "j\(joins.count + 1)"
                let name = column.relationName
                joins.append("LEFT JOIN \(SQLStatement.quoted(target.name)) AS \(alias) ON \(alias).id = t.\(SQLStatement.quoted(column.name))")
                selected.append("\(alias).\(SQLStatement.quoted(label)) AS \(SQLStatement.quoted(name))")
                columns.append(ResultColumn(name, .text))
            } else {
                selected.append("t.\(SQLStatement.quoted(column.name))")
                columns.append(ResultColumn(column.name, column.kind))
            }
        }
        var text = "SELECT " + selected.joined(separator: ", ") + " FROM \(SQLStatement.quoted(table.name)) AS t"
        if !joins.isEmpty { text += " " + joins.joined(separator: " ") }
        text += " ORDER BY t." + SQLStatement.quoted(table.columns[0].name)
        var parameters: [Value] = []
        if let limit {
            text += " LIMIT ?"
            parameters.append(.integer(Int64(limit)))
        }
        return SQLStatement(text, parameters: parameters, columns: columns)
    }

    /// The stored `CREATE` statements of a table and its indexes and triggers.
    public func definition(of table: String) throws -> [String] {
        let statement = try connection.prepare(
            "SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'table' DESC, name")
        try statement.bind(.text(table), at: 1)
        var lines: [String] = []
        while try statement.step() { lines.append((statement.text(at: 0) ?? "") + ";") }
        return lines
    }

    /// The columns SQLite reports for a table: name, declared type, not-null flag.
    public func storedColumns(of table: String) throws -> [(name: String, type: String, notNull: Bool)] {
        let statement = try connection.prepare("SELECT name, type, \"notnull\" FROM pragma_table_info(?)")
        try statement.bind(.text(table), at: 1)
        var columns: [(String, String, Bool)] = []
        while try statement.step() {
            columns.append((statement.text(at: 0) ?? "", statement.text(at: 1) ?? "", statement.integer(at: 2) == 1))
        }
        return columns
    }

    /// The foreign keys SQLite reports for a table: column and referenced table.
    public func storedForeignKeys(of table: String) throws -> [String: String] {
        let statement = try connection.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)")
        try statement.bind(.text(table), at: 1)
        var keys: [String: String] = [:]
        while try statement.step() { keys[statement.text(at: 0) ?? ""] = statement.text(at: 1) ?? "" }
        return keys
    }
}
