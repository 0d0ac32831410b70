import DuchaCore

/// What a typed case number found.
public enum CaseMatch: Equatable, Sendable {
    /// The case with this id and number.
    case found(id: Int64, number: String)
    /// Several cases start with what was typed (the first few, sorted).
    case ambiguous([String])
    /// None; the closest numbers, if any.
    case unknown(closest: [String])
}

extension Store {
    /// The case a person means by `typed`: its exact number, else the one number that
    /// starts with it; otherwise the candidates.
    public func findCase(_ typed: String) throws -> CaseMatch {
        let exact = try connection.prepare("SELECT id FROM cases WHERE number = ?")
        try exact.bind([.text(typed)])
        if try exact.step() { return .found(id: exact.integer(at: 0), number: typed) }
        let starting = try caseNumbers(startingWith: typed, limit: 11)
        if starting.count == 1 {
            return .found(id: try caseID(starting[0]) ?? 0, number: starting[0])
        }
        if !starting.isEmpty { return .ambiguous(starting) }
        // Close numbers share a beginning: look among those that share the first half.
        var near: [String] = []
        var prefix = String(typed.prefix(max(1, typed.count / 2)))
        while near.isEmpty && !prefix.isEmpty {
            near = try caseNumbers(startingWith: prefix, limit: 5000)
            prefix.removeLast()
        }
        return .unknown(closest: Suggestion.closest(to: typed, among: near, limit: 5))
    }

    /// Case numbers that start with `prefix`, in order, at most `limit` (the number index
    /// answers it as a range).
    public func caseNumbers(startingWith prefix: String, limit: Int) throws -> [String] {
        let statement = try connection.prepare("SELECT number FROM cases WHERE number >= ?1 AND number < ?1 || char(1114111) ORDER BY number LIMIT ?2")
        try statement.bind([.text(prefix), .integer(Int64(limit))])
        var numbers: [String] = []
        while try statement.step() { if let number = statement.text(at: 0) { numbers.append(number) } }
        return numbers
    }

    private func caseID(_ number: String) throws -> Int64? {
        let statement = try connection.prepare("SELECT id FROM cases WHERE number = ?")
        try statement.bind([.text(number)])
        return try statement.step() ? statement.integer(at: 0) : nil
    }

    /// The whole story of the case with this id: steps in the order they happened (equal
    /// times in the order they were recorded), the item's workflow, the alerts.
    public func caseTimeline(id: Int64) throws -> CaseTimeline? {
        let header = try connection.prepare("""
            SELECT c.number, i.name, i.category, coalesce(i.abolished, (SELECT abolished FROM catalog WHERE code = i.code)),
                   d.name, r.name, c.opened, c.decided, c.result, i.workflow_id
            FROM cases c JOIN items i ON i.id = c.item_id JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE c.id = ?
            """)
        try header.bind([.integer(id)])
        guard try header.step() else { return nil }
        func optionalInstant(_ statement: Statement, _ column: Int) -> Instant? {
            statement.value(at: column) == .null ? nil : Instant(millisecondsSinceEpoch: statement.integer(at: column))
        }
        func optionalInt(_ statement: Statement, _ column: Int) -> Int? {
            statement.value(at: column) == .null ? nil : Int(statement.integer(at: column))
        }
        let workflowID = header.value(at: 9)
        let steps = try connection.prepare("""
            SELECT s.id, ws.name, ws.position, ws.role, ws.time_limit, coalesce(ws.leader_review, 0), o.name, o.role, s.occurred, s.recorded, s.note
            FROM steps s LEFT JOIN workflow_steps ws ON ws.id = s.workflow_step_id LEFT JOIN operators o ON o.id = s.operator_id
            WHERE s.case_id = ? ORDER BY s.occurred, s.id
            """)
        try steps.bind([.integer(id)])
        var records: [CaseTimeline.Step] = []
        while try steps.step() {
            records.append(CaseTimeline.Step(
                id: steps.integer(at: 0), name: steps.text(at: 1), position: optionalInt(steps, 2), stepRole: steps.text(at: 3),
                timeLimit: optionalInt(steps, 4), leaderReview: steps.integer(at: 5) == 1, operatorName: steps.text(at: 6), operatorRole: steps.text(at: 7),
                occurred: Instant(millisecondsSinceEpoch: steps.integer(at: 8)), recorded: optionalInstant(steps, 9), note: steps.text(at: 10)))
        }
        var workflow: [(position: Int, name: String)] = []
        if case .integer(let workflowID) = workflowID {
            let configured = try connection.prepare("SELECT position, name FROM workflow_steps WHERE workflow_id = ? ORDER BY position")
            try configured.bind([.integer(workflowID)])
            while try configured.step() { workflow.append((Int(configured.integer(at: 0)), configured.text(at: 1) ?? "")) }
        }
        let alertRows = try connection.prepare("""
            SELECT a.kind, a.level, ws.name, a.raised, a.handled, o.name, a.disposition
            FROM alerts a LEFT JOIN workflow_steps ws ON ws.id = a.workflow_step_id LEFT JOIN operators o ON o.id = a.handled_by
            WHERE a.case_id = ? ORDER BY a.raised, a.id
            """)
        try alertRows.bind([.integer(id)])
        var alerts: [CaseTimeline.Alert] = []
        while try alertRows.step() {
            alerts.append(CaseTimeline.Alert(kind: alertRows.text(at: 0) ?? "", level: alertRows.text(at: 1) ?? "", step: alertRows.text(at: 2),
                                             raised: Instant(millisecondsSinceEpoch: alertRows.integer(at: 3)), handled: optionalInstant(alertRows, 4),
                                             handledBy: alertRows.text(at: 5), disposition: alertRows.text(at: 6)))
        }
        return CaseTimeline(number: header.text(at: 0) ?? "", item: header.text(at: 1) ?? "", category: header.text(at: 2) ?? "",
                            itemAbolished: header.text(at: 3).flatMap(CivilDate.init), department: header.text(at: 4) ?? "", region: header.text(at: 5) ?? "",
                            opened: Instant(millisecondsSinceEpoch: header.integer(at: 6)), decided: optionalInstant(header, 7), result: header.text(at: 8),
                            steps: records, workflow: workflow, alerts: alerts)
    }
}
