import DuchaCore

/// An operator as `who` shows them.
public struct OperatorProfile: Sendable {
    public let id: Int64
    public let name: String
    public let department: String
    public let role: String
    /// Step records and distinct cases they recorded.
    public let steps: Int
    public let cases: Int
    /// Cases in which every step with an operator is theirs.
    public let alone: Int
    /// Their step records by workflow step name, most first.
    public let byStep: [(name: String, count: Int)]
    /// Handovers to others and from others, by the other's name, most first.
    public let handedTo: [(name: String, count: Int)]
    public let receivedFrom: [(name: String, count: Int)]
    /// Their step records by the Beijing hour (0–23) and weekday (Monday first) they were recorded.
    public let byHour: [Int]
    public let byWeekday: [Int]
}

extension Store {
    /// The operators called `name` (optionally of the department called `department`):
    /// id, department and role.
    public func operators(named name: String, department: String?) throws -> [(id: Int64, department: String, role: String)] {
        let statement = try connection.prepare("""
            SELECT o.id, d.name, o.role FROM operators o JOIN departments d ON d.id = o.department_id
            WHERE o.name = ?1 AND (?2 IS NULL OR d.name = ?2) ORDER BY d.name, o.id
            """)
        try statement.bind([.text(name), department.map(Value.text) ?? .null])
        var found: [(Int64, String, String)] = []
        while try statement.step() { found.append((statement.integer(at: 0), statement.text(at: 1) ?? "", statement.text(at: 2) ?? "")) }
        return found
    }

    /// Everything `who` says about the operator with this id.
    public func operatorProfile(id: Int64) throws -> OperatorProfile? {
        let header = try connection.prepare("SELECT o.name, d.name, o.role FROM operators o JOIN departments d ON d.id = o.department_id WHERE o.id = ?")
        try header.bind([.integer(id)])
        guard try header.step() else { return nil }
        let names = try self.names(of: "operators")
        func pairs(_ sql: String) throws -> [(String, Int)] {
            let statement = try connection.prepare(sql)
            try statement.bind([.integer(id)])
            var rows: [(String, Int)] = []
            while try statement.step() { rows.append((statement.text(at: 0) ?? "(no step)", Int(statement.integer(at: 1)))) }
            return rows
        }
        let byStep = try pairs("""
            SELECT ws.name, count(*) FROM steps s LEFT JOIN workflow_steps ws ON ws.id = s.workflow_step_id
            WHERE s.operator_id = ? GROUP BY ws.name ORDER BY 2 DESC, 1
            """)
        var byHour = Array(repeating: 0, count: 24), byWeekday = Array(repeating: 0, count: 7)
        let times = try connection.prepare("""
            SELECT CAST(strftime('%H', recorded / 1000, 'unixepoch', '+8 hours') AS INTEGER),
                   CAST(strftime('%w', recorded / 1000, 'unixepoch', '+8 hours') AS INTEGER), count(*)
            FROM steps WHERE operator_id = ? AND recorded IS NOT NULL GROUP BY 1, 2
            """)
        try times.bind([.integer(id)])
        while try times.step() {
            let count = Int(times.integer(at: 2))
            byHour[Int(times.integer(at: 0)) % 24] += count
            byWeekday[(Int(times.integer(at: 1)) + 6) % 7] += count
        }
        // The cases they touched, step by step, for handovers and cases done alone.
        let sequence = try connection.prepare("""
            SELECT s.case_id, s.operator_id FROM steps s
            WHERE s.case_id IN (SELECT DISTINCT case_id FROM steps WHERE operator_id = ?) ORDER BY s.case_id, s.occurred, s.id
            """)
        try sequence.bind([.integer(id)])
        var steps = 0, cases = 0, alone = 0
        var to: [Int64: Int] = [:], from: [Int64: Int] = [:]
        var current: Int64 = -1, previous: Int64?, others = false
        func close() {
            guard current >= 0 else { return }
            cases += 1
            if !others { alone += 1 }
        }
        while try sequence.step() {
            let caseID = sequence.integer(at: 0)
            let person: Int64? = sequence.value(at: 1) == .null ? nil : sequence.integer(at: 1)
            if caseID != current {
                close()
                (current, previous, others) = (caseID, nil, false)
            }
            if person == id { steps += 1 } else if person != nil { others = true }
            if let before = previous, let now = person, before != now {
                if before == id { to[now, default: 0] += 1 }
                if now == id { from[before, default: 0] += 1 }
            }
            previous = person
        }
        close()
        func ranked(_ counts: [Int64: Int]) -> [(name: String, count: Int)] {
            counts.map { (names[$0.key] ?? "#\($0.key)", $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        return OperatorProfile(id: id, name: header.text(at: 0) ?? "", department: header.text(at: 1) ?? "", role: header.text(at: 2) ?? "",
                               steps: steps, cases: cases, alone: alone, byStep: byStep.map { (name: $0.0, count: $0.1) },
                               handedTo: ranked(to), receivedFrom: ranked(from), byHour: byHour, byWeekday: byWeekday)
    }
}
