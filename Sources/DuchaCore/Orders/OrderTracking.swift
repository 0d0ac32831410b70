/// Where orders stand against their deadlines, in working days: pure arithmetic over
/// orders, today and the calendar, shared by the listings, the reminders and the ledger.
public enum OrderTracking {
    /// Ageing buckets of orders whose deadline runs.
    public enum Ageing: String, CaseIterable, Sendable {
        case notDue = "not due"
        case dueSoon = "due within 5 workdays"
        case overdue1to5 = "overdue 1-5 workdays"
        case overdue6to10 = "overdue 6-10 workdays"
        case overdue11to20 = "overdue 11-20 workdays"
        case overdueOver20 = "overdue 21+ workdays"

        public var chinese: String {
            switch self {
            case .notDue: return "未到期"
            case .dueSoon: return "5个工作日内到期"
            case .overdue1to5: return "逾期1-5个工作日"
            case .overdue6to10: return "逾期6-10个工作日"
            case .overdue11to20: return "逾期11-20个工作日"
            case .overdueOver20: return "逾期20个工作日以上"
            }
        }

        /// The bucket for working days left (negative: overdue).
        public static func of(workdaysLeft left: Int) -> Ageing {
            switch left {
            case 6...: return .notDue
            case 0...5: return .dueSoon
            case -5 ... -1: return .overdue1to5
            case -10 ... -6: return .overdue6to10
            case -20 ... -11: return .overdue11to20
            default: return .overdueOver20
            }
        }
    }

    /// Working days from today to the deadline: positive while it runs, 0 on the day,
    /// negative once overdue. A deadline passes at the end of its day.
    public static func workdaysLeft(_ order: Order, today: CivilDate, calendar: WorkdayCalendar) -> Int {
        calendar.workdays(from: today, to: order.due).count
    }

    /// The open orders among `orders` counted by ageing bucket (every bucket present).
    public static func ageing(_ orders: [Order], today: CivilDate, calendar: WorkdayCalendar) -> [(bucket: Ageing, count: Int)] {
        var counts: [Ageing: Int] = [:]
        for order in orders where order.status.isOpen {
            counts[Ageing.of(workdaysLeft: workdaysLeft(order, today: today, calendar: calendar)), default: 0] += 1
        }
        return Ageing.allCases.map { ($0, counts[$0] ?? 0) }
    }

    /// Whether the department still owes rectification and the deadline has passed.
    public static func isOverdue(_ order: Order, today: CivilDate) -> Bool {
        order.status.isOpen && today > order.due
    }

    /// Whether the department's report came by the deadline; nil while that is not decided
    /// (no report yet and the deadline still runs), or for drafts and withdrawn orders.
    public static func wasOnTime(_ order: Order, today: CivilDate) -> Bool? {
        guard order.issued != nil, order.status != .withdrawn, order.status != .draft else { return nil }
        if let reported = order.reported { return ChinaTime.date(of: reported) <= order.due }
        if order.status == .closed { return order.closed.map { ChinaTime.date(of: $0) <= order.due } }
        return today > order.due ? false : nil
    }

    /// Counts and rates over a set of orders.
    public struct Rates: Sendable, Equatable {
        /// Issued and not withdrawn.
        public var issued = 0
        public var closed = 0
        public var open = 0
        public var overdue = 0
        public var withdrawn = 0
        /// Orders whose timeliness is decided, and those of them that were on time.
        public var decided = 0
        public var onTime = 0

        /// Closed among issued, or nil when none was issued.
        public var completionRate: Double? { issued == 0 ? nil : Double(closed) / Double(issued) }
        /// On time among decided, or nil when none is decided.
        public var onTimeRate: Double? { decided == 0 ? nil : Double(onTime) / Double(decided) }
    }

    public static func rates(_ orders: [Order], today: CivilDate) -> Rates {
        var rates = Rates()
        for order in orders {
            if order.status == .withdrawn { rates.withdrawn += 1; continue }
            guard order.issued != nil, order.status != .draft else { continue }
            rates.issued += 1
            if order.status == .closed { rates.closed += 1 } else { rates.open += 1 }
            if isOverdue(order, today: today) { rates.overdue += 1 }
            if let onTime = wasOnTime(order, today: today) {
                rates.decided += 1
                if onTime { rates.onTime += 1 }
            }
        }
        return rates
    }

    /// An escalation the ladder calls for today.
    public struct Escalation: Sendable, Equatable {
        /// The order concerned; nil for a department without cases and without an order.
        public let order: String?
        public let departmentID: Int64?
        public let addressee: String
        public let step: EscalationLadder.Step
        public let reasons: [EscalationLadder.Trigger]
        public let facts: EscalationLadder.Facts
    }

    /// What the ladder calls for today: for each overdue order, the highest step its
    /// facts reach unless that step (or a higher one) was already taken for it; for each
    /// department with consecutive months without a case, the step those months call for
    /// unless an order to the department already took it this year.
    /// `recorded` holds the steps taken per order id; `zeroCaseMonths` the months per
    /// department, with `names` to show them.
    public static func escalations(_ orders: [Order], recorded: [Int64: [String]], zeroCaseMonths: [Int64: Int], names: [Int64: String],
                                   ladder: EscalationLadder, today: CivilDate, calendar: WorkdayCalendar) -> [Escalation] {
        func rank(_ name: String) -> Int { ladder.steps.firstIndex { $0.name == name } ?? -1 }
        // Orders that went overdue, per department and year of their deadline, by deadline.
        var lateByDepartmentYear: [String: [Order]] = [:]
        for order in orders where order.issued != nil && order.status != .withdrawn && wasOnTime(order, today: today) == false {
            lateByDepartmentYear["\(order.departmentID ?? -(order.regionID ?? 0))/\(order.due.year)", default: []].append(order)
        }
        var found: [Escalation] = []
        for order in orders where isOverdue(order, today: today) {
            let overdue = -calendar.workdays(from: today, to: order.due).count
            let late = (lateByDepartmentYear["\(order.departmentID ?? -(order.regionID ?? 0))/\(order.due.year)"] ?? [])
                .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
            let facts = EscalationLadder.Facts(overdueWorkdays: overdue, overdueRank: (late.firstIndex { $0.id == order.id } ?? 0) + 1)
            guard let (step, reasons) = ladder.due(for: facts) else { continue }
            let highest = (recorded[order.id] ?? []).map(rank).max() ?? -1
            if highest >= rank(step.name) { continue }
            found.append(Escalation(order: order.number, departmentID: order.departmentID, addressee: order.addressee, step: step, reasons: reasons, facts: facts))
        }
        for (department, months) in zeroCaseMonths.sorted(by: { $0.key < $1.key }) where months > 0 {
            let facts = EscalationLadder.Facts(zeroCaseMonths: months)
            guard let (step, reasons) = ladder.due(for: facts) else { continue }
            let taken = orders.filter { $0.departmentID == department && ChinaTime.date(of: $0.created).year == today.year }
                .flatMap { recorded[$0.id] ?? [] }.map(rank).max() ?? -1
            if taken >= rank(step.name) { continue }
            found.append(Escalation(order: nil, departmentID: department, addressee: names[department] ?? "#\(department)", step: step, reasons: reasons, facts: facts))
        }
        return found.sorted { rank($0.step.name) != rank($1.step.name) ? rank($0.step.name) > rank($1.step.name) : ($0.order ?? "~", $0.addressee) < ($1.order ?? "~", $1.addressee) }
    }

    /// Consecutive whole months without a case, counted back from the month before
    /// today's, from a department's cases per `YYYY-MM`; at most `limit`.
    public static func zeroCaseMonths(_ counts: [String: Int], today: CivilDate, limit: Int = 12) -> Int {
        var months = 0
        var month = today.firstOfMonth.adding(months: -1)
        while months < limit, (counts[String(month.description.prefix(7))] ?? 0) == 0 {
            months += 1
            month = month.adding(months: -1)
        }
        return months
    }
}
