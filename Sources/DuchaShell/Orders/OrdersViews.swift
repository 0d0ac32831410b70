import DuchaCore
import DuchaStore

/// `orders overdue`, `orders due within N workdays`, `orders summary`, `orders today`,
/// `orders escalations`, `orders ladder`: the follow-up of rectification orders against
/// working-day deadlines. `orders | ...` stays a query of the language.
enum OrdersViews {
    /// The words that make `orders ...` one of these views rather than a query.
    static let words = ["overdue", "due", "summary", "today", "escalations", "ladder"]

    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = try CommandWords.arguments(rest, at: position)
        guard let first = words.first else { return }
        let extra = { (count: Int) throws in
            if words.count > count {
                throw ShellError(.badArgument, "orders \(first.text) takes nothing more; remove '\(words[count].text)'", at: position.advanced(by: words[count].offset))
            }
        }
        switch first.text {
        case "overdue":
            try extra(1)
            try list(in: session) { standing in standing.left < 0 }
        case "due":
            guard words.count >= 3, words[1].text == "within", let days = Int(words[2].text), (0...366).contains(days),
                  words.count == 3 || (words.count == 4 && ["workdays", "workday", "工作日"].contains(words[3].text)) else {
                throw ShellError(.badArgument, "write orders due within N workdays, e.g. orders due within 5 workdays", at: position.advanced(by: (words.count > 1 ? words[1] : first).offset))
            }
            try list(in: session) { standing in standing.left >= 0 && standing.left <= days }
        case "summary":
            try extra(1)
            try summary(in: session)
        case "today":
            try extra(1)
            try reminders(in: session)
        case "escalations":
            try extra(1)
            try escalations(in: session)
        case "ladder":
            try extra(2)
            try ladder(words.count == 2 ? words[1] : nil, command: "orders" + rest, at: position, in: session)
        default:
            return
        }
    }

    /// Open orders with their working days left, those `include` keeps, most urgent first.
    private static func list(in session: Session, include: ((order: Order, left: Int)) -> Bool) throws {
        let today = session.today
        let calendar = session.store.calendar
        let recorded = try session.store.recordedEscalations()
        let rows: [[Value]] = try session.store.orders()
            .filter { $0.status.isOpen }
            .map { (order: $0, left: OrderTracking.workdaysLeft($0, today: today, calendar: calendar)) }
            .filter(include)
            .sorted { ($0.left, $0.order.number) < ($1.left, $1.order.number) }
            .map { order, left in
                [.text(order.number), .text(order.addressee), .text(order.status.rawValue), .text(order.due.description),
                 .integer(Int64(left)), .text(OrderTracking.Ageing.of(workdaysLeft: left).chinese),
                 (recorded[order.id]?.last).map { .text("\($0) (\(EscalationLadder.vocabulary[$0] ?? $0))") } ?? .null,
                 .text(order.requirement)]
            }
        try session.show(columns: [ResultColumn("number", .text), ResultColumn("addressee", .text), ResultColumn("status", .text),
                                   ResultColumn("due", .date), ResultColumn("workdays_left", .integer), ResultColumn("ageing", .text),
                                   ResultColumn("escalated", .text), ResultColumn("requirement", .text)], rows: rows)
    }

    /// Counts by status and ageing, and the completion and on-time rates overall and per region.
    private static func summary(in session: Session) throws {
        let today = session.today
        let store = session.store
        let orders = try store.orders()
        let calendar = store.calendar
        let ageing = OrderTracking.ageing(orders, today: today, calendar: calendar)
        let regions = try store.orderRegions()
        var byRegion: [String: [Order]] = [:]
        for order in orders { byRegion[regions[order.id] ?? "", default: []].append(order) }
        func percent(_ rate: Double?) -> Value { rate.map { .text(($0 * 100).formatted(decimals: 1) + "%") } ?? .null }
        func row(_ name: String, _ orders: [Order]) -> [Value] {
            let rates = OrderTracking.rates(orders, today: today)
            return [.text(name), .integer(Int64(rates.issued)), .integer(Int64(rates.open)), .integer(Int64(rates.overdue)), .integer(Int64(rates.closed)),
                    .integer(Int64(rates.withdrawn)), percent(rates.completionRate), percent(rates.onTimeRate)]
        }
        let rows = [row("全部 all", orders)] + byRegion.keys.sorted().map { row($0, byRegion[$0]!) }
        try session.show(columns: [ResultColumn("region", .text), ResultColumn("issued", .integer), ResultColumn("open", .integer),
                                   ResultColumn("overdue", .integer), ResultColumn("closed", .integer), ResultColumn("withdrawn", .integer),
                                   ResultColumn("completion", .text), ResultColumn("on_time", .text)], rows: rows)
        if session.mode == .table || session.mode == .line {
            session.output.line("open orders by ageing (\(today)): " + ageing.map { "\($0.bucket.chinese) \($0.count)" }.joined(separator: " · "))
            session.output.line("completion: closed among issued (withdrawn left out); on time: reports by the deadline among orders whose deadline passed or that reported")
        }
    }

    /// What needs doing today: deadlines within three working days, overdue orders,
    /// reports waiting for verification, extension requests waiting, escalations due.
    private static func reminders(in session: Session) throws {
        let today = session.today
        let store = session.store
        let calendar = store.calendar
        let orders = try store.orders()
        var rows: [[Value]] = []
        for order in orders {
            let left = OrderTracking.workdaysLeft(order, today: today, calendar: calendar)
            if let requested = order.requestedDue {
                rows.append([.text(order.number), .text(order.addressee), .text("decide extension"), .text("asks \(requested) instead of \(order.due): order \(order.number) approve|deny")])
            }
            switch order.status {
            case .reportSubmitted:
                rows.append([.text(order.number), .text(order.addressee), .text("verify report"), .text("report in \(order.reported.map(ChinaTime.format) ?? ""): order \(order.number) verify")])
            case .verifying:
                rows.append([.text(order.number), .text(order.addressee), .text("close or return"), .text("verified by \(order.verifiedBy ?? ""): order \(order.number) close|return")])
            case .draft:
                rows.append([.text(order.number), .text(order.addressee), .text("issue draft"), .text("due \(order.due): order \(order.number) issue")])
            default:
                guard order.status.isOpen else { break }
                if left < 0 {
                    rows.append([.text(order.number), .text(order.addressee), .text("overdue"), .text("due \(order.due), \(-left) working days ago")])
                } else if left <= 3 {
                    rows.append([.text(order.number), .text(order.addressee), .text("due soon"), .text("due \(order.due) (\(OrderCommand.weekdayName(order.due))), \(left == 0 ? "today" : "in \(left) working days")")])
                }
            }
        }
        for escalation in try dueEscalations(orders, in: session) {
            rows.append([escalation.order.map(Value.text) ?? .null, .text(escalation.addressee), .text("escalate: \(escalation.step.name) (\(escalation.step.chinese))"),
                         .text(escalation.reasons.map(\.explanation).joined(separator: "; "))])
        }
        try session.show(columns: [ResultColumn("order", .text), ResultColumn("addressee", .text), ResultColumn("to_do", .text), ResultColumn("why", .text)], rows: rows)
        if !calendar.knows(today) {
            session.diagnostics.line("note: the calendar does not know \(today.year); working days there count weekends only (calendar import FILE adds the year)")
        }
    }

    private static func escalations(in session: Session) throws {
        let rows: [[Value]] = try dueEscalations(session.store.orders(), in: session).map { escalation in
            [escalation.order.map(Value.text) ?? .null, .text(escalation.addressee), .text(escalation.step.name), .text(escalation.step.chinese),
             .text(escalation.reasons.map(\.explanation).joined(separator: "; ")),
             .text(escalation.order.map { "order \($0) escalate \(escalation.step.name) \"...\"" } ?? "order issue to \(escalation.addressee) due in 5 workdays \"...\"")]
        }
        try session.show(columns: [ResultColumn("order", .text), ResultColumn("addressee", .text), ResultColumn("step", .text),
                                   ResultColumn("步骤", .text), ResultColumn("why", .text), ResultColumn("record_with", .text)], rows: rows)
    }

    /// The escalations the ladder calls for today.
    static func dueEscalations(_ orders: [Order], in session: Session) throws -> [OrderTracking.Escalation] {
        let today = session.today
        let store = session.store
        let ladder = try session.escalationLadder()
        let longest = ladder.steps.flatMap(\.triggers).compactMap { trigger -> Int? in
            if case .zeroCases(let months) = trigger { return months } else { return nil }
        }.max() ?? 0
        var zero: [Int64: Int] = [:]
        var names: [Int64: String] = [:]
        if longest > 0, let days = try store.caseDays(), days.last >= today.firstOfMonth.adding(months: -1) {
            // Months without a case mean something only where the data reaches last month.
            let counts = try store.monthlyCaseCounts(from: today.firstOfMonth.adding(months: -longest), to: today.firstOfMonth)
            for (department, months) in counts {
                let streak = OrderTracking.zeroCaseMonths(months, today: today, limit: longest)
                if streak > 0 { zero[department] = streak }
            }
            names = try store.subjectLabels("departments", ids: Array(zero.keys))
        }
        return OrderTracking.escalations(orders, recorded: try store.recordedEscalations(), zeroCaseMonths: zero, names: names,
                                         ladder: ladder, today: today, calendar: store.calendar)
    }

    /// Shows the ladder, or sets it from its text.
    private static func ladder(_ text: CommandWords.Word?, command: String, at position: SourcePosition, in session: Session) throws {
        if let text {
            try session.requireWritable("orders ladder")
            let ladder: EscalationLadder
            do {
                ladder = try EscalationLadder.parse(text.text)
            } catch {
                // The word starts at its opening quote when quoted.
                let quoted = position.advanced(by: text.offset)
                throw ShellError(.badArgument, error.message, at: quoted.advanced(by: error.offset + 1))
            }
            try session.store.changeSetting(Session.ladderSetting, to: ladder.text, stamp: AuditStamp(at: session.now, actor: session.actor, command: command))
        }
        let ladder = try session.escalationLadder()
        let rows: [[Value]] = ladder.steps.enumerated().map { index, step in
            [.integer(Int64(index + 1)), .text(step.name), .text(step.chinese), .text(step.triggers.map(\.explanation).joined(separator: "; "))]
        }
        try session.show(columns: [ResultColumn("rung", .integer), ResultColumn("step", .text), ResultColumn("步骤", .text), ResultColumn("when", .text)], rows: rows)
        if session.mode == .table || session.mode == .line {
            session.output.line("as text: \(ladder.text)" + (text == nil ? "" : " (saved)"))
        }
    }
}
