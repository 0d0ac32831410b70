/// A rectification order (整改通知) as it stands.
public struct Order: Sendable, Equatable {
    public var id: Int64
    /// Unique and readable: year, inspection round and serial, e.g. 2016-018-007.
    public var number: String
    /// The addressee: a department, or a region as a whole.
    public var departmentID: Int64?
    public var regionID: Int64?
    /// The addressee's name, for messages.
    public var addressee: String
    public var leader: String?
    public var contact: String?
    public var requirement: String
    public var copyTo: [String]
    public var findings: [Int64]
    public var round: Int
    public var created: Instant
    public var createdBy: String
    public var issued: Instant?
    public var issuedBy: String?
    public var due: CivilDate
    /// Counted through a year the calendar does not know.
    public var dueIsProvisional: Bool
    /// An open extension request's deadline.
    public var requestedDue: CivilDate?
    public var reported: Instant?
    public var verifiedBy: String?
    public var closed: Instant?
    public var status: OrderStatus

    public init(id: Int64 = 0, number: String = "", departmentID: Int64?, regionID: Int64?, addressee: String, leader: String? = nil,
                contact: String? = nil, requirement: String, copyTo: [String] = [], findings: [Int64] = [], round: Int = 1,
                created: Instant, createdBy: String, issued: Instant? = nil, issuedBy: String? = nil, due: CivilDate,
                dueIsProvisional: Bool = false, requestedDue: CivilDate? = nil, reported: Instant? = nil, verifiedBy: String? = nil,
                closed: Instant? = nil, status: OrderStatus) {
        self.id = id
        self.number = number
        self.departmentID = departmentID
        self.regionID = regionID
        self.addressee = addressee
        self.leader = leader
        self.contact = contact
        self.requirement = requirement
        self.copyTo = copyTo
        self.findings = findings
        self.round = round
        self.created = created
        self.createdBy = createdBy
        self.issued = issued
        self.issuedBy = issuedBy
        self.due = due
        self.dueIsProvisional = dueIsProvisional
        self.requestedDue = requestedDue
        self.reported = reported
        self.verifiedBy = verifiedBy
        self.closed = closed
        self.status = status
    }

    /// The number for a serial: `2016-018-007`.
    public static func number(year: Int, round: Int, serial: Int) -> String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(year)-\(padded(round, 3))-\(padded(serial, 3))"
    }
}

/// One step of an order's history, as asked for and as recorded.
public struct OrderEvent: Sendable, Equatable {
    public var action: OrderAction
    public var note: String?
    /// extend: the deadline asked for.
    public var date: CivilDate?
    /// escalate: the ladder step.
    public var escalation: String?
    /// The document number (文号).
    public var document: String?
    /// The person concerned (the leader interviewed, the verifier named with `by`).
    public var target: String?

    public init(action: OrderAction, note: String? = nil, date: CivilDate? = nil, escalation: String? = nil, document: String? = nil, target: String? = nil) {
        self.action = action
        self.note = note
        self.date = date
        self.escalation = escalation
        self.document = document
        self.target = target
    }
}

/// Why an order step was refused.
public struct OrderRefusal: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// The rules of an order's lifecycle beyond the state table: what each step needs and
/// what it changes. Pure: the store reads the order, applies a step here, writes the result.
public enum OrderRules {
    /// What happens around a step: who, when, and what the calendar says.
    public struct Circumstances: Sendable {
        public var now: Instant
        public var today: CivilDate
        public var actor: String
        /// Names of the addressee's own people (its operators, leader and contact):
        /// none of them may verify.
        public var departmentPeople: Set<String>
        public var calendar: WorkdayCalendar
        public var ladder: EscalationLadder

        public init(now: Instant, today: CivilDate, actor: String, departmentPeople: Set<String>, calendar: WorkdayCalendar, ladder: EscalationLadder) {
            self.now = now
            self.today = today
            self.actor = actor
            self.departmentPeople = departmentPeople
            self.calendar = calendar
            self.ladder = ladder
        }
    }

    /// The order after `event`, or the reason it is refused.
    public static func apply(_ event: OrderEvent, to order: Order, in circumstances: Circumstances) throws(OrderRefusal) -> Order {
        let from = order.status
        guard let to = OrderLifecycle.next(after: event.action, from: from) else {
            let allowed = OrderLifecycle.allowed(for: order).map(\.rawValue)
            let why = from.isFinal && event.action != .note
                ? "order \(order.number) is \(from.rawValue) (\(from.chinese)); " + (from == .closed ? "a closed order changes only by reopen" : "a withdrawn order does not change")
                : "order \(order.number) is \(from.rawValue) (\(from.chinese)); \(event.action.rawValue) is not possible from there"
            throw OrderRefusal(why + (allowed.isEmpty ? "" : "; allowed now: " + allowed.joined(separator: ", ")))
        }
        if event.action.needsNote && (event.note ?? "").trimmingBlanks().isEmpty {
            throw OrderRefusal("\(event.action.rawValue) needs a reason in quotes, e.g. order \(order.number) \(event.action.rawValue)"
                + (event.action == .extend ? " 2016-06-30" : "") + " \"...\"")
        }
        var changed = order
        changed.status = to
        switch event.action {
        case .issue:
            if order.due < circumstances.today {
                throw OrderRefusal("the deadline \(order.due) has passed (today is \(circumstances.today)); set a later one before issuing")
            }
            changed.issued = circumstances.now
            changed.issuedBy = circumstances.actor
        case .report:
            changed.reported = circumstances.now
        case .verify:
            let verifier = event.target ?? circumstances.actor
            if circumstances.departmentPeople.contains(verifier) {
                throw OrderRefusal("\(verifier) belongs to \(order.addressee); verification is done by someone outside the department (order N verify by NAME)")
            }
            changed.verifiedBy = verifier
        case .return:
            changed.verifiedBy = nil
            changed.reported = nil
        case .close:
            guard let verifier = order.verifiedBy, !circumstances.departmentPeople.contains(verifier) else {
                throw OrderRefusal("order \(order.number) has no verification by someone outside \(order.addressee); verify it first")
            }
            changed.closed = circumstances.now
        case .reopen:
            changed.closed = nil
            changed.verifiedBy = nil
            changed.reported = nil
        case .extend:
            guard let date = event.date else {
                throw OrderRefusal("extend needs the new deadline, e.g. order \(order.number) extend \(order.due.adding(days: 14)) \"reason\"")
            }
            if let pending = order.requestedDue {
                throw OrderRefusal("an extension to \(pending) is already waiting; approve or deny it first")
            }
            guard date > order.due else {
                throw OrderRefusal("the new deadline \(date) is not after the current one, \(order.due); an extension moves it later")
            }
            changed.requestedDue = date
        case .approve, .deny:
            guard let requested = order.requestedDue else {
                throw OrderRefusal("order \(order.number) has no extension request waiting; extend DATE \"reason\" asks for one")
            }
            if event.action == .approve {
                changed.due = requested
                changed.dueIsProvisional = !circumstances.calendar.knows(requested)
            }
            changed.requestedDue = nil
        case .escalate:
            guard let step = event.escalation else {
                throw OrderRefusal("escalate needs a ladder step: " + circumstances.ladder.steps.map(\.name).joined(separator: ", "))
            }
            guard circumstances.ladder.step(step) != nil else {
                throw OrderRefusal("the ladder has no step '\(step)'" + Suggestion.phrase(for: step, among: circumstances.ladder.steps.map(\.name))
                    + "; it has " + circumstances.ladder.steps.map(\.name).joined(separator: ", "))
            }
        case .withdraw:
            changed.requestedDue = nil
        case .plan, .ack, .note:
            break
        }
        return changed
    }
}
