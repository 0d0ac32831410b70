import DuchaCore
import DuchaQuery
import Testing

@Suite struct CheckerTests {
    static var context: QueryContext {
        QueryContext(
            today: CivilDate(year: 2016, month: 5, day: 20)!, now: ChinaTime.instant(CivilDate(year: 2016, month: 5, day: 20)!, hour: 10),
            values: FixedValueCatalog(["departments.name": ["市农业局", "市水务局", "万源市房管局"], "regions.name": ["市级", "万源市"]]))
    }

    static let examples = [
        #"departments | where region = "万源市" | sort name"#,
        #"cases | where opened in 2016-01..2016-04 and dept.region = "万源市" | count"#,
        #"cases | where opened >= 2016-01-01 | count by dept.region, month(opened)"#,
        #"items | where dept = "市农业局" and category = "行政处罚" | select code, name, status"#,
        #"alerts | where level = alarm and handled is null and raised < today - 7d | count by dept"#,
        #"steps | where recorded - occurred > 3d | count by dept | sort count desc | take 10"#,
        #"orders | where status != closed and due < today | sort due"#,
        #"departments | where cases(2016-01..2016-04) = 0 | select name, region"#,
        #"departments | select name, count(cases) as n | sort n desc | take 5"#,
        #"cases | where dept.region.name = "万源市" | count | assert count > 0 "no cases""#,
        "cases | where opened in 2016-01..2016-05 | count by month(opened) | chart bar",
        "cases | count by dept.region, month(opened) | where count > 1 | chart line",
        "departments | select name, cases(2016-01..2016-05) as total, trend(cases, 2016-01..2016-05) | sort total desc | take 5",
    ]

    static func sql(_ text: String) -> SQLStatement? {
        Compiler.compile(text, context: context).statement
    }

    /// Any prefix that ends at a stage boundary checks, not only parses.
    @Test(arguments: CheckerTests.examples)
    func prefixesAtStageBoundariesCheck(query: String) {
        let pieces = query.split(separator: "|", omittingEmptySubsequences: false)
        for count in 1...pieces.count {
            let prefix = pieces.prefix(count).joined(separator: "|")
            #expect(Compiler.compile(prefix, context: CheckerTests.context).diagnostics == [], "\(prefix)")
        }
    }

    /// Every source is a query on its own, by its name, its singular and its Chinese name.
    @Test(arguments: Entity.allCases)
    func everySourceAndAliasIsAQuery(entity: Entity) {
        for name in [entity.rawValue] + entity.aliases {
            let compilation = Compiler.compile(name + " | count", context: CheckerTests.context)
            #expect(compilation.diagnostics == [], "\(name)")
            #expect(compilation.statement?.text.contains("FROM \"\(entity.rawValue)\"") == true)
        }
    }

    /// Dates, months and ranges against stored instants bound whole local days.
    @Test(arguments: [
        ("cases | where opened = 2016-05 | count", "(\"cases\".\"opened\" >= ?) AND (\"cases\".\"opened\" < ?)", ["2016-05-01", "2016-06-01"]),
        ("cases | where opened <= 2016-04 | count", "(\"cases\".\"opened\" < ?)", ["2016-05-01"]),
        ("cases | where opened > 2016-04-30 | count", "(\"cases\".\"opened\" >= ?)", ["2016-05-01"]),
        ("cases | where opened < 2016-01..2016-04 | count", "(\"cases\".\"opened\" < ?)", ["2016-01-01"]),
        ("cases | where 2016-05-01 <= opened | count", "(\"cases\".\"opened\" >= ?)", ["2016-05-01"]),
        ("alerts | where raised < today - 7d | count", "(\"alerts\".\"raised\" < ?)", ["2016-05-13"]),
        ("orders | where due < today + 1mo | count", "(\"orders\".\"due\" < ?)", ["2016-06-20"]),
    ])
    func timesMeanWhatAPersonMeans(query: String, condition: String, days: [String]) throws {
        let statement = try #require(CheckerTests.sql(query))
        #expect(statement.text.contains(condition), "\(statement.text)")
        let expected: [Value] = days.map { day in
            query.hasPrefix("orders") ? .text(day) : .integer(ChinaTime.instant(CivilDate(day)!).millisecondsSinceEpoch)
        }
        #expect(statement.parameters == expected)
    }

    @Test func durationsAreMilliseconds() throws {
        let statement = try #require(CheckerTests.sql("steps | where recorded - occurred > 3d 12h | count"))
        #expect(statement.parameters == [.integer((3 * 24 + 12) * 3_600_000)])
    }

    /// `days` and `hours` are differences of times in milliseconds, divided by the unit.
    @Test func daysAndHoursDivideADifference() throws {
        let statement = try #require(CheckerTests.sql("cases | select days(opened, decided), hours(opened, decided)"))
        #expect(statement.text.hasPrefix(#"SELECT (("cases"."decided" - "cases"."opened") / ?) AS "days", (("cases"."decided" - "cases"."opened") / ?) AS "hours""#))
        #expect(statement.parameters == [.real(86_400_000), .real(3_600_000)])
    }

    /// `workdays(a, b)` is the store's SQL function, given the values as stored:
    /// instants as milliseconds, dates as text, `today`, `now` and literals as parameters.
    @Test(arguments: [
        ("cases | select workdays(opened, decided)", #"SELECT workdays("cases"."opened", "cases"."decided") AS "workdays" FROM"#, [Value]()),
        ("orders | select workdays(due, today)", #"SELECT workdays("orders"."due", ?) AS "workdays" FROM"#, [.text("2016-05-20")]),
        ("orders | select workdays(2016-06-06, due)", #"SELECT workdays(?, "orders"."due") AS "workdays" FROM"#, [.text("2016-06-06")]),
        ("alerts | select workdays(raised, now)", #"SELECT workdays("alerts"."raised", ?) AS "workdays" FROM"#,
         [.integer(ChinaTime.instant(CivilDate(year: 2016, month: 5, day: 20)!, hour: 10).millisecondsSinceEpoch)]),
        ("alerts | select workdays(today - 1w, raised + 12h)", #"SELECT workdays(?, ("alerts"."raised" + ?)) AS "workdays" FROM"#,
         [.text("2016-05-13"), .integer(12 * 3_600_000)]),
        ("cases | where workdays(opened, decided) > 5 | count", #"WHERE (workdays("cases"."opened", "cases"."decided") > ?)"#, [.integer(5)]),
        ("orders | where workdays(today, due) between 0 and 3 | count",
         #"WHERE ((workdays(?, "orders"."due") >= ?) AND (workdays(?, "orders"."due") <= ?))"#,
         [.text("2016-05-20"), .integer(0), .text("2016-05-20"), .integer(3)]),
    ])
    func workdaysCallsTheStoresFunction(query: String, fragment: String, parameters: [Value]) throws {
        let compilation = Compiler.compile(query, context: CheckerTests.context)
        #expect(compilation.diagnostics == [], "\(query)")
        let statement = try #require(compilation.statement)
        #expect(statement.text.contains(fragment), "\(statement.text)")
        #expect(statement.parameters == parameters)
        #expect(!statement.text.contains("2016"), "values are never part of the text")
    }

    /// `workdays` counts whole days, so it is a whole number, and totals take it.
    @Test func workdaysIsAWholeNumber() throws {
        let query = try #require(Compiler.compile("cases | group by dept aggregate avg(workdays(opened, decided)) as mean, max(workdays(opened, decided))",
                                                  context: CheckerTests.context).query)
        #expect(query.statement.columns.map(\.name) == ["dept", "mean", "max_workdays"])
        #expect(query.statement.columns.map(\.kind) == [.text, .real, .integer])
        #expect(query.statement.text.contains(#"max(workdays("cases"."opened", "cases"."decided"))"#))
        let selected = try #require(CheckerTests.sql("cases | select workdays(opened, decided) as n"))
        #expect(selected.columns == [ResultColumn("n", .integer)])
    }

    /// A time kept with the offset it was written with (imported steps) counts from its
    /// local date as written, like `date(occurred)`; when no offset varies, as stored.
    @Test func workdaysReadsWrittenOffsets() throws {
        let varying = try #require(CheckerTests.sql("steps | select workdays(occurred, recorded)"))
        #expect(varying.text.contains(#"workdays(strftime(?, (("steps"."occurred" + (coalesce("steps"."utc_offset", ?) * ?)) / ?), ?), "steps"."recorded")"#),
                "\(varying.text)")
        var context = CheckerTests.context
        context.writtenOffsetsVary = false
        let beijing = try #require(Compiler.compile("steps | select workdays(occurred, recorded)", context: context).statement)
        #expect(beijing.text.hasPrefix(#"SELECT workdays("steps"."occurred", "steps"."recorded") AS "workdays" FROM"#), "\(beijing.text)")
    }

    /// Mistakes in `workdays` are reported at the argument, with what would be right.
    @Test(arguments: [
        ("cases | select workdays(⟨number⟩, decided)", "type-mismatch",
         "workdays(a, b) takes two dates or times, such as workdays(occurred, recorded) or workdays(due, today); this is text"),
        ("departments | where workdays(today, ⟨terminals⟩) > 0", "type-mismatch", "workdays(a, b) takes two dates or times"),
        ("cases | select workdays(opened, ⟨5⟩)", "type-mismatch", "workdays(a, b) takes two dates or times"),
        ("orders | select workdays(⟨\"2016-06-06\"⟩, due)", "type-mismatch", "workdays(a, b) takes two dates or times, such as workdays(occurred, recorded) or workdays(due, today); this is text; a date is written without quotes: 2016-06-06"),
        ("cases | select workdays(⟨2016-05⟩, decided)", "type-mismatch", "workdays(a, b) takes two dates or times, such as workdays(occurred, recorded) or workdays(due, today); this is a period; a month or range is many days"),
        ("cases | select workdays(opened, ⟨3d⟩)", "type-mismatch", "workdays(a, b) takes two dates or times, such as workdays(occurred, recorded) or workdays(due, today); this is a duration"),
        ("cases | select workdays(⟨null⟩, decided)", "type-mismatch", "workdays(a, b) takes two dates or times"),
        ("cases | select workdays(opened, ⟨decided - opened⟩)", "type-mismatch", "workdays(a, b) takes two dates or times"),
        ("cases | where ⟨workdays⟩(opened) > 5", "wrong-arguments", "workdays(a, b) takes two dates or times: the working days after a up to b"),
        ("cases | where ⟨workdays⟩(opened, decided, today) > 5", "wrong-arguments", "workdays(a, b) takes two dates or times"),
        ("cases | where workdays(⟨opend⟩, decided) > 5", "unknown-name", "unknown field 'opend' (did you mean 'opened'?)"),
        ("cases | select ⟨workday⟩(opened, decided)", "unknown-function", "unknown function 'workday' (did you mean 'workdays'?)"),
        ("cases | where workdays(opened, decided) ⟨>⟩ 3d", "type-mismatch", "a duration is compared with a duration"),
        ("cases | where ⟨workdays(opened, decided)⟩", "expected-condition", "expected a condition"),
    ])
    func workdaysMistakesPointAtTheArgument(marked: String, id: String, message: String) throws {
        try diagnosticsPointAtTheProblem(marked: marked, id: id, message: message)
    }

    /// Both arguments are checked, so two wrong ones are two errors.
    @Test func workdaysReportsBothWrongArguments() {
        let diagnostics = Compiler.compile("cases | select workdays(number, result)", context: CheckerTests.context).diagnostics
        #expect(diagnostics.map(\.id) == ["type-mismatch", "type-mismatch"])
        #expect(diagnostics.map(\.range) == [24..<30, 32..<38])
    }

    @Test func toManyCountsAreCorrelatedSubqueries() throws {
        let counted = try #require(CheckerTests.sql("departments | select name, count(cases) as n | sort n desc"))
        #expect(counted.text.contains("(SELECT count(*) AS \"count\" FROM \"cases\" AS \"c1\" WHERE (\"c1\".\"department_id\" = \"departments\".\"id\"))"))
        #expect(counted.text.hasSuffix("ORDER BY 2 DESC"))
        // Compared with zero, a count asks whether any row exists, which stops at the first.
        let none = try #require(CheckerTests.sql("departments | where cases(2016-01..2016-04) = 0 | count"))
        #expect(none.text.contains("WHERE (NOT EXISTS (SELECT \"c1\".\"department_id\" AS \"row\" FROM \"cases\" AS \"c1\""))
        let some = try #require(CheckerTests.sql("departments | where 0 < cases(2016-05) | count"))
        #expect(some.text.contains("WHERE EXISTS (SELECT"))
        let many = try #require(CheckerTests.sql("departments | where cases(2016-05) > 3 | count"))
        #expect(many.text.contains("(SELECT count(*)") && many.parameters.last == .integer(3))
    }

    @Test func valuesAreNeverPartOfTheText() throws {
        let statement = try #require(CheckerTests.sql(#"items | where name ~ "农药" and code = "SJ-1" | take 3"#))
        #expect(!statement.text.contains("农药") && !statement.text.contains("SJ-1") && !statement.text.contains("3"))
        #expect(statement.parameters == [.text("农药"), .text("SJ-1"), .integer(3)])
    }

    /// Problems are marked in the query text: ⟨ and ⟩ surround where each diagnostic points.
    @Test(arguments: [
        ("⟨casse⟩ | count", "unknown-source", "unknown source 'casse' (did you mean 'case' or 'cases'?)"),
        ("cases | where ⟨opend⟩ > 2016-01", "unknown-name", "unknown field 'opend' (did you mean 'opened'?)"),
        ("cases | count by dept.⟨regoin⟩", "unknown-name", "department has no field or relation 'regoin' (did you mean 'region'?)"),
        ("cases | where dept = ⟨\"市农业\"⟩", "unknown-value", "no department has the name \"市农业\" (did you mean \"市农业局\"?)"),
        ("alerts | where level = ⟨alarmm⟩", "unknown-value", "'alarmm' is not a value of level (did you mean 'alarm'?)"),
        ("部门 | where region = ⟨\"万原市\"⟩ | count", "unknown-value", "no region has the name \"万原市\" (did you mean \"万源市\"?)"),
        ("cases | where opened > ⟨2016-02-30⟩", "bad-date", "2016-02-30 is not a date in the calendar"),
        ("cases | where number ⟨=⟩ 3", "type-mismatch", "cannot compare text with a whole number"),
        ("steps | where recorded - occurred ⟨>⟩ 3", "type-mismatch", "a duration is compared with a duration"),
        ("cases | where ⟨opened⟩", "expected-condition", "expected a condition such as level = alarm"),
        ("departments | where ⟨sum⟩(terminals) > 1", "misplaced-aggregate", "totals such as sum() belong in count by"),
        ("departments | select ⟨name⟩, sum(terminals)", "aggregate-mixed", "select mixes totals with per-row values"),
        ("departments | where ⟨cases⟩ = 0", "not-countable-here", "cases is the cases of each row; count them"),
        ("alerts | where handled ⟨=⟩ null", "compare-null", "nothing equals null; write handled is null"),
        ("cases | take ⟨x⟩", "expected-count", "take needs a whole number of rows"),
        ("cases | where opened in ⟨2016-04..2016-01⟩", "empty-range", "this range ends before it starts"),
        ("cases | select ⟨mnth⟩(opened)", "unknown-function", "unknown function 'mnth' (did you mean 'month'?)"),
        ("cases | count | where ⟨number⟩ ~ \"1\"", "unknown-name", "unknown field 'number'; after a stage that shapes rows, the fields are count"),
    ])
    func diagnosticsPointAtTheProblem(marked: String, id: String, message: String) throws {
        let range = try #require(marked.markedRange)
        let query = marked.replacingMarkers()
        let diagnostics = Compiler.compile(query, context: CheckerTests.context).diagnostics
        let first = try #require(diagnostics.first, "no diagnostic for \(query)")
        #expect(first.id == id, "\(query)")
        #expect(first.message.hasPrefix(message), "\(first.message)")
        #expect(first.range == range, "\(query)")
    }

    /// A to-many count with a period is a number and compares like one.
    @Test func aCountWithAPeriodCompares() {
        #expect(Compiler.compile("operators | where logins(2016-01) > 0 and name ~ \"张\"", context: CheckerTests.context).diagnostics == [])
    }

    @Test func severalProblemsAreReportedAtOnce() {
        let diagnostics = Compiler.compile("alerts | where levl = alarm and handeld is null | count by dpt", context: CheckerTests.context).diagnostics
        #expect(diagnostics.map(\.id) == ["unknown-name", "unknown-name", "unknown-name"])
    }
}

/// A catalog that answers lookups and counts how often every value was asked for.
final class CountingValueCatalog: ValueCatalog, @unchecked Sendable {
    let stored: [String: [String]]
    var listed = 0
    var looked = 0
    init(_ stored: [String: [String]]) { self.stored = stored }
    func values(in table: String, column: String) -> [String]? {
        listed += 1
        return stored[table + "." + column]
    }
    func contains(_ value: String, in table: String, column: String) -> Bool? {
        looked += 1
        return stored[table + "." + column].map { $0.contains(value) }
    }
}

@Suite struct ValueLookupTests {
    func compile(_ text: String, _ catalog: CountingValueCatalog) -> Compiler.Compilation {
        Compiler.compile(text, context: QueryContext(today: CivilDate(year: 2016, month: 5, day: 20)!,
                                                     now: ChinaTime.instant(CivilDate(year: 2016, month: 5, day: 20)!, hour: 10), values: catalog))
    }

    @Test func aStoredValueIsLookedUpWithoutListingEveryValue() {
        let catalog = CountingValueCatalog(["departments.name": ["市农业局", "市水务局"]])
        #expect(compile(#"cases | where dept = "市农业局" | count"#, catalog).diagnostics == [])
        #expect(catalog.looked == 1)
        #expect(catalog.listed == 0)
    }

    @Test func aValueNotStoredListsTheValuesForDidYouMean() {
        let catalog = CountingValueCatalog(["departments.name": ["市农业局", "市水务局"]])
        let diagnostics = compile(#"cases | where dept = "市农业" | count"#, catalog).diagnostics
        #expect(diagnostics.map(\.message) == [#"no department has the name "市农业" (did you mean "市农业局"?)"#])
        #expect(catalog.listed == 1)
    }

    @Test func nothingStoredIsNothingToCheckAgainst() {
        let catalog = CountingValueCatalog(["departments.name": []])
        #expect(compile(#"cases | where dept = "市农业" | count"#, catalog).diagnostics == [])
    }
}
