import DuchaCore
import DuchaQuery
import DuchaStore
import Testing

/// `workdays(a, b)` run through a real store: the query compiles to the store's SQL
/// function, which counts by the official holiday calendar with its make-up working days.
@Suite struct WorkdayTests {
    /// The Dragon Boat Festival of 2016: 9–11 June off, Sunday 12 June worked.
    /// A case opened on Monday 6 June at 07:00 Beijing time (still 5 June in UTC) and
    /// decided on Tuesday 14 June, with a step on each of those days.
    static func store(firstStepOffset: Int64 = 480) throws -> Store {
        let store = try Fixture.store()
        func at(_ date: String, _ hour: Int) -> Value {
            .integer(ChinaTime.instant(CivilDate(date)!, hour: hour).millisecondsSinceEpoch)
        }
        try store.transaction {
            let cases = try store.inserter(for: "cases", columns: ["number", "item_id", "department_id", "opened", "decided", "created"])
            try cases.set(["2016-SJ-0604", 1, 1, at("2016-06-06", 7), at("2016-06-14", 16), at("2016-06-06", 7)])
            try cases.insert()
            let steps = try store.inserter(for: "steps", columns: ["case_id", "workflow_step_id", "operator_id", "occurred", "recorded", "utc_offset"])
            for (step, day, hour, offset) in [(1, "2016-06-06", 7, firstStepOffset), (3, "2016-06-14", 16, 480)] {
                try steps.set([5, .integer(Int64(step)), 1, at(day, hour), at(day, hour + 1), .integer(offset)])
                try steps.insert()
            }
        }
        return store
    }

    static func run(_ query: String, on store: Store) throws -> [[Value]] {
        let compilation = Compiler.compile(query, context: try Fixture.context(store))
        let statement = try #require(compilation.statement, "\(query): \(compilation.diagnostics.map(\.message))")
        var rows: [[Value]] = []
        try store.run(statement, columns: { _ in }, row: { rows.append($0) })
        return rows
    }

    /// Monday to Friday alone would count 6 (7–10 and 13–14 June); the calendar gives 5.
    @Test func theHolidayCalendarCounts() throws {
        let store = try WorkdayTests.store()
        let mondayToFriday = (1...8).map { CivilDate(year: 2016, month: 6, day: 6)!.adding(days: $0) }.filter { $0.weekday <= 5 }.count
        #expect(mondayToFriday == 6)
        #expect(try WorkdayTests.run(#"cases | where number = "2016-SJ-0604" | select workdays(opened, decided)"#, on: store) == [[.integer(5)]])
        // Over the case's two steps: the last step against the first day, both ways round.
        #expect(try WorkdayTests.run(#"steps | where case = "2016-SJ-0604" and step = "决定" | select workdays(2016-06-06, occurred), workdays(occurred, 2016-06-06)"#,
                                     on: store) == [[.integer(5), .integer(-5)]])
        #expect(try WorkdayTests.run(#"steps | where case = "2016-SJ-0604" | select workdays(case.opened, occurred) as n | sort n"#, on: store)
                == [[.integer(0)], [.integer(5)]])
        // Dates and literals: the same count from text dates, and the worked Sunday is a working day.
        #expect(try WorkdayTests.run(#"cases | where workdays(2016-06-06, 2016-06-14) = 5 and workdays(2016-06-11, 2016-06-12) = 1 | count"#, on: store)
                == [[.integer(5)]])
        #expect(try WorkdayTests.run(#"cases | where workdays(opened, decided) = 5 | select number"#, on: store) == [[.text("2016-SJ-0604")]])
    }

    /// `today` and `now` are days of the run (2016-05-20 in the fixture); a step written
    /// in UTC counts from its local date as written, as `date(occurred)` does.
    @Test func todayNowAndWrittenOffsets() throws {
        let store = try WorkdayTests.store(firstStepOffset: 0)
        #expect(try WorkdayTests.run(#"cases | where number = "2016-SJ-0604" | select workdays(today, opened), workdays(now, decided)"#, on: store)
                == [[.integer(11), .integer(16)]])
        // The first step written in UTC: 07:00 in Beijing on 6 June is 23:00 on 5 June in UTC: Monday 6 June now counts.
        #expect(try WorkdayTests.run(#"steps | where case = "2016-SJ-0604" | select date(occurred), workdays(occurred, case.decided) as n | sort n"#, on: store)
                == [[.text("2016-06-14"), .integer(0)], [.text("2016-06-05"), .integer(6)]])
    }
}
