import DuchaCore
import Testing

/// A moment in Beijing time.
private func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Instant {
    ChinaTime.instant(CivilDate(date)!, hour: hour, minute: minute)
}

@Suite struct CaseTimelineTests {
    static func step(_ name: String?, _ position: Int?, by person: String?, role: String? = "clerk", _ occurred: Instant, recorded: Instant? = nil,
                     limit: Int? = nil, leaderReview: Bool = false) -> CaseTimeline.Step {
        CaseTimeline.Step(id: 0, name: name, position: position, stepRole: nil, timeLimit: limit, leaderReview: leaderReview,
                          operatorName: person, operatorRole: role, occurred: occurred, recorded: recorded, note: nil)
    }

    static func timeline(_ steps: [CaseTimeline.Step], decided: Instant? = nil, abolished: CivilDate? = nil) -> CaseTimeline {
        CaseTimeline(number: "2016-WY-0007", item: "房屋登记", category: "行政确认", itemAbolished: abolished, department: "万源市房管局", region: "万源市",
                     opened: at("2016-05-02", 9), decided: decided, result: nil, steps: steps,
                     workflow: [(1, "受理"), (2, "审核"), (3, "决定")], alerts: [])
    }

    @Test func aBackfilledOnePersonCaseStandsOut() {
        // Three steps over a week, all recorded by one clerk on one afternoon.
        let steps = [
            CaseTimelineTests.step("受理", 1, by: "张三", at("2016-05-02", 9), recorded: at("2016-05-09", 15, 0), limit: 1),
            CaseTimelineTests.step("审核", 2, by: "张三", at("2016-05-04", 10), recorded: at("2016-05-09", 15, 5), limit: 3),
            CaseTimelineTests.step("决定", 3, by: "张三", at("2016-05-06", 16), recorded: at("2016-05-09", 15, 9), limit: 2, leaderReview: true),
        ]
        let flags = CaseTimelineTests.timeline(steps, decided: at("2016-05-06", 16), abolished: CivilDate("2016-04-30")).flags()
        #expect(flags.contains(.afterAbolition(CivilDate("2016-04-30")!)))
        #expect(flags.contains(.enteredAtOnce(span: 4 * Milliseconds.day + 7 * Milliseconds.hour, window: 9 * Milliseconds.minute)))
        #expect(flags.contains(.onePerson("张三")))
        #expect(flags.contains(.recordedLate(step: 0, by: 7 * Milliseconds.day + 6 * Milliseconds.hour)))
        #expect(flags.contains(.leaderStepByNonLeader(step: 2, operator: "张三", role: "clerk")))
        #expect(!flags.contains { if case .missingStep = $0 { true } else { false } })
        #expect(!flags.contains { if case .overTime = $0 { true } else { false } })
    }

    @Test func missingOutOfOrderAndOverTimeSteps() {
        let steps = [
            CaseTimelineTests.step("受理", 1, by: "张三", at("2016-05-02", 9), recorded: at("2016-05-02", 9, 5), limit: 1),
            CaseTimelineTests.step("决定", 3, by: "李四", role: "leader", at("2016-05-13", 10), recorded: at("2016-05-13", 10, 1), limit: 2, leaderReview: true),
            CaseTimelineTests.step(nil, nil, by: nil, role: nil, at("2016-05-13", 10)),
        ]
        let flags = CaseTimelineTests.timeline(steps, decided: at("2016-05-13", 10)).flags()
        #expect(flags.contains(.missingStep("审核")))
        // 决定 on Friday the 13th, after 受理 on Monday the 2nd: 9 working days against 2.
        #expect(flags.contains(.overTime(step: 1, workingDays: 9, limit: 2)))
        #expect(!flags.contains { if case .onePerson = $0 { true } else { false } })
        let reordered = CaseTimelineTests.timeline([
            CaseTimelineTests.step("决定", 3, by: "李四", role: "leader", at("2016-05-02", 9)),
            CaseTimelineTests.step("审核", 2, by: "王五", at("2016-05-03", 9)),
        ]).flags()
        #expect(reordered.contains(.outOfOrder(step: 1, after: "决定")))
    }

    /// Working days after the start's date: weekdays, less the holidays, plus the worked
    /// weekend days (Labour Day 2016-05-01..02; Dragon Boat 2016-06-09..11 with Sunday
    /// 2016-06-12 worked).
    @Test(arguments: [("2016-05-06", "2016-05-09", 1), ("2016-05-03", "2016-05-03", 0), ("2016-05-03", "2016-05-17", 10), ("2016-05-07", "2016-05-08", 0),
                      ("2016-04-29", "2016-05-03", 1), ("2016-06-08", "2016-06-13", 2)])
    func workingDaysFollowTheHolidayCalendar(from: String, to: String, days: Int) {
        #expect(WorkdayCalendar.official.workdays(from: at(from, 9), to: at(to, 9)) == days)
    }

    /// A time limit counts working days: a step three calendar days after the one before,
    /// over the Dragon Boat holiday, took 0 working days (2016-06-09..11 off).
    @Test func timeLimitsCountWorkingDaysNotCalendarDays() {
        let steps = [CaseTimelineTests.step("受理", 1, by: "张三", at("2016-06-08", 9)), CaseTimelineTests.step("审核", 2, by: "李四", at("2016-06-11", 9), limit: 0)]
        #expect(!CaseTimelineTests.timeline(steps, decided: nil).flags().contains { if case .overTime = $0 { return true } else { return false } })
        let later = [CaseTimelineTests.step("受理", 1, by: "张三", at("2016-06-08", 9)), CaseTimelineTests.step("审核", 2, by: "李四", at("2016-06-14", 9), limit: 1)]
        #expect(CaseTimelineTests.timeline(later, decided: nil).flags().contains(.overTime(step: 1, workingDays: 3, limit: 1)))
    }

    @Test func variantsAndHandoversCountLikeProcessMiningTools() {
        var counts = ProcessCounts()
        counts.add(activities: [1, 2, 3], operators: [10, 11, 11])
        counts.add(activities: [1, 2, 3], operators: [10, nil, 10])
        counts.add(activities: [1, 3], operators: [12, 12])
        counts.add(activities: [nil], operators: [nil])
        let names: [Int64: String] = [1: "受理", 2: "审核", 3: "决定", 10: "张三", 11: "李四", 12: "王五"]
        #expect(counts.variants(names: names).map(\.count) == [2, 1, 1])
        #expect(counts.variants(names: names).map(\.activities) == [["受理", "审核", "决定"], ["(no step)"], ["受理", "决定"]])
        #expect(counts.handovers(names: names).map { [$0.from, $0.to, "\($0.count)"] } == [["张三", "李四", "1"]])
        #expect(counts.onePersonCases == 2)
        #expect(counts.cases == 4 && counts.handoverTotal == 1)
        #expect(ProcessCounts.less(["B"], ["a"]) && ProcessCounts.less(["a"], ["a", "b"]))
    }
}
