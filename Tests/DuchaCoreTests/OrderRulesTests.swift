import DuchaCore
import Testing

private func day(_ text: String) -> CivilDate { CivilDate(text)! }

private func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Instant {
    ChinaTime.instant(CivilDate(date)!, hour: hour, minute: minute)
}

/// The lifecycle table as the design describes it, written out status by status,
/// independently of `OrderLifecycle`.
private let expectedTable: [OrderStatus: [OrderAction: OrderStatus]] = {
    let open: [OrderStatus] = [.issued, .planReceived, .inProgress, .returned, .reopened]
    var table: [OrderStatus: [OrderAction: OrderStatus]] = [:]
    for status in OrderStatus.allCases { table[status] = [.note: status] }
    table[.draft]![.issue] = .issued
    for from: OrderStatus in [.issued, .returned, .reopened] { table[from]![.plan] = .planReceived }
    for from: OrderStatus in [.issued, .planReceived, .returned, .reopened] { table[from]![.ack] = .inProgress }
    for from in open {
        table[from]![.report] = .reportSubmitted
        for keeping: OrderAction in [.extend, .approve, .deny, .escalate] { table[from]![keeping] = from }
    }
    table[.reportSubmitted]![.verify] = .verifying
    table[.reportSubmitted]![.return] = .returned
    table[.verifying]![.return] = .returned
    table[.verifying]![.close] = .closed
    for from in OrderStatus.allCases where from != .closed && from != .withdrawn { table[from]![.withdraw] = .withdrawn }
    table[.closed]![.reopen] = .reopened
    return table
}()

@Suite struct OrderLifecycleTests {
    @Test(arguments: OrderStatus.allCases, OrderAction.allCases)
    func everyStatusAndActionLeadWhereTheTableSays(status: OrderStatus, action: OrderAction) {
        #expect(OrderLifecycle.next(after: action, from: status) == expectedTable[status]?[action])
    }

    @Test(arguments: OrderStatus.allCases)
    func theAllowedActionsAreThoseWithANextStatusInLifecycleOrder(status: OrderStatus) {
        let expected = OrderAction.allCases.filter { expectedTable[status]?[$0] != nil }
        #expect(OrderLifecycle.allowed(from: status) == expected)
    }

    @Test func theTableSpelledOutForAFewStatuses() {
        #expect(OrderLifecycle.allowed(from: .draft) == [.issue, .withdraw, .note])
        #expect(OrderLifecycle.allowed(from: .closed) == [.reopen, .note])
        #expect(OrderLifecycle.allowed(from: .withdrawn) == [.note])
        #expect(OrderLifecycle.allowed(from: .verifying) == [.return, .close, .withdraw, .note])
        #expect(OrderLifecycle.allowed(from: .reportSubmitted) == [.verify, .return, .withdraw, .note])
        #expect(OrderLifecycle.allowed(from: .inProgress) == [.report, .withdraw, .extend, .approve, .deny, .escalate, .note])
    }

    @Test(arguments: OrderStatus.allCases)
    func theDeadlineRunsOnlyWhileTheDepartmentOwesRectification(status: OrderStatus) {
        let open: Set<OrderStatus> = [.issued, .planReceived, .inProgress, .returned, .reopened]
        #expect(status.isOpen == open.contains(status))
        #expect(status.isFinal == (status == .closed || status == .withdrawn))
    }

    @Test func approveAndDenyNeedARequestAndExtendNeedsNone() {
        var order = OrderRulesTests.order(.inProgress)
        #expect(OrderLifecycle.allowed(for: order) == [.report, .withdraw, .extend, .escalate, .note])
        order.requestedDue = day("2016-07-15")
        #expect(OrderLifecycle.allowed(for: order) == [.report, .withdraw, .approve, .deny, .escalate, .note])
        order.status = .verifying
        #expect(OrderLifecycle.allowed(for: order) == [.return, .close, .withdraw, .note])
    }

    @Test(arguments: [OrderAction.return, .withdraw, .reopen, .extend, .deny])
    func actionsThatChangeCourseMustSayWhy(action: OrderAction) {
        #expect(action.needsNote)
    }

    @Test(arguments: [OrderAction.issue, .plan, .ack, .report, .verify, .close, .approve, .escalate, .note])
    func routineActionsNeedNoReason(action: OrderAction) {
        #expect(!action.needsNote)
    }
}

@Suite struct OrderRulesTests {
    static let number = "2016-018-007"

    static func order(_ status: OrderStatus, due: String = "2016-06-30", issued: Bool = true) -> Order {
        Order(id: 7, number: number, departmentID: 3, regionID: nil, addressee: "万源市房管局", leader: "赵局长", contact: "钱科长",
              requirement: "限期整改", created: at("2016-06-01", 9), createdBy: "孙督查", issued: issued ? at("2016-06-02", 10) : nil,
              issuedBy: issued ? "孙督查" : nil, due: day(due), status: status)
    }

    static func circumstances(today: String = "2016-06-20", actor: String = "孙督查") -> OrderRules.Circumstances {
        OrderRules.Circumstances(now: at(today, 15, 30), today: day(today), actor: actor, departmentPeople: ["赵局长", "钱科长", "周办事员"],
                                 calendar: .official, ladder: .standard)
    }

    /// The refusal `apply` throws, or nil when the step went through.
    static func refusal(_ event: OrderEvent, _ order: Order, _ circumstances: OrderRules.Circumstances = circumstances()) -> OrderRefusal? {
        do {
            _ = try OrderRules.apply(event, to: order, in: circumstances)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Issuing

    @Test func issuingADraftWhoseDeadlineHasPassedIsRefused() throws {
        let draft = OrderRulesTests.order(.draft, due: "2016-06-17", issued: false)
        let refusal = try #require(OrderRulesTests.refusal(OrderEvent(action: .issue), draft))
        #expect(refusal.message.contains("2016-06-17"))
        #expect(refusal.message.contains("2016-06-20"))
    }

    @Test func issuingADraftRecordsWhenAndByWhom() throws {
        let draft = OrderRulesTests.order(.draft, due: "2016-06-30", issued: false)
        let issued = try OrderRules.apply(OrderEvent(action: .issue), to: draft, in: OrderRulesTests.circumstances())
        #expect(issued.status == .issued)
        #expect(issued.issued == at("2016-06-20", 15, 30))
        #expect(issued.issuedBy == "孙督查")
        #expect(issued.due == draft.due)
    }

    @Test func aDraftDueTodayMayStillBeIssued() throws {
        // A deadline passes at the end of its day.
        let draft = OrderRulesTests.order(.draft, due: "2016-06-20", issued: false)
        #expect(try OrderRules.apply(OrderEvent(action: .issue), to: draft, in: OrderRulesTests.circumstances()).status == .issued)
    }

    // MARK: Verifying and closing

    @Test(arguments: ["赵局长", "钱科长", "周办事员"])
    func nobodyOfTheDepartmentMayVerify(person: String) throws {
        let submitted = OrderRulesTests.order(.reportSubmitted)
        let byTarget = try #require(OrderRulesTests.refusal(OrderEvent(action: .verify, target: person), submitted))
        #expect(byTarget.message.contains(person))
        // Nor as the one at the keyboard.
        #expect(OrderRulesTests.refusal(OrderEvent(action: .verify), submitted, OrderRulesTests.circumstances(actor: person)) != nil)
    }

    @Test func anOutsiderVerifies() throws {
        let submitted = OrderRulesTests.order(.reportSubmitted)
        let named = try OrderRules.apply(OrderEvent(action: .verify, target: "吴核查"), to: submitted, in: OrderRulesTests.circumstances())
        #expect(named.status == .verifying)
        #expect(named.verifiedBy == "吴核查")
        let byActor = try OrderRules.apply(OrderEvent(action: .verify), to: submitted, in: OrderRulesTests.circumstances())
        #expect(byActor.verifiedBy == "孙督查")
    }

    @Test func closingWithoutAVerificationIsRefused() throws {
        let unverified = OrderRulesTests.order(.verifying)
        #expect(unverified.verifiedBy == nil)
        let refusal = try #require(OrderRulesTests.refusal(OrderEvent(action: .close), unverified))
        #expect(refusal.message.contains("verif"))
        var byInsider = unverified
        byInsider.verifiedBy = "钱科长"
        #expect(OrderRulesTests.refusal(OrderEvent(action: .close), byInsider) != nil)
    }

    @Test func aVerifiedOrderCloses() throws {
        var verified = OrderRulesTests.order(.verifying)
        verified.verifiedBy = "吴核查"
        let closed = try OrderRules.apply(OrderEvent(action: .close), to: verified, in: OrderRulesTests.circumstances())
        #expect(closed.status == .closed)
        #expect(closed.closed == at("2016-06-20", 15, 30))
        #expect(closed.verifiedBy == "吴核查")
    }

    @Test func returningClearsTheReportAndTheVerification() throws {
        var verifying = OrderRulesTests.order(.verifying)
        verifying.verifiedBy = "吴核查"
        verifying.reported = at("2016-06-15", 11)
        let returned = try OrderRules.apply(OrderEvent(action: .return, note: "整改不到位"), to: verifying, in: OrderRulesTests.circumstances())
        #expect(returned.status == .returned)
        #expect(returned.verifiedBy == nil)
        #expect(returned.reported == nil)
    }

    @Test func aReportRecordsItsTime() throws {
        let reported = try OrderRules.apply(OrderEvent(action: .report), to: OrderRulesTests.order(.inProgress), in: OrderRulesTests.circumstances())
        #expect(reported.status == .reportSubmitted)
        #expect(reported.reported == at("2016-06-20", 15, 30))
    }

    // MARK: Reasons

    @Test(arguments: [(OrderAction.return, OrderStatus.reportSubmitted), (.withdraw, .issued), (.reopen, .closed), (.extend, .inProgress), (.deny, .inProgress)])
    func aStepThatMustSayWhyIsRefusedWithoutAReason(action: OrderAction, status: OrderStatus) throws {
        var order = OrderRulesTests.order(status)
        if action == .deny { order.requestedDue = day("2016-07-15") }
        for note in [nil, "", "   "] as [String?] {
            let refusal = try #require(OrderRulesTests.refusal(OrderEvent(action: action, note: note, date: day("2016-07-15")), order))
            // It tells what to write: the command with a quoted reason.
            #expect(refusal.message.contains("order \(OrderRulesTests.number) \(action.rawValue)"), "\(refusal.message)")
            #expect(refusal.message.contains("\""))
            #expect(refusal.message.contains("reason"))
        }
        // With a reason the step goes through.
        #expect(OrderRulesTests.refusal(OrderEvent(action: action, note: "理由", date: day("2016-07-15")), order) == nil)
    }

    // MARK: Extensions

    @Test(arguments: ["2016-06-30", "2016-06-29", "2016-01-01"])
    func anExtensionMustMoveTheDeadlineLater(date: String) throws {
        let order = OrderRulesTests.order(.inProgress, due: "2016-06-30")
        let refusal = try #require(OrderRulesTests.refusal(OrderEvent(action: .extend, note: "需要更多时间", date: day(date)), order))
        #expect(refusal.message.contains(date))
    }

    @Test func anExtensionWithoutADateIsRefused() {
        #expect(OrderRulesTests.refusal(OrderEvent(action: .extend, note: "需要更多时间"), OrderRulesTests.order(.inProgress)) != nil)
    }

    @Test func anExtensionRequestWaitsWithoutMovingTheDeadline() throws {
        let order = OrderRulesTests.order(.inProgress, due: "2016-06-30")
        let asked = try OrderRules.apply(OrderEvent(action: .extend, note: "需要更多时间", date: day("2016-07-15")), to: order, in: OrderRulesTests.circumstances())
        #expect(asked.requestedDue == day("2016-07-15"))
        #expect(asked.due == day("2016-06-30"))
        #expect(asked.status == .inProgress)
        // A second request while the first waits is refused.
        let again = try #require(OrderRulesTests.refusal(OrderEvent(action: .extend, note: "再延", date: day("2016-07-31")), asked))
        #expect(again.message.contains("2016-07-15"))
    }

    @Test func approvingMovesTheDeadlineToTheRequestedDate() throws {
        var order = OrderRulesTests.order(.inProgress, due: "2016-06-30")
        order.requestedDue = day("2016-07-15")
        let approved = try OrderRules.apply(OrderEvent(action: .approve), to: order, in: OrderRulesTests.circumstances())
        #expect(approved.due == day("2016-07-15"))
        #expect(approved.requestedDue == nil)
        #expect(approved.status == .inProgress)
        #expect(!approved.dueIsProvisional)
    }

    @Test func approvingADateInAnUnknownYearMakesTheDeadlineProvisional() throws {
        var order = OrderRulesTests.order(.inProgress, due: "2026-12-20")
        order.requestedDue = day("2027-01-15")
        let approved = try OrderRules.apply(OrderEvent(action: .approve), to: order, in: OrderRulesTests.circumstances(today: "2026-12-01"))
        #expect(approved.due == day("2027-01-15"))
        #expect(approved.dueIsProvisional)
    }

    @Test func denyingKeepsTheDeadlineAndClearsTheRequest() throws {
        var order = OrderRulesTests.order(.inProgress, due: "2016-06-30")
        order.requestedDue = day("2016-07-15")
        let denied = try OrderRules.apply(OrderEvent(action: .deny, note: "理由不充分"), to: order, in: OrderRulesTests.circumstances())
        #expect(denied.due == day("2016-06-30"))
        #expect(denied.requestedDue == nil)
        // And a new request may follow.
        #expect(OrderRulesTests.refusal(OrderEvent(action: .extend, note: "再申请", date: day("2016-07-10")), denied) == nil)
    }

    @Test(arguments: [OrderAction.approve, .deny])
    func approveOrDenyWithoutARequestIsRefused(action: OrderAction) {
        #expect(OrderRulesTests.refusal(OrderEvent(action: action, note: "理由"), OrderRulesTests.order(.inProgress)) != nil)
    }

    @Test func withdrawingDropsAWaitingRequest() throws {
        var order = OrderRulesTests.order(.inProgress)
        order.requestedDue = day("2016-07-15")
        let withdrawn = try OrderRules.apply(OrderEvent(action: .withdraw, note: "问题不实"), to: order, in: OrderRulesTests.circumstances())
        #expect(withdrawn.status == .withdrawn)
        #expect(withdrawn.requestedDue == nil)
    }

    // MARK: Escalation steps

    @Test func escalatingNeedsAStepOfTheLadder() throws {
        let order = OrderRulesTests.order(.issued, due: "2016-06-01")
        let missing = try #require(OrderRulesTests.refusal(OrderEvent(action: .escalate), order))
        #expect(missing.message.contains("inquiry") && missing.message.contains("accountability"))
        let misspelt = try #require(OrderRulesTests.refusal(OrderEvent(action: .escalate, escalation: "intervew"), order))
        #expect(misspelt.message.contains("'interview'"))
        let taken = try OrderRules.apply(OrderEvent(action: .escalate, escalation: "interview"), to: order, in: OrderRulesTests.circumstances())
        #expect(taken.status == .issued)
        #expect(taken.due == order.due)
    }

    // MARK: Final statuses

    @Test(arguments: OrderAction.allCases)
    func aClosedOrderRefusesEverythingButReopenAndNote(action: OrderAction) throws {
        var closed = OrderRulesTests.order(.closed)
        closed.verifiedBy = "吴核查"
        closed.closed = at("2016-06-18", 10)
        closed.reported = at("2016-06-15", 10)
        let event = OrderEvent(action: action, note: "理由", date: day("2016-07-15"), escalation: "inquiry", target: "吴核查")
        if action == .reopen || action == .note {
            let after = try OrderRules.apply(event, to: closed, in: OrderRulesTests.circumstances())
            #expect(after.status == (action == .reopen ? .reopened : .closed))
            if action == .reopen {
                #expect(after.closed == nil && after.verifiedBy == nil && after.reported == nil)
            }
        } else {
            let refusal = try #require(OrderRulesTests.refusal(event, closed))
            #expect(refusal.message.contains("reopen"))
            #expect(refusal.message.contains("allowed now: reopen, note"))
        }
    }

    @Test(arguments: OrderAction.allCases.filter { $0 != .note })
    func aWithdrawnOrderTakesOnlyNotes(action: OrderAction) {
        let withdrawn = OrderRulesTests.order(.withdrawn)
        let event = OrderEvent(action: action, note: "理由", date: day("2016-07-15"), escalation: "inquiry", target: "吴核查")
        let refusal = OrderRulesTests.refusal(event, withdrawn)
        #expect(refusal != nil)
        #expect(refusal?.message.contains("allowed now: note") == true)
    }

    @Test func anInvalidStepNamesTheStatusAndListsTheAllowedActions() throws {
        let issued = OrderRulesTests.order(.issued)
        let refusal = try #require(OrderRulesTests.refusal(OrderEvent(action: .close), issued))
        #expect(refusal.message.contains(OrderRulesTests.number))
        #expect(refusal.message.contains("issued"))
        #expect(refusal.message.contains("allowed now: plan, ack, report, withdraw, extend, escalate, note"))

        var waiting = OrderRulesTests.order(.inProgress)
        waiting.requestedDue = day("2016-07-15")
        let verify = try #require(OrderRulesTests.refusal(OrderEvent(action: .verify), waiting))
        #expect(verify.message.contains("allowed now: report, withdraw, approve, deny, escalate, note"))
    }

    @Test func aNoteChangesNothing() throws {
        for status in OrderStatus.allCases {
            let order = OrderRulesTests.order(status)
            #expect(try OrderRules.apply(OrderEvent(action: .note, note: "已电话催办"), to: order, in: OrderRulesTests.circumstances()) == order)
        }
    }

    @Test func orderNumbersArePadded() {
        #expect(Order.number(year: 2016, round: 18, serial: 7) == "2016-018-007")
        #expect(Order.number(year: 2016, round: 1234, serial: 1) == "2016-1234-001")
    }
}
