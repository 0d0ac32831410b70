import DuchaCore

/// One row of an order's history.
public struct OrderHistoryEntry: Sendable, Equatable {
    public let at: Instant
    public let actor: String
    public let action: String
    public let from: String?
    public let to: String
    public let due: String?
    public let note: String?
    public let escalation: String?
    public let document: String?
    public let target: String?
}

extension Store {
    private static let orderColumns = """
        o.id, o.number, o.department_id, o.region_id, coalesce(d.name, r.name, ''), o.leader, o.contact, o.requirement, o.copy_to,
        coalesce(o.round, 1), coalesce(o.created, o.issued, 0), coalesce(o.created_by, o.issued_by, ''), o.issued, o.issued_by, o.due,
        o.due_provisional, o.requested_due, o.reported, o.verified_by, o.closed, o.status,
        (SELECT group_concat(finding_id) FROM order_findings WHERE order_id = o.id)
        FROM orders o LEFT JOIN departments d ON d.id = o.department_id LEFT JOIN regions r ON r.id = o.region_id
        """

    /// The order with this number, if any.
    public func order(number: String) throws -> Order? {
        let statement = try connection.prepare("SELECT \(Store.orderColumns) WHERE o.number = ?")
        try statement.bind(.text(number), at: 1)
        return try statement.step() ? Store.order(from: statement) : nil
    }

    /// Every order, oldest first.
    public func orders() throws -> [Order] {
        let statement = try connection.prepare("SELECT \(Store.orderColumns) ORDER BY o.id")
        var orders: [Order] = []
        while try statement.step() { orders.append(Store.order(from: statement)) }
        return orders
    }

    /// Every order number, for completion and "did you mean".
    public func orderNumbers() throws -> [String] {
        let statement = try connection.prepare("SELECT number FROM orders ORDER BY number")
        var numbers: [String] = []
        while try statement.step() { if let number = statement.text(at: 0) { numbers.append(number) } }
        return numbers
    }

    private static func order(from row: Statement) -> Order {
        func instant(_ index: Int) -> Instant? { row.optionalInteger(at: index).map(Instant.init(millisecondsSinceEpoch:)) }
        let copyTo = (row.text(at: 8) ?? "").split(separator: "、").map(String.init)
        let findings = (row.text(at: 21) ?? "").split(separator: ",").compactMap { Int64($0) }.sorted()
        return Order(
            id: row.integer(at: 0), number: row.text(at: 1) ?? "", departmentID: row.optionalInteger(at: 2), regionID: row.optionalInteger(at: 3),
            addressee: row.text(at: 4) ?? "", leader: row.text(at: 5), contact: row.text(at: 6), requirement: row.text(at: 7) ?? "",
            copyTo: copyTo, findings: findings, round: Int(row.integer(at: 9)),
            created: Instant(millisecondsSinceEpoch: row.integer(at: 10)), createdBy: row.text(at: 11) ?? "",
            issued: instant(12), issuedBy: row.text(at: 13), due: row.text(at: 14).flatMap(CivilDate.init) ?? CivilDate(daysSinceEpoch: 0),
            dueIsProvisional: row.integer(at: 15) != 0, requestedDue: row.text(at: 16).flatMap(CivilDate.init), reported: instant(17),
            verifiedBy: row.text(at: 18), closed: instant(19), status: row.text(at: 20).flatMap(OrderStatus.init) ?? .draft)
    }

    /// Writes a new order (a draft, or issued at once), numbering it `YEAR-ROUND-SERIAL`
    /// inside the same transaction as the write, so two shells never take one number.
    public func writeOrder(_ draft: Order, issue: Bool, stamp: AuditStamp) throws -> Order {
        try connection.transaction {
            var order = draft
            let year = ChinaTime.local(stamp.at).date.year
            let prefix = Order.number(year: year, round: order.round, serial: 0).dropLast(3)
            let last = try connection.prepare("SELECT max(CAST(substr(number, ?) AS INTEGER)) FROM orders WHERE number LIKE ? || '%'")
            try last.bind([.integer(Int64(prefix.count + 1)), .text(String(prefix))])
            let serial = try last.step() ? Int(last.integer(at: 0)) + 1 : 1
            order.number = Order.number(year: year, round: order.round, serial: serial)
            order.status = .draft
            let insert = try connection.prepare("""
                INSERT INTO orders (number, department_id, region_id, leader, contact, requirement, copy_to, round, created, created_by,
                                    due, due_provisional, status, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?)
                """)
            try insert.bind([.text(order.number), order.departmentID.map(Value.integer) ?? .null, order.regionID.map(Value.integer) ?? .null,
                             order.leader.map(Value.text) ?? .null, order.contact.map(Value.text) ?? .null, .text(order.requirement),
                             order.copyTo.isEmpty ? .null : .text(order.copyTo.joined(separator: "、")), .integer(Int64(order.round)),
                             .integer(stamp.at.millisecondsSinceEpoch), .text(stamp.actor), .text(order.due.description),
                             .integer(order.dueIsProvisional ? 1 : 0), .integer(stamp.at.millisecondsSinceEpoch)])
            try insert.run()
            order.id = connection.lastInsertedRowID
            let cite = try connection.prepare("INSERT INTO order_findings (order_id, finding_id) VALUES (?, ?)")
            for finding in order.findings {
                try cite.bind([.integer(order.id), .integer(finding)])
                try cite.run()
            }
            try appendHistory(order.id, action: "write", from: nil, to: .draft, due: order.due, event: nil, stamp: stamp)
            var change = "{\"order\":\(JSONText.quoted(order.number)),\"action\":\"write\",\"to\":\"draft\",\"due\":\"\(order.due)\""
            if issue {
                order.status = .issued
                order.issued = stamp.at
                order.issuedBy = stamp.actor
                try updateOrder(order, at: stamp.at)
                try appendHistory(order.id, action: "issue", from: .draft, to: .issued, due: order.due, event: nil, stamp: stamp)
                change += ",\"issued\":true"
            }
            try appendAudit(at: stamp.at, actor: stamp.actor, command: stamp.command, change: change + "}")
            return order
        }
    }

    /// Applies one step to the order numbered `number`: reads it inside an immediate
    /// transaction (so a second shell waits rather than overwriting), lets `rules` decide
    /// the new state, then writes it with a history row and an audit entry.
    public func changeOrder(number: String, event: OrderEvent, stamp: AuditStamp,
                            rules: (Order) throws -> Order) throws -> (before: Order, after: Order) {
        try connection.transaction {
            guard let before = try order(number: number) else {
                throw StoreError.sqlite(code: 1, message: "no order is numbered \(number)", sql: nil)
            }
            let after = try rules(before)
            try updateOrder(after, at: stamp.at)
            try appendHistory(after.id, action: event.action.rawValue, from: before.status, to: after.status,
                              due: event.action == .extend ? event.date : after.due, event: event, stamp: stamp)
            var change = "{\"order\":\(JSONText.quoted(number)),\"action\":\"\(event.action.rawValue)\",\"from\":\"\(before.status.rawValue)\",\"to\":\"\(after.status.rawValue)\""
            if before.due != after.due { change += ",\"due\":[\"\(before.due)\",\"\(after.due)\"]" }
            if let escalation = event.escalation { change += ",\"escalation\":" + JSONText.quoted(escalation) }
            if let note = event.note { change += ",\"note\":" + JSONText.quoted(note) }
            try appendAudit(at: stamp.at, actor: stamp.actor, command: stamp.command, change: change + "}")
            return (before, after)
        }
    }

    private func updateOrder(_ order: Order, at: Instant) throws {
        let update = try connection.prepare("""
            UPDATE orders SET status = ?, issued = ?, issued_by = ?, due = ?, due_provisional = ?, requested_due = ?, reported = ?,
                              verified_by = ?, closed = ?, updated = ? WHERE id = ?
            """)
        try update.bind([.text(order.status.rawValue), order.issued.map { .integer($0.millisecondsSinceEpoch) } ?? .null,
                         order.issuedBy.map(Value.text) ?? .null, .text(order.due.description), .integer(order.dueIsProvisional ? 1 : 0),
                         order.requestedDue.map { .text($0.description) } ?? .null, order.reported.map { .integer($0.millisecondsSinceEpoch) } ?? .null,
                         order.verifiedBy.map(Value.text) ?? .null, order.closed.map { .integer($0.millisecondsSinceEpoch) } ?? .null,
                         .integer(at.millisecondsSinceEpoch), .integer(order.id)])
        try update.run()
    }

    private func appendHistory(_ orderID: Int64, action: String, from: OrderStatus?, to: OrderStatus, due: CivilDate?, event: OrderEvent?, stamp: AuditStamp) throws {
        let insert = try connection.prepare("""
            INSERT INTO order_history (order_id, at, actor, action, from_status, to_status, due, note, escalation, document, target)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
        try insert.bind([.integer(orderID), .integer(stamp.at.millisecondsSinceEpoch), .text(stamp.actor), .text(action), text(from?.rawValue),
                         .text(to.rawValue), text(due?.description), text(event?.note), text(event?.escalation), text(event?.document), text(event?.target)])
        try insert.run()
    }

    /// An order's history, oldest first.
    public func orderHistory(_ orderID: Int64) throws -> [OrderHistoryEntry] {
        let statement = try connection.prepare("""
            SELECT at, actor, action, from_status, to_status, due, note, escalation, document, target FROM order_history WHERE order_id = ? ORDER BY id
            """)
        try statement.bind(.integer(orderID), at: 1)
        var entries: [OrderHistoryEntry] = []
        while try statement.step() {
            entries.append(OrderHistoryEntry(at: Instant(millisecondsSinceEpoch: statement.integer(at: 0)), actor: statement.text(at: 1) ?? "",
                                             action: statement.text(at: 2) ?? "", from: statement.text(at: 3), to: statement.text(at: 4) ?? "",
                                             due: statement.text(at: 5), note: statement.text(at: 6), escalation: statement.text(at: 7),
                                             document: statement.text(at: 8), target: statement.text(at: 9)))
        }
        return entries
    }

    /// The region of each order's addressee (its department's region, or the region itself), by order id.
    public func orderRegions() throws -> [Int64: String] {
        let statement = try connection.prepare("""
            SELECT o.id, r.name FROM orders o LEFT JOIN departments d ON d.id = o.department_id
            JOIN regions r ON r.id = coalesce(o.region_id, d.region_id)
            """)
        var regions: [Int64: String] = [:]
        while try statement.step() { regions[statement.integer(at: 0)] = statement.text(at: 1) }
        return regions
    }

    /// The escalation steps recorded for each order, by order id.
    public func recordedEscalations() throws -> [Int64: [String]] {
        let statement = try connection.prepare("SELECT order_id, escalation FROM order_history WHERE action = 'escalate' ORDER BY id")
        var steps: [Int64: [String]] = [:]
        while try statement.step() { steps[statement.integer(at: 0), default: []].append(statement.text(at: 1) ?? "") }
        return steps
    }

    /// The names of a department's own people: its operators. Nobody of them may verify its rectification.
    public func departmentPeople(_ departmentID: Int64?) throws -> Set<String> {
        guard let departmentID else { return [] }
        let statement = try connection.prepare("SELECT DISTINCT name FROM operators WHERE department_id = ?")
        try statement.bind(.integer(departmentID), at: 1)
        var names: Set<String> = []
        while try statement.step() { if let name = statement.text(at: 0) { names.insert(name) } }
        return names
    }

    /// Which of these finding ids exist.
    public func existingFindings(_ ids: [Int64]) throws -> Set<Int64> {
        let statement = try connection.prepare("SELECT id FROM findings WHERE id = ?")
        var found: Set<Int64> = []
        for id in ids {
            try statement.bind(.integer(id), at: 1)
            if try statement.step() { found.insert(id) }
            statement.reset()
        }
        return found
    }

    /// Cases opened per department and month (`YYYY-MM`, Beijing time) from `start` up to
    /// but not including `end`; departments on the platform with no case get an empty map.
    public func monthlyCaseCounts(from start: CivilDate, to end: CivilDate) throws -> [Int64: [String: Int]] {
        var counts: [Int64: [String: Int]] = [:]
        let departments = try connection.prepare("SELECT id FROM departments WHERE platform = 'online'")
        while try departments.step() { counts[departments.integer(at: 0)] = [:] }
        let statement = try connection.prepare("""
            SELECT department_id, strftime('%Y-%m', opened / 1000, 'unixepoch', '+8 hours') AS month, count(*) FROM cases
            WHERE opened >= ? AND opened < ? GROUP BY department_id, month
            """)
        try statement.bind([.integer(ChinaTime.instant(start, hour: 0, minute: 0, second: 0).millisecondsSinceEpoch),
                            .integer(ChinaTime.instant(end, hour: 0, minute: 0, second: 0).millisecondsSinceEpoch)])
        while try statement.step() {
            counts[statement.integer(at: 0), default: [:]][statement.text(at: 1) ?? ""] = Int(statement.integer(at: 2))
        }
        return counts
    }

    // MARK: Holiday notices

    /// The holiday notices loaded with `calendar import`.
    public func holidayNotices() throws -> [HolidayNotice] {
        let statement = try connection.prepare("SELECT year, source, days FROM holiday_notices ORDER BY year")
        var notices: [HolidayNotice] = []
        while try statement.step() {
            let days = (statement.text(at: 2) ?? "").split(separator: ";").compactMap { entry -> HolidayNotice.Day? in
                let parts = entry.split(separator: "|", omittingEmptySubsequences: false)
                guard parts.count == 3, let date = CivilDate(parts[1]) else { return nil }
                return HolidayNotice.Day(name: String(parts[0]), date: date, isOffDay: parts[2] == "off")
            }
            notices.append(HolidayNotice(year: Int(statement.integer(at: 0)), source: statement.text(at: 1) ?? "", days: days))
        }
        return notices
    }

    /// Keeps a loaded notice (replacing one of the same year), with an audit entry.
    public func keepHolidayNotice(_ notice: HolidayNotice, hash: String, stamp: AuditStamp) throws {
        try connection.transaction {
            let days = notice.days.map { "\($0.name)|\($0.date)|\($0.isOffDay ? "off" : "work")" }.joined(separator: ";")
            let statement = try connection.prepare("""
                INSERT INTO holiday_notices (year, source, days, hash, at, actor) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (year) DO UPDATE SET source = excluded.source, days = excluded.days, hash = excluded.hash, at = excluded.at, actor = excluded.actor
                """)
            try statement.bind([.integer(Int64(notice.year)), .text(notice.source), .text(days), .text(hash),
                                .integer(stamp.at.millisecondsSinceEpoch), .text(stamp.actor)])
            try statement.run()
            try appendAudit(at: stamp.at, actor: stamp.actor, command: stamp.command,
                            change: "{\"holiday_notice\":\(notice.year),\"days\":\(notice.days.count),\"hash\":\"\(hash)\"}")
        }
    }

    /// Stores a setting with an audit entry, in one transaction.
    public func changeSetting(_ key: String, to value: String, stamp: AuditStamp) throws {
        try connection.transaction {
            let before = try setting(key)
            try setSetting(key, to: value)
            try appendAudit(at: stamp.at, actor: stamp.actor, command: stamp.command,
                            change: "{\"setting\":\(JSONText.quoted(key)),\"from\":\(before.map(JSONText.quoted) ?? "null"),\"to\":\(JSONText.quoted(value))}")
        }
    }
}
