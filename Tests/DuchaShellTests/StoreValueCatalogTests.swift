import Testing
import DuchaCore
import DuchaStore
@testable import DuchaShell

@Suite struct StoreValueCatalogTests {
    func store() throws -> Store {
        let store = try Store.inMemory()
        try store.connection.execute("""
            INSERT INTO regions (id, name, code, level) VALUES (1, '万源市', 'WY', 'county_city');
            INSERT INTO departments (name, region_id) VALUES ('市农业局', 1), ('', 1);
            """)
        return store
    }

    @Test func aStoredNameIsConfirmedWithoutReadingEveryName() throws {
        let catalog = StoreValueCatalog(store: try store())
        #expect(catalog.contains("市农业局", in: "departments", column: "name") == true)
        #expect(catalog.contains("市农业", in: "departments", column: "name") == false)
        #expect(catalog.contains("市农业局", in: "cases", column: "result") == nil)
    }

    /// The names read leave out empty texts, so an empty one is not "stored" either way,
    /// whether or not they were read before.
    @Test func anEmptyNameGetsTheSameAnswerBeforeAndAfterTheNamesAreRead() throws {
        let catalog = StoreValueCatalog(store: try store())
        let before = catalog.contains("", in: "departments", column: "name")
        #expect(catalog.values(in: "departments", column: "name") == ["市农业局"])
        #expect(before == false)
        #expect(catalog.contains("", in: "departments", column: "name") == false)
    }

    /// A query that names something is checked against the stored names first; each kept
    /// column is indexed, so that check is one index search, not a read of the whole
    /// table (21,446 operators at scale 20).
    @Test(arguments: StoreValueCatalog.kept.sorted())
    func everyKeptColumnIsLookedUpThroughAnIndex(_ key: String) throws {
        let parts = key.split(separator: ".").map(String.init)
        let table = try #require(SchemaDescription.table(named: parts[0]))
        let lookup = try #require(Store.textLookup("周斌飞", in: table, column: parts[1]))
        let plan = try Store.inMemory().queryPlan(lookup).map { $0.trimmingBlanks() }
        #expect(plan.contains { $0.hasPrefix("SEARCH \(table.name) USING") && $0.contains("INDEX") }, "\(key): \(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN \(table.name)") }, "\(key): \(plan)")
    }
}
