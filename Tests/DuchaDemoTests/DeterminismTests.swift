import DuchaCore
import DuchaDemo
import DuchaStore
import Testing

/// The same seed and scale give the same rows; another seed gives other rows and the same story.
@Suite struct DeterminismTests {
    static let tables = ["departments", "workflow_steps", "items", "catalog", "operators", "logins", "cases", "steps",
                         "alerts", "labels"]

    /// Rows of `table` in one database and not the other, both ways, compared in SQLite.
    static func differingRows(_ table: String, between path: String, and otherPath: String) throws -> Int64 {
        let database = try DemoDatabase(path: path)
        try database.store.run(SQLStatement("ATTACH DATABASE ? AS other", parameters: [.text(otherPath)]), columns: { _ in }, row: { _ in })
        return try database.scalar("""
            SELECT (SELECT count(*) FROM (SELECT * FROM main."\(table)" EXCEPT SELECT * FROM other."\(table)"))
                 + (SELECT count(*) FROM (SELECT * FROM other."\(table)" EXCEPT SELECT * FROM main."\(table)"))
            """)
    }

    @Test func sameSeedGivesTheSameRows() throws {
        let first = try SharedDemo.generated, second = try SharedDemo.again
        #expect(first.summary.rowCounts.map(\.table) == second.summary.rowCounts.map(\.table))
        #expect(first.summary.rowCounts.map(\.rows) == second.summary.rowCounts.map(\.rows))
        #expect(first.summary.labelCounts.map(\.rows) == second.summary.labelCounts.map(\.rows))
        // Row for row (ids included), every table.
        for table in DeterminismTests.tables + ["regions", "workflows", "settings"] {
            #expect(try DeterminismTests.differingRows(table, between: first.path, and: second.path) == 0, "\(table) differs")
        }
        // And the same checksums of a few tables read back.
        let one = try DemoDatabase(path: first.path), other = try DemoDatabase(path: second.path)
        for table in ["departments", "operators", "labels"] {
            #expect(try one.checksum(table) == other.checksum(table), "\(table) checksum differs")
        }
    }

    @Test func anotherSeedGivesOtherRowsAndTheSameStory() throws {
        for table in ["cases", "steps", "operators", "labels"] {
            #expect(try DeterminismTests.differingRows(table, between: SharedDemo.generated.path, and: SharedDemo.otherSeed.path) > 0,
                    "\(table) is the same")
        }
        let other = try DemoDatabase(path: SharedDemo.otherSeed.path)
        // The story's facts do not depend on the seed.
        #expect(try other.scalar("""
            SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE r.code = 'WY' AND d.name <> '万源市房管局' AND c.opened >= ? AND c.opened < ?
            """, [.integer(DemoDatabase.january), .integer(DemoDatabase.may)]) == 11)
        #expect(try other.scalar("SELECT count(*) FROM items WHERE department_id = ?", [.integer(other.department("市农业局"))]) == 332)
        #expect(try other.scalar("SELECT count(*) FROM items WHERE department_id = ?", [.integer(other.department("市水务局"))]) == 89)
        #expect(try other.labelled(.singleOperatorDepartment) == [other.department("市统计局")])
        #expect(try other.labelled(.noPlatform).contains(other.department("市水文局")))
        #expect(try other.labelled(.lowRegion) == [8])
    }

    @Test(arguments: LabelTests.definitions.map(\.0))
    func anotherSeedKeepsLabelsExact(anomaly: Anomaly) throws {
        let other = try DemoDatabase(path: SharedDemo.otherSeed.path)
        let sql = LabelTests.definitions.first { $0.0 == anomaly }!.1
        #expect(Set(try other.integers(sql)) == (try other.labelled(anomaly)))
    }
}
