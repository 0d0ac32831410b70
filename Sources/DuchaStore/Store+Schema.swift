import DuchaCore

extension Store {
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
