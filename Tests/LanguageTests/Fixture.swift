import DuchaCore
import DuchaQuery
import DuchaStore

/// A small database whose every row is known, for query results that a person can
/// check by hand: two regions, four departments, a workflow, three items, four cases
/// (two on month boundaries), steps recorded on time and late, alerts handled and not.
enum Fixture {
    /// The day `today` means in the fixture's queries.
    static let today = CivilDate(year: 2016, month: 5, day: 20)!
    /// The moment `now` means: 2016-05-20 10:00 in Beijing.
    static let now = ChinaTime.instant(today, hour: 10)

    /// The context queries on the fixture are checked in, with its stored names.
    static func context(_ store: Store) throws -> QueryContext {
        var values: [String: [String]] = [:]
        for key in ["regions.name", "departments.name", "operators.name", "items.name", "workflow_steps.name"] {
            let parts = key.split(separator: ".").map(String.init)
            values[key] = try store.distinctTexts(of: SchemaDescription.table(named: parts[0])!, column: parts[1], limit: 1000)
        }
        return QueryContext(today: today, now: now, values: FixedValueCatalog(values))
    }

    /// A new in-memory store holding the fixture.
    static func store() throws -> Store {
        let store = try Store.inMemory()
        func at(_ date: String, _ hour: Int = 0, _ minute: Int = 0) -> Value {
            .integer(ChinaTime.instant(CivilDate(date)!, hour: hour, minute: minute).millisecondsSinceEpoch)
        }
        let rows: [(String, [[Value]])] = [
            ("regions", [["市级", "SJ", "city"], ["万源市", "WY", "county_city"]]),
            ("departments", [
                ["市农业局", 1, nil, "online", 3], ["市水文局", 1, nil, "none", 0],
                ["万源市房管局", 2, nil, "online", 1], ["万源市农业局", 2, nil, "online", 2],
            ]),
            ("workflows", [["行政处罚流程", 1, nil, 0]]),
            ("workflow_steps", [
                [1, 1, "受理", "clerk", 1, 0, 0, 0], [1, 2, "审核", "reviewer", 2, 0, 1, 0], [1, 3, "决定", "leader", 1, 1, 1, 1],
            ]),
            ("items", [
                ["SJ-020-CF-001", "对违反农药管理规定的处罚", "行政处罚", 1, 1, "active", "2015-01-01", nil],
                ["SJ-020-XK-001", "农药经营许可", "行政许可", 1, nil, "active", "2015-06-01", nil],
                ["WY-001-CF-001", "对违章建筑的处罚", "行政处罚", 3, nil, "abolished", "2015-01-01", "2016-03-01"],
            ]),
            ("catalog", [["SJ-020-CF-001", "对违反农药管理规定的处罚", "行政处罚", 1, "2015-12-01", nil]]),
            ("operators", [["张三", 1, "clerk"], ["李四", 1, "leader"], ["王五", 3, "clerk"], ["赵六", 1, "supervisor"]]),
            ("cases", [
                ["2016-SJ-0001", 1, 1, at("2016-01-05", 9), at("2016-01-20", 16), "给予警告", at("2016-01-05", 9)],
                ["2016-SJ-0002", 2, 1, at("2016-03-31", 23, 30), nil, nil, at("2016-03-31", 23, 30)],
                ["2016-WY-0001", 3, 3, at("2016-04-01"), at("2016-04-06", 10), "罚款", at("2016-04-06", 10)],
                ["2016-SJ-0003", 1, 1, at("2016-05-18", 10), nil, nil, at("2016-05-18", 10)],
            ]),
            ("steps", [
                [1, 1, 1, at("2016-01-05", 9), at("2016-01-05", 9, 10), nil],
                [1, 2, 1, at("2016-01-10", 11), at("2016-01-15", 11), "补录"],
                [1, 3, 2, at("2016-01-20", 16), at("2016-01-20", 16, 5), nil],
                [3, 1, 3, at("2016-04-01"), at("2016-04-06", 10), nil],
                [4, 1, 1, at("2016-05-18", 10), nil, nil],
            ]),
            ("alerts", [
                [1, 2, "overtime", "warning", at("2016-01-12", 9), at("2016-01-13", 8), 4, "已督办"],
                [4, 2, "overtime", "alarm", at("2016-05-10", 9), nil, nil, nil],
                [3, nil, "rule", "alarm", at("2016-05-19", 9), nil, nil, nil],
            ]),
            ("logins", [[4, at("2016-01-13", 8)]]),
            ("orders", [
                ["2016-018-001", 2, nil, "张局长", "连续3个月无办件, 请说明情况并整改", at("2016-05-01", 9), "市政府督查室", "2016-05-15", "市监察局", "issued"],
                ["2016-018-002", 3, nil, nil, "补录办件", at("2016-04-10", 9), "市政府督查室", "2016-06-15", nil, "closed"],
            ]),
        ]
        try store.transaction {
            for (table, values) in rows {
                let inserter = try store.inserter(for: table)
                for row in values {
                    try inserter.set(row)
                    try inserter.insert()
                }
            }
        }
        return store
    }

    /// Every row of every table, to show that a query changed nothing.
    static func snapshot(_ store: Store) throws -> [String: [[Value]]] {
        var tables: [String: [[Value]]] = [:]
        for table in SchemaDescription.tables {
            var rows: [[Value]] = []
            try store.run(SQLStatement("SELECT * FROM " + SQLStatement.quoted(table.name)), columns: { _ in }, row: { rows.append($0) })
            tables[table.name] = rows
        }
        return tables
    }
}
