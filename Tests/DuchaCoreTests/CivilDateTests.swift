import Testing
@testable import DuchaCore

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("1970-01-01", 0, 4), ("2016-05-20", 16941, 5), ("2016-02-29", 16860, 1), ("2000-03-01", 11017, 3), ("1969-12-31", -1, 3),
    ])
    func daysAndWeekdays(text: String, days: Int, weekday: Int) throws {
        let date = try #require(CivilDate(text))
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(date.weekday == weekday)
        #expect(date.description == text)
    }

    @Test(arguments: ["2016-02-30", "2015-02-29", "2016-13-01", "2016-1-01", "20160101", "2016-01-0x", "", "２０１６-01-01"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test func monthsRollOver() throws {
        let december = try #require(CivilDate("2016-12-31"))
        #expect(december.firstOfNextMonth.description == "2017-01-01")
        #expect(december.firstOfMonth.description == "2016-12-01")
        #expect(december.adding(days: 1).description == "2017-01-01")
        #expect(try #require(CivilDate("2016-03-01")).adding(days: -1).description == "2016-02-29")
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        var previous = CivilDate(daysSinceEpoch: -1)
        for days in 0..<146_097 {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(previous < date)
            previous = date
        }
    }
}

@Suite struct ChinaTimeTests {
    @Test func localTimeIsUTCPlusEight() throws {
        let date = try #require(CivilDate("2016-06-15"))
        let instant = ChinaTime.instant(date, hour: 9, minute: 30)
        #expect(instant.millisecondsSinceEpoch == 1_465_954_200_000)
        #expect(ChinaTime.format(instant) == "2016-06-15 09:30:00")
        #expect(ChinaTime.iso8601(instant) == "2016-06-15T09:30:00+08:00")
        #expect(ChinaTime.iso8601(instant.adding(milliseconds: 7)) == "2016-06-15T09:30:00.007+08:00")
    }

    @Test func midnightInShanghaiIsTheDayBeforeInUTC() throws {
        let date = try #require(CivilDate("2016-01-01"))
        let midnight = ChinaTime.instant(date)
        #expect(ChinaTime.date(of: midnight) == date)
        #expect(ChinaTime.date(of: midnight.adding(milliseconds: -1)).description == "2015-12-31")
        #expect(ChinaTime.format(Instant(millisecondsSinceEpoch: -1)) == "1970-01-01 07:59:59")
    }

    @Test func fixedClockAnswersToday() throws {
        let clock = Clock.fixed(try #require(CivilDate("2016-05-20")), hours: 23)
        #expect(clock.today.description == "2016-05-20")
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("mdoe", ["mode", "maxrows", "help"], ["mode"]),
        ("depts", ["departments", "dept", "cases"], ["dept"]),
        ("dep", ["departments", "dept", "cases"], ["departments", "dept"]),
        ("市农业", ["市农业局", "市水务局"], ["市农业局"]),
        ("xyz", ["cases", "items"], []),
    ])
    func closestNames(word: String, candidates: [String], expected: [String]) {
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }

    @Test func phraseIsEmptyWhenNothingIsClose() {
        #expect(Suggestion.phrase(for: "zzzz", among: ["cases"]) == "")
        #expect(Suggestion.phrase(for: "csaes", among: ["cases"]) == " (did you mean 'cases'?)")
    }
}

@Suite struct EntityTests {
    @Test(arguments: [("cases", Entity.cases), ("case", .cases), ("案件", .cases), ("部门", .departments), ("dept", .departments), ("audit", .audit)])
    func namesAndAliases(name: String, entity: Entity) {
        #expect(Entity.named(name) == entity)
    }

    @Test func everyEntityHasATable() {
        for entity in Entity.allCases {
            #expect(SchemaDescription.table(named: entity.rawValue) != nil, "no table for \(entity)")
        }
    }
}
