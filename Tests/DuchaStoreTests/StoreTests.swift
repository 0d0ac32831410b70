import Foundation
import Testing
import DuchaCore
@testable import DuchaStore

/// A scratch folder removed when the value goes away.
final class ScratchFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "ducha-store-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// Adds a county-level city; returns its id.
@discardableResult
func insertRegion(_ store: Store, _ name: String, code: String) throws -> Int64 {
    let region = try store.inserter(for: "regions")
    region.set(1, name)
    region.set(2, code)
    region.set(3, "county_city")
    return try region.insert()
}

func rows(_ store: Store, _ sql: String) throws -> [[Value]] {
    var result: [[Value]] = []
    try store.runReadOnly(sql, columns: { _ in }, row: { result.append($0) })
    return result
}

@Suite struct MigrationTests {
    @Test func newStoreIsAtTheCurrentVersionWithARecord() throws {
        let store = try Store.inMemory()
        #expect(try store.schemaVersion() == SchemaDescription.version)
        let recorded = try rows(store, "SELECT version, name FROM schema_migrations ORDER BY version")
        #expect(recorded == [[.integer(1), .text("domain")], [.integer(2), .text("imports")], [.integer(3), .text("orders")], [.integer(4), .text("name indexes")]])
    }

    /// A version-1 database gains the import columns; its steps read as written in +08:00.
    @Test func aVersionOneDatabaseIsUpgradedInPlace() throws {
        let folder = ScratchFolder()
        let path = folder.file("v1.db")
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [path, """
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL);
            \(Migration.all[0].sql)
            INSERT INTO schema_migrations VALUES (1, 'domain', '2016-05-20');
            INSERT INTO regions VALUES (1, '万源市', 'WY', 'county_city');
            INSERT INTO departments VALUES (1, '万源市房管局', 1, NULL, 'online', 1);
            INSERT INTO items VALUES (1, 'X1', '房屋登记', '行政确认', 1, NULL, 'active', NULL, NULL);
            INSERT INTO cases VALUES (1, 'WY-1', 1, 1, 0, NULL, NULL, 0);
            INSERT INTO steps VALUES (1, 1, NULL, NULL, 0, NULL, NULL);
            PRAGMA user_version = 1;
            """]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let store = try Store.open(path: path)
        #expect(try store.schemaVersion() == SchemaDescription.version)
        #expect(try rows(store, "SELECT utc_offset, lifecycle, import_id FROM steps") == [[.integer(480), .null, .null]])
        #expect(try rows(store, "SELECT count(*) FROM imports") == [[.integer(0)]])
    }

    @Test func reopeningDoesNotMigrateAgain() throws {
        let folder = ScratchFolder()
        let path = folder.file("a.db")
        _ = try Store.open(path: path)
        let again = try Store.open(path: path)
        #expect(try rows(again, "SELECT count(*) FROM schema_migrations") == [[.integer(Int64(Migration.all.count))]])
        let mode = try again.connection.prepare("PRAGMA journal_mode")
        _ = try mode.step()
        #expect(mode.text(at: 0) == "wal")
        #expect(try rows(again, "PRAGMA foreign_keys") == [[.integer(1)]])
    }

    /// The contract: the description the shell and compiler use equals the migrated tables.
    @Test(arguments: SchemaDescription.tables.map(\.name))
    func descriptionMatchesTheMigratedTable(table: String) throws {
        let store = try Store.inMemory()
        let description = try #require(SchemaDescription.table(named: table))
        let stored = try store.storedColumns(of: table)
        #expect(stored.map(\.name) == description.columns.map(\.name))
        // A view's columns are computed; its relations are the language's.
        guard !description.isView else { return }
        for (column, storedColumn) in zip(description.columns, stored) where column.name != "id" {
            #expect(storedColumn.notNull == !column.nullable, "\(table).\(column.name) nullability")
            let expectedType: String
            switch column.kind {
            case .integer, .instant, .flag, .duration: expectedType = "INTEGER"
            case .real: expectedType = "REAL"
            case .text, .date: expectedType = "TEXT"
            case .blob: expectedType = "BLOB"
            case .any: expectedType = ""
            }
            #expect(storedColumn.type == expectedType, "\(table).\(column.name) type")
        }
        let keys = try store.storedForeignKeys(of: table)
        let described = Dictionary(uniqueKeysWithValues: description.columns.compactMap { column in column.references.map { (column.name, $0) } })
        #expect(keys == described)
    }
}

@Suite struct StoreBehaviourTests {
    @Test func valuesRoundTripIncludingChineseAndNull() throws {
        let store = try Store.inMemory()
        let id = try insertRegion(store, "万源市", code: "WY")
        let department = try store.inserter(for: "departments")
        department.set(1, "万源市房管局")
        department.set(2, id)
        department.set(3, Int64?.none)
        department.set(4, "online")
        department.set(5, 2)
        try department.insert()
        let listed = try rows(store, "SELECT * FROM departments")
        #expect(listed == [[.integer(1), .text("万源市房管局"), .integer(id), .null, .text("online"), .integer(2), .null]])
    }

    @Test func foreignKeysAreEnforced() throws {
        let store = try Store.inMemory()
        let department = try store.inserter(for: "departments")
        department.set(1, "无主部门")
        department.set(2, 99)
        department.set(3, Int64?.none)
        department.set(4, "online")
        department.set(5, 0)
        #expect(throws: StoreError.self) { try department.insert() }
    }

    @Test func aFailedTransactionLeavesNothing() throws {
        let store = try Store.inMemory()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.transaction {
                try store.setSetting("story_date", to: "2016-05-20")
                throw Boom()
            }
        }
        #expect(try store.setting("story_date") == nil)
        try store.setSetting("story_date", to: "2016-05-20")
        try store.setSetting("story_date", to: "2016-05-21")
        #expect(try store.setting("story_date") == "2016-05-21")
    }

    @Test(arguments: ["DELETE FROM regions", "INSERT INTO settings VALUES ('a', 'b')", "DROP TABLE cases", "PRAGMA user_version = 9", "CREATE TABLE x (a)"])
    func readOnlySQLRefusesWrites(sql: String) throws {
        let store = try Store.inMemory()
        #expect(throws: StoreError.writeRefused(sql: sql)) { try rows(store, sql) }
        #expect(try store.schemaVersion() == SchemaDescription.version)
    }

    @Test func anInterruptStopsARunningStatement() throws {
        let store = try Store.inMemory()
        store.connection.setInterruptCheck { true }
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        #expect(throws: StoreError.interrupted) { try rows(store, endless) }
        store.connection.setInterruptCheck(nil)
        #expect(try rows(store, "SELECT 1") == [[.integer(1)]])
    }

    @Test func parametersAreBoundNeverPasted() throws {
        let store = try Store.inMemory()
        try store.setSetting("x\" or 1=1 --", to: "'; DROP TABLE cases; --")
        #expect(try store.setting("x\" or 1=1 --") == "'; DROP TABLE cases; --")
        #expect(try rows(store, "SELECT count(*) FROM cases") == [[.integer(0)]])
    }
}

@Suite struct OpeningBadFilesTests {
    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUnchanged() throws {
        let folder = ScratchFolder()
        let path = folder.file("notes.db")
        let content = Data("这不是数据库, just notes\n".utf8) + Data(repeating: 0x41, count: 5000)
        try content.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path)) { try Store.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aNewerSchemaIsRefused() throws {
        let folder = ScratchFolder()
        let path = folder.file("future.db")
        _ = try Store.open(path: path)
        try Connection(path: path, mode: .readWrite).execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.newerSchema(path: path, found: 99, supported: SchemaDescription.version)) {
            try Store.open(path: path)
        }
    }

    @Test func aVersionWithoutTablesIsANewerSchemaNotAForeignFile() throws {
        let folder = ScratchFolder()
        let path = folder.file("bare-version.db")
        try Connection(path: path, mode: .create).execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.newerSchema(path: path, found: 99, supported: SchemaDescription.version)) {
            try Store.open(path: path)
        }
    }

    @Test func anotherApplicationsDatabaseIsRefused() throws {
        let folder = ScratchFolder()
        let path = folder.file("other.db")
        try Connection(path: path, mode: .create).execute("CREATE TABLE t (a); INSERT INTO t VALUES (1)")
        #expect(throws: StoreError.foreignDatabase(path: path)) { try Store.open(path: path) }
        let check = try Connection(path: path, mode: .readOnly)
        let statement = try check.prepare("SELECT count(*) FROM sqlite_schema")
        _ = try statement.step()
        #expect(statement.integer(at: 0) == 1)
    }

    @Test func aReadOnlyFileNeedsReadOnlyAccess() throws {
        let folder = ScratchFolder()
        let path = folder.file("shared.db")
        _ = try Store.open(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        #expect(throws: StoreError.readOnly(path: path)) { try Store.open(path: path) }
        let store = try Store.open(path: path, access: .readOnly)
        #expect(store.isReadOnly)
        #expect(throws: StoreError.self) { try store.setSetting("a", to: "b") }
    }

    /// Version 4 only adds indexes: a v3 database opens read-only as it is, answers the
    /// same, and gets the indexes at its next writable open. One that lacks v3's tables
    /// must still be upgraded first.
    @Test func aDatabaseLackingOnlyIndexesOpensReadOnly() throws {
        let folder = ScratchFolder()
        let path = folder.file("v3.db")
        let made = try Store.open(path: path)
        _ = try insertRegion(made, "万源市", code: "WY")
        try made.connection.execute("""
            DROP INDEX operators_name; DROP INDEX items_name; DROP INDEX catalog_name;
            DROP INDEX workflows_name; DROP INDEX workflow_steps_name;
            DELETE FROM schema_migrations WHERE version = 4; PRAGMA user_version = 3
            """)
        let reader = try Store.open(path: path, access: .readOnly)
        #expect(try reader.schemaVersion() == 3)
        #expect(try rows(reader, "SELECT name FROM regions") == [[.text("万源市")]])
        let upgraded = try Store.open(path: path)
        #expect(try upgraded.schemaVersion() == SchemaDescription.version)
        #expect(try rows(upgraded, "SELECT count(*) FROM sqlite_schema WHERE name = 'operators_name'") == [[.integer(1)]])
        try upgraded.connection.execute("PRAGMA user_version = 2")
        #expect(throws: StoreError.self) { try Store.open(path: path, access: .readOnly) }
    }

    @Test func aMissingFileIsNotCreatedWhenReadOnly() throws {
        let folder = ScratchFolder()
        let path = folder.file("missing.db")
        #expect(throws: StoreError.self) { try Store.open(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct ApplicationIDTests {
    @Test func anotherApplicationWithItsOwnUserVersionIsRefusedAndLeftUnchanged() throws {
        let folder = ScratchFolder()
        let path = folder.file("theirs.db")
        try Connection(path: path, mode: .create).execute("CREATE TABLE mine (a); PRAGMA user_version = 1")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.foreignDatabase(path: path)) { try Store.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func duchaDatabasesCarryTheApplicationID() throws {
        let folder = ScratchFolder()
        let path = folder.file("ours.db")
        _ = try Store.open(path: path)
        let statement = try Connection(path: path, mode: .readOnly).prepare("PRAGMA application_id")
        _ = try statement.step()
        #expect(statement.integer(at: 0) == Int64(Store.applicationID))
        _ = try Store.open(path: path)
    }

    @Test(arguments: ["SELECT 1; DROP TABLE regions", "ATTACH 'x.db' AS x", "BEGIN", "SAVEPOINT a", "-- only a comment", ";"])
    func sqlThatReachesBeyondOneQueryIsRefused(sql: String) throws {
        let store = try Store.inMemory()
        #expect(throws: StoreError.self) { try rows(store, sql) }
        #expect(try rows(store, "SELECT count(*) FROM regions") == [[.integer(0)]])
    }

    @Test func trailingCommentsAndSemicolonsAreFine() throws {
        let store = try Store.inMemory()
        #expect(try rows(store, "SELECT 1; -- done\n;") == [[.integer(1)]])
    }
}

@Suite struct StatementCacheTests {
    let lookup = "SELECT value FROM settings WHERE key = ? ORDER BY value"

    func values(_ store: Store, _ sql: String, _ parameters: [Value], row: (([Value]) throws -> Void)? = nil) throws -> [[Value]] {
        var result: [[Value]] = []
        try store.run(SQLStatement(sql, parameters: parameters), columns: { _ in }) { values in
            result.append(values)
            try row?(values)
        }
        return result
    }

    @Test func theSameTextWithOtherValuesRunsOneKeptStatement() throws {
        let store = try Store.inMemory()
        try store.setSetting("a", to: "1")
        try store.setSetting("b", to: "2")
        let before = store.connection.cachedStatementCount
        #expect(try values(store, lookup, [.text("a")]) == [[.text("1")]])
        #expect(try values(store, lookup, [.text("b")]) == [[.text("2")]])
        #expect(try values(store, lookup, [.text("c")]) == [])
        #expect(store.connection.cachedStatementCount == before + 1)
        // A statement given back has its bindings cleared: too few values is still an error.
        #expect(throws: StoreError.self) { try values(store, lookup, []) }
    }

    @Test func onlyTheMostRecentlyUsedAreKept() throws {
        let store = try Store.inMemory()
        for number in 0..<40 {
            #expect(try values(store, "SELECT ? + \(number)", [.integer(1)]) == [[.integer(Int64(number) + 1)]])
        }
        #expect(store.connection.cachedStatementCount == 16)
    }

    @Test func aQueryRunInsideAnotherGetsItsOwnStatement() throws {
        let store = try Store.inMemory()
        try store.setSetting("a", to: "b")
        try store.setSetting("b", to: "c")
        var inner: [[Value]] = []
        let outer = try values(store, lookup, [.text("a")]) { row in
            if case .text(let key) = row[0] { inner += try values(store, lookup, [.text(key)]) }
        }
        #expect(outer == [[.text("b")]])
        #expect(inner == [[.text("c")]])
    }

    @Test func aQueryBrokenOffHoldsNoReadTransaction() throws {
        let folder = ScratchFolder()
        let path = folder.file("kept.db")
        let reader = try Store.open(path: path)
        for key in ["a", "b", "c"] { try reader.setSetting(key, to: "x") }
        struct Enough: Error {}
        #expect(throws: Enough.self) {
            _ = try values(reader, "SELECT key FROM settings", []) { _ in throw Enough() }
        }
        // Another connection writes; a full checkpoint must not wait for a reader of the
        // older snapshot (a statement left mid-way would be one).
        let writer = try Store.open(path: path)
        try writer.setSetting("d", to: "x")
        var checkpoint: [[Value]] = []
        try writer.connection.withCachedStatement("PRAGMA wal_checkpoint(TRUNCATE)") { statement in
            while try statement.step() { checkpoint.append(statement.row()) }
        }
        #expect(checkpoint.first?.first == .integer(0), "the checkpoint was blocked: \(checkpoint)")
        // And the kept statement sees the other connection's row.
        #expect(try values(reader, "SELECT key FROM settings", []).count == 4)
    }

    @Test func aKeptStatementDescribesTheColumnsOfItsTableAsItIsNow() throws {
        let store = try Store.inMemory()
        try store.connection.execute("CREATE TABLE scratch (a); INSERT INTO scratch VALUES (1)")
        var described: [ResultColumn] = []
        let all = { try values(store, "SELECT * FROM scratch", []) }
        func describe() throws -> [[Value]] {
            var result: [[Value]] = []
            try store.run(SQLStatement("SELECT * FROM scratch"), columns: { described = $0 }, row: { result.append($0) })
            return result
        }
        #expect(try all() == [[.integer(1)]])
        try store.connection.execute("DROP TABLE scratch; CREATE TABLE scratch (a, b); INSERT INTO scratch VALUES (1, 2)")
        #expect(try describe() == [[.integer(1), .integer(2)]])
        #expect(described.map(\.name) == ["a", "b"])
    }

    @Test func textIsBoundWhole() throws {
        let store = try Store.inMemory()
        try store.setSetting("a", to: "1")
        // A NUL inside a value is part of it, not its end.
        #expect(try values(store, lookup, [.text("a\u{0}zzz")]) == [])
        #expect(try values(store, "SELECT typeof(?), length(CAST(? AS BLOB))", [.text(""), .text("市\u{0}局")]) == [[.text("text"), .integer(7)]])
    }

    @Test func aKeptStatementFollowsASchemaChange() throws {
        let folder = ScratchFolder()
        let path = folder.file("schema.db")
        let store = try Store.open(path: path)
        try store.setSetting("a", to: "1")
        #expect(try values(store, lookup, [.text("a")]) == [[.text("1")]])
        let other = try Store.open(path: path)
        try other.connection.execute("CREATE INDEX settings_value ON settings(value)")
        #expect(try values(store, lookup, [.text("a")]) == [[.text("1")]])
    }
}

@Suite struct HeldValueTests {
    @Test func aColumnHoldsATextExactlyAsAQueryCompares() throws {
        let store = try Store.inMemory()
        try insertRegion(store, "万源市", code: "WY")
        let regions = try #require(SchemaDescription.table(named: "regions"))
        #expect(try store.holdsText("万源市", in: regions, column: "name"))
        #expect(try !store.holdsText("万源", in: regions, column: "name"))
        #expect(try !store.holdsText("wy", in: regions, column: "code"))
        #expect(try store.holdsText("WY", in: regions, column: "code"))
        #expect(try !store.holdsText("'; DROP TABLE regions; --", in: regions, column: "name"))
        #expect(try !store.holdsText("万源市", in: regions, column: "no_such_column"))
    }
}
