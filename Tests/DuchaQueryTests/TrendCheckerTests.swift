import DuchaCore
import DuchaQuery
import Testing

/// `trend(ROWS, MONTHS)`: for each row, the related rows counted month by month, as
/// one text value that people see drawn as a sparkline.
@Suite struct TrendCheckerTests {
    static func compile(_ text: String) -> Compiler.Compilation {
        Compiler.compile(text, context: CheckerTests.context)
    }

    /// One correlated subquery per row over the whole period, a total per month, the
    /// counts joined by printf; every month bound is a parameter.
    @Test func oneSubqueryTotalsEachMonth() throws {
        let query = try #require(TrendCheckerTests.compile("departments | select name, trend(cases, 2016-01..2016-03)").query)
        let statement = query.statement
        let month = { (text: String) in Value.integer(ChinaTime.instant(CivilDate(text)!).millisecondsSinceEpoch) }
        #expect(statement.text == #"SELECT "departments"."name" AS "name", (SELECT printf(?, "#
            + #"total((("c1"."opened" >= ?) AND ("c1"."opened" < ?))), total((("c1"."opened" >= ?) AND ("c1"."opened" < ?))), "#
            + #"total((("c1"."opened" >= ?) AND ("c1"."opened" < ?)))) AS "trend" FROM "cases" AS "c1" "#
            + #"WHERE (("c1"."department_id" = "departments"."id") AND (("c1"."opened" >= ?) AND ("c1"."opened" < ?)))) AS "trend" "#
            + #"FROM "departments" AS "departments""#)
        #expect(statement.parameters == [.text("%d,%d,%d"), month("2016-01-01"), month("2016-02-01"), month("2016-02-01"), month("2016-03-01"),
                                         month("2016-03-01"), month("2016-04-01"), month("2016-01-01"), month("2016-04-01")])
        #expect(statement.columns == [ResultColumn("name", .text), ResultColumn("trend", .text)])
        #expect(query.sparklineColumns == [1])
        #expect(query.dump.contains("trend(cases, 2016-01..2016-03) → cases by department_id per month of opened, 2016-01 to 2016-03 (3 months)"))
    }

    /// A single month is a trend of one; a range of days on month boundaries is whole months.
    @Test(arguments: [("2016-05", 1), ("2016-01..2016-05", 5), ("2016-01-01..2016-02-29", 2), ("2015-11..2016-02", 4)])
    func monthsAreCounted(period: String, months: Int) throws {
        let statement = try #require(TrendCheckerTests.compile("departments | select trend(cases, \(period))").statement)
        #expect(statement.parameters.first == .text(Array(repeating: "%d", count: months).joined(separator: ",")))
    }

    /// Steps are counted by their own time as written (imported steps keep their offset).
    @Test func stepsReadTheirWrittenOffset() throws {
        let statement = try #require(TrendCheckerTests.compile("operators | select name, trend(steps, 2016-01..2016-02) as steps").statement)
        #expect(statement.text.contains(#"FROM "steps" AS "c1" WHERE (("c1"."operator_id" = "operators"."id")"#), "\(statement.text)")
        #expect(statement.text.contains(#"coalesce("c1"."utc_offset", ?)"#), "\(statement.text)")
    }

    /// The column keeps being monthly counts through later stages.
    @Test func laterStagesKeepTheSparkline() throws {
        let query = try #require(TrendCheckerTests.compile(
            "departments | select name, cases(2016-01..2016-05) as total, trend(cases, 2016-01..2016-05) as t | where total > 0 | sort total desc | take 3").query)
        #expect(query.sparklineColumns == [2])
    }

    /// Problems are marked in the query text: ⟨ and ⟩ surround where each diagnostic points.
    @Test(arguments: [
        ("departments | select name, trend(⟨casse⟩, 2016-01..2016-03)", "unknown-name", "unknown rows 'casse' (did you mean 'cases'?); here those are cases"),
        ("departments | select name, trend(⟨name⟩, 2016-01)", "type-mismatch",
         "trend(ROWS, MONTHS) counts, month by month, the rows that belong to each row, such as trend(cases, 2016-01..2016-06)"),
        ("departments | select name, trend(⟨count(cases)⟩, 2016-01)", "type-mismatch", "trend(ROWS, MONTHS) counts, month by month"),
        ("departments | select name, trend(cases, ⟨2016-01-05..2016-03-02⟩)", "expected-months",
         "trend(cases, MONTHS) takes whole months: a month such as 2016-05 or a range such as 2016-01..2016-06; 2016-01-05..2016-03-02 starts or ends inside a month"),
        ("departments | select name, trend(cases, ⟨2016-05-01⟩)", "expected-months", "trend(cases, MONTHS) takes whole months"),
        ("departments | select name, trend(cases, ⟨3⟩)", "expected-months", "trend(cases, MONTHS) takes whole months"),
        ("departments | select name, ⟨trend⟩(cases)", "wrong-arguments", "trend(ROWS, MONTHS) counts related rows month by month"),
        ("departments | select name | select ⟨trend⟩(cases, 2016-01)", "not-countable-here", "trend counts the rows that belong to each row of a source"),
        ("departments | select name, trend(cases, ⟨2010-01..2016-03⟩)", "too-long", "a trend of more than 60 months"),
        ("regions | select name, trend(⟨departments⟩, 2016-01)", "no-period", "departments have no time to count by month; write count(departments)"),
        ("departments | where trend(cases, 2016-01) ⟨=⟩ 3", "type-mismatch", "cannot compare counts per month with a whole number"),
        ("departments | select name, ⟨trnd⟩(cases, 2016-01)", "unknown-function", "unknown function 'trnd' (did you mean 'trend'?)"),
    ])
    func mistakesPointAtTheArgument(marked: String, id: String, message: String) throws {
        let range = try #require(marked.markedRange)
        let query = marked.replacingMarkers()
        let diagnostics = TrendCheckerTests.compile(query).diagnostics
        let first = try #require(diagnostics.first, "no diagnostic for \(query)")
        #expect(first.id == id, "\(query)")
        #expect(first.message.hasPrefix(message), "\(first.message)")
        #expect(first.range == range, "\(query)")
    }
}
