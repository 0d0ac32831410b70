import DuchaCore
import Testing

private func day(_ text: String) -> CivilDate { CivilDate(text)! }

@Suite struct WorkdayCalendarTests {
    let calendar = WorkdayCalendar.official

    // MARK: Counting

    @Test func fiveWorkingDaysAfterMondayBeforeTheDragonBoatHolidayEndOnTheNextTuesday() {
        // 06-07, 06-08 worked; 06-09..11 off; Sunday 06-12 worked; 06-13, 06-14 worked.
        let reckoning = calendar.adding(workdays: 5, to: day("2016-06-06"))
        #expect(reckoning.date == day("2016-06-14"))
        #expect(!reckoning.isProvisional)
    }

    @Test(arguments: [
        (0, "2016-06-06"), (1, "2016-06-07"), (2, "2016-06-08"), (3, "2016-06-12"), (4, "2016-06-13"), (5, "2016-06-14"),
    ])
    func countingDoesNotIncludeTheStartDay(count: Int, end: String) {
        #expect(calendar.adding(workdays: count, to: day("2016-06-06")).date == day(end))
    }

    @Test func zeroWorkdaysFromAHolidayIsTheHolidayItself() {
        #expect(calendar.adding(workdays: 0, to: day("2016-06-09")).date == day("2016-06-09"))
        // One working day from a day off is the next working day: Sunday the 12th.
        #expect(calendar.adding(workdays: 1, to: day("2016-06-09")).date == day("2016-06-12"))
    }

    @Test func workdaysBetweenCountDaysAfterTheStartUpToAndIncludingTheEnd() {
        #expect(calendar.workdays(from: day("2016-06-06"), to: day("2016-06-14")).count == 5)
        #expect(calendar.workdays(from: day("2016-06-06"), to: day("2016-06-06")).count == 0)
        // The holiday days themselves add nothing.
        #expect(calendar.workdays(from: day("2016-06-08"), to: day("2016-06-11")).count == 0)
        #expect(calendar.workdays(from: day("2016-06-08"), to: day("2016-06-12")).count == 1)
    }

    @Test(arguments: [("2016-06-06", "2016-06-14"), ("2016-01-04", "2016-03-01"), ("2018-12-20", "2019-01-10"), ("2020-01-20", "2020-02-10")])
    func reversedArgumentsGiveTheNegativeCount(start: String, end: String) {
        let forward = calendar.workdays(from: day(start), to: day(end))
        let backward = calendar.workdays(from: day(end), to: day(start))
        #expect(forward.count > 0)
        #expect(backward.count == -forward.count)
        // And counting that many working days forward lands on the end, a working day.
        #expect(calendar.adding(workdays: forward.count, to: day(start)).date == day(end))
    }

    @Test func workdaysBetweenAgreesWithCountingDayByDay() {
        // Over all of 2016: weekdays, minus weekday holidays, plus make-up days.
        var expected = 0
        var date = day("2016-01-01")
        while date < day("2017-01-01") {
            date = date.adding(days: 1)
            if calendar.isWorkday(date) { expected += 1 }
        }
        #expect(calendar.workdays(from: day("2016-01-01"), to: day("2017-01-01")).count == expected)
        // 2016 had 250 working days: 366 days less 105 weekend days is 261 weekdays, less 17
        // weekday holidays (1 + 5 + 1 + 1 + 2 + 2 + 5), plus 6 make-up days. The start, Friday
        // 2016-01-01, was a holiday and the end, Sunday 2017-01-01, a day off: neither changes it.
        #expect(expected == 250)
    }

    // MARK: The official notices

    @Test(arguments: [
        // Year-end make-up announced by the 2019 notice.
        ("2018-12-29", true), ("2018-12-30", false), ("2018-12-31", false), ("2019-01-01", false), ("2019-01-02", true),
        // Spring Festival 2016.
        ("2016-02-06", true), ("2016-02-07", false), ("2016-02-08", false), ("2016-02-12", false), ("2016-02-13", false), ("2016-02-14", true),
        ("2016-02-15", true),
        // National Day 2016.
        ("2016-09-30", true), ("2016-10-01", false), ("2016-10-04", false), ("2016-10-07", false), ("2016-10-08", true), ("2016-10-09", true),
        // Dragon Boat 2016.
        ("2016-06-09", false), ("2016-06-10", false), ("2016-06-11", false), ("2016-06-12", true),
        // 2020: Spring Festival extended to 2 February.
        ("2020-01-19", true), ("2020-01-24", false), ("2020-01-31", false), ("2020-02-01", false), ("2020-02-02", false), ("2020-02-03", true),
        // 2025 Spring Festival (from 除夕).
        ("2025-01-26", true), ("2025-01-27", true), ("2025-01-28", false), ("2025-02-04", false), ("2025-02-05", true), ("2025-02-08", true),
        // 2026 Spring Festival.
        ("2026-02-14", true), ("2026-02-15", false), ("2026-02-20", false), ("2026-02-23", false), ("2026-02-24", true), ("2026-02-28", true),
        // Ordinary days: a weekday, a Saturday, a Sunday.
        ("2016-03-09", true), ("2016-03-12", false), ("2016-03-13", false),
    ])
    func theNoticesDecideWhoWorks(date: String, works: Bool) {
        #expect(calendar.isWorkday(day(date)) == works)
    }

    @Test func theYearEndSaturdayBelongsToTheFollowingYearsNotice() {
        let entry = calendar.entry(for: day("2018-12-29"))
        #expect(entry?.isOffDay == false)
        #expect(entry?.name == "元旦")
        #expect(calendar.notices[2019]?.days.contains { $0.date == day("2018-12-29") && !$0.isOffDay } == true)
        #expect(calendar.notices[2018]?.days.contains { $0.date == day("2018-12-29") } == false)
        // Friday 28 December plus one working day is Saturday 29 December; plus two skips to 2 January.
        #expect(calendar.adding(workdays: 1, to: day("2018-12-28")).date == day("2018-12-29"))
        #expect(calendar.adding(workdays: 2, to: day("2018-12-28")).date == day("2019-01-02"))
    }

    @Test func ordinaryDaysHaveNoEntry() {
        #expect(calendar.entry(for: day("2016-03-09")) == nil)
        #expect(calendar.entry(for: day("2016-03-12")) == nil)
    }

    @Test func theShippedYearsRunFrom2016Through2026WithoutAGap() {
        #expect(calendar.years == Array(2016...2026))
        #expect(calendar.years.allSatisfy { calendar.notices[$0]?.year == $0 })
        #expect(calendar.years.allSatisfy { !(calendar.notices[$0]?.source.isEmpty ?? true) })
    }

    @Test(arguments: 2016...2026)
    func everyMakeUpDayIsAWeekendDayExceptTheDayWorkResumedIn2020(year: Int) throws {
        let notice = try #require(calendar.notices[year])
        for entry in notice.days where !entry.isOffDay {
            let isWeekend = entry.date.weekday == 6 || entry.date.weekday == 7
            #expect(isWeekend || entry.date == day("2020-02-03"), "\(entry.date) (\(entry.name)) is a make-up day on a weekday")
        }
    }

    @Test func theOnlyWeekdayMakeUpDayIsMonday3February2020() {
        let weekdays = calendar.years.flatMap { calendar.notices[$0]!.days }.filter { !$0.isOffDay && $0.date.weekday <= 5 }
        #expect(weekdays.map(\.date) == [day("2020-02-03")])
        #expect(day("2020-02-03").weekday == 1)
    }

    @Test(arguments: 2016...2026)
    func noDateIsBothOffAndWorkedAndEveryDayIsInTheYearOrTheDecemberBefore(year: Int) throws {
        let notice = try #require(calendar.notices[year])
        #expect(!notice.days.isEmpty)
        let off = Set(notice.days.filter(\.isOffDay).map(\.date))
        let worked = Set(notice.days.filter { !$0.isOffDay }.map(\.date))
        #expect(off.isDisjoint(with: worked))
        #expect(Set(notice.days.map(\.date)).count == notice.days.count, "a date is named twice in \(year)")
        for entry in notice.days {
            #expect(entry.date.year == year || (entry.date.year == year - 1 && entry.date.month == 12), "\(entry.date) in the \(year) notice")
        }
        // In date order.
        #expect(notice.days.map(\.date) == notice.days.map(\.date).sorted())
    }

    @Test func noDateIsNamedByTwoNotices() {
        let all = calendar.years.flatMap { calendar.notices[$0]!.days.map(\.date) }
        #expect(Set(all).count == all.count)
    }

    @Test(arguments: 2016...2026)
    func everyYearHasTheSpringFestivalAndNationalDayOff(year: Int) throws {
        let notice = try #require(calendar.notices[year])
        #expect(notice.days.contains { $0.isOffDay && $0.name.contains("春节") })
        #expect(notice.days.contains { $0.isOffDay && $0.name.contains("国庆") && $0.date == CivilDate(year: year, month: 10, day: 1)! })
        #expect(notice.days.contains { $0.isOffDay && $0.name == "元旦" })
    }

    // MARK: Unknown years

    @Test func countingIntoAnUnknownYearIsProvisional() {
        #expect(!calendar.knows(day("2027-01-04")))
        #expect(calendar.knows(day("2026-12-31")))
        let reckoning = calendar.adding(workdays: 20, to: day("2026-12-20"))
        #expect(reckoning.isProvisional)
        #expect(reckoning.date.year == 2027)
        #expect(!calendar.adding(workdays: 20, to: day("2016-03-01")).isProvisional)
        #expect(!calendar.adding(workdays: 5, to: day("2016-06-06")).isProvisional)
        #expect(calendar.workdays(from: day("2026-12-20"), to: day("2027-01-20")).isProvisional)
        #expect(calendar.workdays(from: day("2027-01-20"), to: day("2026-12-20")).isProvisional)
        #expect(!calendar.workdays(from: day("2016-01-20"), to: day("2016-12-20")).isProvisional)
    }

    @Test func anUnknownYearCountsWeekdaysOnly() {
        // Friday 2027-01-01 is a weekday; without a notice it counts.
        #expect(calendar.isWorkday(day("2027-01-01")))
        #expect(!calendar.isWorkday(day("2027-01-02")))
        #expect(calendar.adding(workdays: 1, to: day("2026-12-31")).date == day("2027-01-01"))
    }

    @Test func addingANoticeMakesItsYearKnownAndItsDaysCount() {
        // A made-up 2027 notice: New Year on Friday the 1st, and Sunday the 10th worked.
        let notice = HolidayNotice(year: 2027, source: "test", days: [
            HolidayNotice.Day(name: "测试", date: day("2027-01-10"), isOffDay: false),
            HolidayNotice.Day(name: "元旦", date: day("2027-01-01"), isOffDay: true),
        ])
        #expect(notice.days.map(\.date) == [day("2027-01-01"), day("2027-01-10")])
        let extended = calendar.adding(notice)
        #expect(extended.knows(day("2027-01-04")))
        #expect(extended.years == Array(2016...2027))
        #expect(!extended.isWorkday(day("2027-01-01")))
        #expect(extended.isWorkday(day("2027-01-10")))
        // Thursday 2026-12-31 + 1: the 1st is off, the 2nd and 3rd a weekend: Monday the 4th, no longer provisional.
        let reckoning = extended.adding(workdays: 1, to: day("2026-12-31"))
        #expect(reckoning.date == day("2027-01-04"))
        #expect(!reckoning.isProvisional)
        // Monday 4th to Sunday 10th: Tue..Fri (4) and the worked Sunday.
        #expect(extended.workdays(from: day("2027-01-04"), to: day("2027-01-10")).count == 5)
        #expect(calendar.workdays(from: day("2027-01-04"), to: day("2027-01-10")).count == 4)
        // The original calendar is unchanged, and earlier years are kept.
        #expect(!calendar.knows(day("2027-01-04")))
        #expect(extended.adding(workdays: 5, to: day("2016-06-06")).date == day("2016-06-14"))
    }

    @Test func addingANoticeForAKnownYearReplacesIt() {
        let replacement = HolidayNotice(year: 2016, source: "replacement", days: [])
        let replaced = calendar.adding(replacement)
        #expect(replaced.notices[2016]?.source == "replacement")
        #expect(!replaced.isWorkday(day("2016-06-12")))
        #expect(replaced.isWorkday(day("2016-06-09")))
        #expect(replaced.adding(workdays: 5, to: day("2016-06-06")).date == day("2016-06-13"))
    }
}
