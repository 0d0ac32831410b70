import DuchaCore
import Testing

private func day(_ text: String) -> CivilDate { CivilDate(text)! }

private func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Instant {
    ChinaTime.instant(CivilDate(date)!, hour: hour, minute: minute)
}

/// The character offset of the `occurrence`-th appearance of `needle` in `text` (from 1).
private func offset(of needle: String, in text: String, occurrence: Int = 1) -> Int {
    let haystack = Array(text), target = Array(needle)
    var seen = 0
    for start in 0...(haystack.count - target.count) where Array(haystack[start..<start + target.count]) == target {
        seen += 1
        if seen == occurrence { return start }
    }
    return -1
}

@Suite struct EscalationLadderTests {
    /// The parse error for `text`, or nil when it parses.
    static func parseError(_ text: String) -> EscalationLadder.ParseError? {
        do {
            _ = try EscalationLadder.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func theStandardLadderReadsBackFromItsText() throws {
        #expect(try EscalationLadder.parse(EscalationLadder.standard.text) == .standard)
        #expect(EscalationLadder.standard.steps.map(\.name) == ["inquiry", "interview", "warning", "accountability"])
    }

    @Test func aLadderIsReadStepByStepWithItsTriggers() throws {
        let ladder = try EscalationLadder.parse("  supervision: overdue 5 ;notice:repeat 3,zero 6;  ")
        #expect(ladder.steps == [
            EscalationLadder.Step(name: "supervision", triggers: [.overdue(5)]),
            EscalationLadder.Step(name: "notice", triggers: [.repeatOverdue(3), .zeroCases(6)]),
        ])
        #expect(try EscalationLadder.parse(ladder.text) == ladder)
        #expect(ladder.steps[0].chinese == "挂牌督办")
    }

    @Test(arguments: [1, 1000])
    func thresholdsRunFromOneToAThousand(threshold: Int) throws {
        let ladder = try EscalationLadder.parse("warning: overdue \(threshold)")
        #expect(ladder.steps.first?.triggers == [.overdue(threshold)])
    }

    @Test func anUnknownStepIsPlacedAndAClosestNameSuggested() throws {
        let text = "inquiry: overdue 1; intervew: overdue 10"
        let error = try #require(EscalationLadderTests.parseError(text))
        #expect(error.offset == offset(of: "intervew", in: text))
        #expect(error.offset == 20)
        #expect(error.message.contains("intervew"))
        #expect(error.message.contains("did you mean 'interview'"))
    }

    @Test func anUnknownStepFarFromAnyNameListsTheSteps() throws {
        let error = try #require(EscalationLadderTests.parseError("约谈: overdue 1"))
        #expect(error.offset == 0)
        #expect(!error.message.contains("did you mean"))
        for name in ["inquiry", "interview", "warning", "accountability"] { #expect(error.message.contains(name)) }
    }

    @Test func anUnknownTriggerIsPlaced() throws {
        let text = "inquiry: overdue 1, overdeu 3; warning: overdue 20"
        let error = try #require(EscalationLadderTests.parseError(text))
        #expect(error.offset == offset(of: "overdeu", in: text))
        #expect(error.message.contains("overdeu"))
        #expect(error.message.contains("'overdue'"))
    }

    @Test(arguments: ["overdue 0", "overdue 1001", "overdue", "overdue ten", "overdue 1 2", "overdue -3", "overdue +5", "overdue 05", "overdue ５", ""])
    func aBadThresholdIsPlacedAtItsTrigger(trigger: String) throws {
        let text = "inquiry: zero 1; warning: repeat 4, \(trigger); accountability: overdue 40"
        let error = try #require(EscalationLadderTests.parseError(text))
        // The trigger starts after "repeat 4, "; an empty one is placed where it would start.
        let expected = offset(of: "repeat 4, ", in: text) + "repeat 4, ".count
        #expect(error.offset == expected, "\(text)")
        #expect(error.message.contains("1 to 1000"))
    }

    @Test func aStepWrittenTwiceIsPlacedAtItsSecondAppearance() throws {
        let text = "inquiry: overdue 1; interview: repeat 2; inquiry: zero 1"
        let error = try #require(EscalationLadderTests.parseError(text))
        #expect(error.offset == offset(of: "inquiry", in: text, occurrence: 2))
        #expect(error.message.contains("inquiry"))
        #expect(error.message.contains("twice"))
    }

    @Test(arguments: ["", "   ", ";", " ; ; "])
    func anEmptyLadderIsRefusedAtTheStart(text: String) throws {
        let error = try #require(EscalationLadderTests.parseError(text))
        #expect(error.offset == 0)
        #expect(error.message.contains("at least one step"))
    }

    @Test func aStepWithoutAColonIsPlaced() throws {
        let text = "inquiry: overdue 1;  warning overdue 20"
        let error = try #require(EscalationLadderTests.parseError(text))
        #expect(error.offset == offset(of: "warning", in: text))
    }

    // MARK: What the facts call for

    @Test(arguments: [
        (0, 0, 0, nil), (1, 0, 0, "inquiry"), (3, 0, 0, "inquiry"), (9, 1, 0, "inquiry"), (10, 1, 0, "interview"),
        (19, 0, 0, "interview"), (20, 0, 0, "warning"), (25, 0, 0, "warning"), (39, 0, 0, "warning"), (40, 0, 0, "accountability"),
        (1, 2, 0, "interview"), (1, 5, 0, "interview"), (25, 2, 0, "warning"),
        (0, 0, 1, "inquiry"), (0, 0, 2, "inquiry"), (0, 0, 3, "interview"), (0, 0, 12, "interview"),
    ] as [(Int, Int, Int, String?)])
    func theHighestStepWhoseTriggerHoldsIsDue(overdue: Int, rank: Int, zero: Int, step: String?) {
        let facts = EscalationLadder.Facts(overdueWorkdays: overdue, overdueRank: rank, zeroCaseMonths: zero)
        #expect(EscalationLadder.standard.due(for: facts)?.step.name == step)
    }

    @Test func theReasonsAreTheTriggersThatHoldForTheStep() throws {
        let ladder = EscalationLadder.standard
        #expect(try #require(ladder.due(for: .init(overdueWorkdays: 25))).reasons == [.overdue(20)])
        #expect(try #require(ladder.due(for: .init(overdueWorkdays: 3, overdueRank: 1))).reasons == [.overdue(1)])
        #expect(try #require(ladder.due(for: .init(overdueWorkdays: 1, overdueRank: 2))).reasons == [.repeatOverdue(2)])
        #expect(try #require(ladder.due(for: .init(overdueWorkdays: 12, overdueRank: 2))).reasons == [.overdue(10), .repeatOverdue(2)])
        #expect(try #require(ladder.due(for: .init(zeroCaseMonths: 3))).reasons == [.zeroCases(3)])
        #expect(ladder.due(for: .init()) == nil)
    }

    @Test func triggersExplainThemselves() {
        #expect(EscalationLadder.Trigger.repeatOverdue(2).explanation.contains("2nd"))
        #expect(EscalationLadder.Trigger.repeatOverdue(11).explanation.contains("11th"))
        #expect(EscalationLadder.Trigger.repeatOverdue(23).explanation.contains("23rd"))
        #expect(EscalationLadder.Trigger.overdue(10).explanation.contains("10"))
    }
}

@Suite struct OrderTrackingTests {
    static func order(id: Int64, department: Int64? = 1, status: OrderStatus, due: String, issued: String? = "2016-05-03", created: String = "2016-05-03",
                      reported: String? = nil, closed: String? = nil) -> Order {
        Order(id: id, number: Order.number(year: 2016, round: 18, serial: Int(id)), departmentID: department, regionID: nil,
              addressee: "部门\(department ?? 0)", requirement: "整改", created: at(created, 9), createdBy: "孙督查",
              issued: issued.map { at($0, 10) }, issuedBy: issued == nil ? nil : "孙督查", due: day(due),
              reported: reported.map { at($0, 16) }, closed: closed.map { at($0, 17) }, status: status)
    }

    // MARK: Ageing

    @Test(arguments: [
        (30, OrderTracking.Ageing.notDue), (6, .notDue), (5, .dueSoon), (1, .dueSoon), (0, .dueSoon),
        (-1, .overdue1to5), (-5, .overdue1to5), (-6, .overdue6to10), (-10, .overdue6to10),
        (-11, .overdue11to20), (-20, .overdue11to20), (-21, .overdueOver20), (-400, .overdueOver20),
    ])
    func ageingBucketsMeetAtTheirBoundaries(left: Int, bucket: OrderTracking.Ageing) {
        #expect(OrderTracking.Ageing.of(workdaysLeft: left) == bucket)
    }

    @Test func workdaysLeftCountTheCalendar() {
        let order = OrderTrackingTests.order(id: 1, status: .issued, due: "2016-06-14")
        #expect(OrderTracking.workdaysLeft(order, today: day("2016-06-06"), calendar: .official) == 5)
        #expect(OrderTracking.workdaysLeft(order, today: day("2016-06-14"), calendar: .official) == 0)
        #expect(OrderTracking.workdaysLeft(order, today: day("2016-06-16"), calendar: .official) == -2)
    }

    @Test func anOrderIsOverdueTheDayAfterItsDeadlineWhileOpen() {
        let open = OrderTrackingTests.order(id: 1, status: .inProgress, due: "2016-06-14")
        #expect(!OrderTracking.isOverdue(open, today: day("2016-06-14")))
        #expect(OrderTracking.isOverdue(open, today: day("2016-06-15")))
        let reported = OrderTrackingTests.order(id: 2, status: .reportSubmitted, due: "2016-06-14", reported: "2016-06-20")
        #expect(!OrderTracking.isOverdue(reported, today: day("2016-06-21")))
    }

    // MARK: Rates

    @Test func ratesCountIssuedClosedOverdueWithdrawnAndOnTime() throws {
        let today = day("2016-06-20")
        let orders = [
            // A draft: not counted at all.
            OrderTrackingTests.order(id: 1, status: .draft, due: "2016-06-01", issued: nil),
            // Open, deadline running: issued, undecided.
            OrderTrackingTests.order(id: 2, status: .inProgress, due: "2016-06-30"),
            // Open, deadline passed: overdue and late.
            OrderTrackingTests.order(id: 3, status: .issued, due: "2016-06-10"),
            // Closed, reported in time.
            OrderTrackingTests.order(id: 4, status: .closed, due: "2016-06-10", reported: "2016-06-08", closed: "2016-06-15"),
            // Closed, reported late.
            OrderTrackingTests.order(id: 5, status: .closed, due: "2016-06-10", reported: "2016-06-14", closed: "2016-06-17"),
            // Withdrawn: counted apart, not issued.
            OrderTrackingTests.order(id: 6, status: .withdrawn, due: "2016-06-10"),
            // Reported in time, being checked: open, on time, not overdue.
            OrderTrackingTests.order(id: 7, status: .verifying, due: "2016-06-10", reported: "2016-06-03"),
        ]
        let rates = OrderTracking.rates(orders, today: today)
        #expect(rates.issued == 5)
        #expect(rates.closed == 2)
        #expect(rates.open == 3)
        #expect(rates.overdue == 1)
        #expect(rates.withdrawn == 1)
        #expect(rates.decided == 4)
        #expect(rates.onTime == 2)
        #expect(try #require(rates.completionRate) == 0.4)
        #expect(try #require(rates.onTimeRate) == 0.5)
    }

    @Test func ratesOfNothingIssuedAreUndefined() {
        let rates = OrderTracking.rates([
            OrderTrackingTests.order(id: 1, status: .draft, due: "2016-06-30", issued: nil),
            OrderTrackingTests.order(id: 2, status: .withdrawn, due: "2016-06-30", issued: nil),
        ], today: day("2016-06-20"))
        #expect(rates.issued == 0 && rates.withdrawn == 1)
        #expect(rates.completionRate == nil)
        #expect(rates.onTimeRate == nil)
    }

    @Test func timelinessIsDecidedByTheReportOrTheDeadline() {
        let today = day("2016-06-20")
        #expect(OrderTracking.wasOnTime(OrderTrackingTests.order(id: 1, status: .inProgress, due: "2016-06-30"), today: today) == nil)
        #expect(OrderTracking.wasOnTime(OrderTrackingTests.order(id: 2, status: .inProgress, due: "2016-06-20"), today: today) == nil)
        #expect(OrderTracking.wasOnTime(OrderTrackingTests.order(id: 3, status: .inProgress, due: "2016-06-19"), today: today) == false)
        #expect(OrderTracking.wasOnTime(OrderTrackingTests.order(id: 4, status: .reportSubmitted, due: "2016-06-19", reported: "2016-06-19"), today: today) == true)
        #expect(OrderTracking.wasOnTime(OrderTrackingTests.order(id: 5, status: .draft, due: "2016-06-01", issued: nil), today: today) == nil)
        #expect(OrderTracking.wasOnTime(OrderTrackingTests.order(id: 6, status: .withdrawn, due: "2016-06-01"), today: today) == nil)
    }

    // MARK: Escalations

    static func escalations(_ orders: [Order], recorded: [Int64: [String]] = [:], zero: [Int64: Int] = [:],
                            today: String = "2016-06-20") -> [OrderTracking.Escalation] {
        OrderTracking.escalations(orders, recorded: recorded, zeroCaseMonths: zero, names: [5: "通川区民政局", 6: "达川区人社局", 7: "宣汉县"],
                                  ladder: .standard, today: day(today), calendar: .official)
    }

    @Test func anOverdueOrderGetsTheStepItsFactsReach() throws {
        // Due Monday 13 June; by Monday 20 June: 14, 15, 16, 17 and 20 June, 5 working days late.
        let late = OrderTrackingTests.order(id: 1, status: .issued, due: "2016-06-13")
        let found = OrderTrackingTests.escalations([late])
        #expect(found.count == 1)
        let escalation = try #require(found.first)
        #expect(escalation.order == late.number)
        #expect(escalation.departmentID == 1)
        #expect(escalation.step.name == "inquiry")
        #expect(escalation.facts.overdueWorkdays == 5)
        #expect(escalation.facts.overdueRank == 1)
        #expect(escalation.reasons == [.overdue(1)])
    }

    @Test func aLongOverdueOrderGetsAWarning() throws {
        // Due 3 May: 4 May to 31 May is 20 working days; 1 to 20 June 13 (the 9th and 10th off,
        // Sunday the 12th worked): 33 working days late.
        let late = OrderTrackingTests.order(id: 1, status: .returned, due: "2016-05-03")
        let escalation = try #require(OrderTrackingTests.escalations([late]).first)
        #expect(escalation.facts.overdueWorkdays == 33)
        #expect(escalation.step.name == "warning")
    }

    @Test(arguments: [["inquiry"], ["warning"], ["interview", "inquiry"]])
    func aStepAlreadyTakenIsNotCalledForAgain(recorded: [String]) {
        let late = OrderTrackingTests.order(id: 1, status: .issued, due: "2016-06-13")
        #expect(OrderTrackingTests.escalations([late], recorded: [1: recorded]).isEmpty)
    }

    @Test func aLowerStepTakenDoesNotStopAHigherOne() throws {
        let late = OrderTrackingTests.order(id: 1, status: .issued, due: "2016-05-03")
        let escalation = try #require(OrderTrackingTests.escalations([late], recorded: [1: ["inquiry", "interview"]]).first)
        #expect(escalation.step.name == "warning")
        // Steps recorded for another order do not count for this one.
        #expect(OrderTrackingTests.escalations([late], recorded: [2: ["warning"]]).first?.step.name == "warning")
    }

    @Test func aDepartmentsSecondLateOrderOfTheYearReachesAnInterview() throws {
        // The first was closed on a report that came late; the second is 2 working days overdue.
        let first = OrderTrackingTests.order(id: 1, status: .closed, due: "2016-03-10", reported: "2016-03-15", closed: "2016-03-20")
        let second = OrderTrackingTests.order(id: 2, status: .inProgress, due: "2016-06-16")
        let escalation = try #require(OrderTrackingTests.escalations([first, second]).first)
        #expect(escalation.order == second.number)
        #expect(escalation.facts.overdueWorkdays == 2)
        #expect(escalation.facts.overdueRank == 2)
        #expect(escalation.step.name == "interview")
        #expect(escalation.reasons == [.repeatOverdue(2)])
    }

    @Test func lateOrdersOfOtherDepartmentsOrYearsOrOnTimeOnesDoNotCount() throws {
        let otherDepartment = OrderTrackingTests.order(id: 1, department: 2, status: .closed, due: "2016-03-10", reported: "2016-03-15", closed: "2016-03-20")
        let lastYear = OrderTrackingTests.order(id: 3, status: .closed, due: "2015-11-10", issued: "2015-10-10", created: "2015-10-10",
                                                reported: "2015-11-20", closed: "2015-11-30")
        let onTime = OrderTrackingTests.order(id: 4, status: .closed, due: "2016-03-10", reported: "2016-03-09", closed: "2016-03-20")
        let withdrawn = OrderTrackingTests.order(id: 5, status: .withdrawn, due: "2016-03-10")
        let current = OrderTrackingTests.order(id: 2, status: .inProgress, due: "2016-06-16")
        let found = OrderTrackingTests.escalations([otherDepartment, lastYear, onTime, withdrawn, current])
        let escalation = try #require(found.first { $0.order == current.number })
        #expect(escalation.facts.overdueRank == 1)
        #expect(escalation.step.name == "inquiry")
        #expect(found.count == 1)
    }

    @Test func twoOpenLateOrdersRankByDeadline() {
        // Both overdue; the earlier deadline is the first, the later one the second.
        let earlier = OrderTrackingTests.order(id: 9, status: .issued, due: "2016-06-13")
        let later = OrderTrackingTests.order(id: 3, status: .issued, due: "2016-06-16")
        let found = OrderTrackingTests.escalations([later, earlier])
        #expect(found.first { $0.order == earlier.number }?.step.name == "inquiry")
        #expect(found.first { $0.order == later.number }?.step.name == "interview")
        // The higher step comes first.
        #expect(found.map(\.order) == [later.number, earlier.number])
    }

    @Test func departmentsWithoutCasesGetTheirStep() throws {
        let found = OrderTrackingTests.escalations([], zero: [5: 3, 6: 1, 7: 0])
        #expect(found.count == 2)
        let five = try #require(found.first { $0.departmentID == 5 })
        #expect(five.order == nil)
        #expect(five.addressee == "通川区民政局")
        #expect(five.step.name == "interview")
        #expect(five.facts.zeroCaseMonths == 3)
        #expect(five.reasons == [.zeroCases(3)])
        #expect(found.first { $0.departmentID == 6 }?.step.name == "inquiry")
        #expect(!found.contains { $0.departmentID == 7 })
        // An unnamed department is shown by its id.
        #expect(OrderTrackingTests.escalations([], zero: [42: 1]).first?.addressee.contains("42") == true)
    }

    @Test func aZeroCaseStepTakenThisYearIsNotCalledForAgain() {
        // An order to department 5 created this year recorded the interview.
        let thisYear = OrderTrackingTests.order(id: 11, department: 5, status: .closed, due: "2016-04-30", issued: "2016-04-01", created: "2016-04-01",
                                                reported: "2016-04-20", closed: "2016-04-25")
        #expect(OrderTrackingTests.escalations([thisYear], recorded: [11: ["interview"]], zero: [5: 3]).isEmpty)
        // Only the inquiry taken: the interview is still called for.
        #expect(OrderTrackingTests.escalations([thisYear], recorded: [11: ["inquiry"]], zero: [5: 3]).first?.step.name == "interview")
        // Taken last year: called for again.
        let lastYear = OrderTrackingTests.order(id: 12, department: 5, status: .closed, due: "2015-11-30", issued: "2015-11-01", created: "2015-11-01",
                                                reported: "2015-11-20", closed: "2015-11-25")
        #expect(OrderTrackingTests.escalations([lastYear], recorded: [12: ["interview"]], zero: [5: 3]).first?.step.name == "interview")
        // Taken for another department's order: called for.
        let otherDepartment = OrderTrackingTests.order(id: 13, department: 6, status: .closed, due: "2016-04-30", issued: "2016-04-01", created: "2016-04-01",
                                                       reported: "2016-04-20", closed: "2016-04-25")
        #expect(OrderTrackingTests.escalations([otherDepartment], recorded: [13: ["interview"]], zero: [5: 3]).first?.step.name == "interview")
    }

    @Test func nothingIsCalledForWhenNothingIsLate() {
        let orders = [
            OrderTrackingTests.order(id: 1, status: .issued, due: "2016-06-20"),
            OrderTrackingTests.order(id: 2, status: .closed, due: "2016-06-10", reported: "2016-06-08", closed: "2016-06-09"),
            OrderTrackingTests.order(id: 3, status: .draft, due: "2016-06-01", issued: nil),
            OrderTrackingTests.order(id: 4, status: .withdrawn, due: "2016-06-01"),
        ]
        #expect(OrderTrackingTests.escalations(orders).isEmpty)
    }

    // MARK: Months without cases

    @Test func zeroCaseMonthsCountBackFromLastMonth() {
        let today = day("2016-06-20")
        // May and April empty, March had cases.
        #expect(OrderTracking.zeroCaseMonths(["2016-05": 0, "2016-03": 2], today: today) == 2)
        // Cases last month: none.
        #expect(OrderTracking.zeroCaseMonths(["2016-05": 1], today: today) == 0)
        // This month's cases do not count; with none before, the limit.
        #expect(OrderTracking.zeroCaseMonths(["2016-06": 9], today: today) == 12)
        #expect(OrderTracking.zeroCaseMonths([:], today: today, limit: 3) == 3)
        // Across the year's turn: January and December empty, November had one.
        #expect(OrderTracking.zeroCaseMonths(["2015-11": 1], today: day("2016-02-29")) == 2)
        // On the first of a month, last month is the whole previous month.
        #expect(OrderTracking.zeroCaseMonths(["2016-05": 3], today: day("2016-06-01")) == 0)
        #expect(OrderTracking.zeroCaseMonths(["2016-06": 3], today: day("2016-07-31")) == 0)
    }
}
