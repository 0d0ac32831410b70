import DuchaCore

/// One thing a check found: what (`subject`, an id of the check's subject table), where
/// (department, region), the rows that show it, and the number that decided it.
public struct CheckHit: Hashable, Sendable {
    public let subject: Int64
    public let department: Int64?
    public let region: Int64?
    public let evidence: [Int64]
    public let value: Int64
}

/// The whole days a check looks at: [start, end).
public struct CheckPeriod: Hashable, Sendable {
    public let start: CivilDate
    public let end: CivilDate
    /// As written (`2016-01..2016-04`).
    public let text: String

    public init(start: CivilDate, end: CivilDate, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

extension Store {
    /// The needs of checks the data meets.
    public func dataProfile() throws -> Set<DataNeed> {
        let statement = try connection.prepare("""
            SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM steps), (SELECT count(recorded) FROM steps),
                   (SELECT count(operator_id) FROM steps), (SELECT count(*) FROM workflows WHERE is_template = 0),
                   (SELECT count(*) FROM catalog), (SELECT count(*) FROM alerts), (SELECT count(*) FROM logins),
                   (SELECT count(time_limit) FROM workflow_steps)
            """)
        guard try statement.step() else { return [] }
        let n = (0 ..< 9).map { statement.integer(at: $0) }
        var met = Set<DataNeed>()
        if n[0] > 0 { met.insert(.cases) }
        if n[2] > 0 { met.insert(.recordedTimes) }
        if n[1] > 0 && n[3] * 2 >= n[1] { met.insert(.operators) }
        if n[4] > 0 { met.insert(.workflows) }
        if n[5] > 0 { met.insert(.catalog) }
        if n[6] > 0 { met.insert(.alerts) }
        if n[7] > 0 { met.insert(.logins) }
        if n[8] > 0 { met.insert(.timeLimits) }
        return met
    }

    /// Runs one check with `parameters` (its defaults where absent) over `period`, as of `today`.
    public func runCheck(_ check: CheckDefinition, parameters: [String: Int64], period: CheckPeriod, today: CivilDate) throws -> [CheckHit] {
        let values = check.parameters.map { parameters[$0.name] ?? $0.defaultValue }
        if check.id == "months-without-case" { return try monthsWithoutCase(run: values[0], period: period) }
        guard let sql = CheckQueries.sql[check.id] else { return [] }
        var bound: [Value] = [
            .integer(ChinaTime.instant(period.start).millisecondsSinceEpoch), .integer(ChinaTime.instant(period.end).millisecondsSinceEpoch),
            .integer(ChinaTime.instant(today).millisecondsSinceEpoch),
        ]
        for (parameter, value) in zip(check.parameters, values) {
            // Working days reach back to an instant: the start of the day that many working days before today.
            if parameter.name == "days" {
                bound.append(.integer(ChinaTime.instant(Store.workingDays(value, before: today)).millisecondsSinceEpoch))
            } else {
                bound.append(.integer(value))
            }
        }
        let statement = try connection.prepare(sql)
        try statement.bind(Array(bound.prefix(Int(statement.parameterCount))))
        var hits: [CheckHit] = []
        while try statement.step() {
            let evidence = (statement.text(at: 3) ?? "").split(separator: ",").compactMap { Int64($0) }
            hits.append(CheckHit(subject: statement.integer(at: 0), department: statement.value(at: 1) == .null ? nil : statement.integer(at: 1),
                                 region: statement.value(at: 2) == .null ? nil : statement.integer(at: 2), evidence: evidence, value: statement.integer(at: 4)))
        }
        return hits
    }

    /// The date `count` working days (Monday to Friday) before `date`.
    static func workingDays(_ count: Int64, before date: CivilDate) -> CivilDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: -1)
            if day.weekday <= 5 { left -= 1 }
        }
        return day
    }

    /// Departments with a case opened since the period began, but a run of `run` or more
    /// whole months of the period without one.
    private func monthsWithoutCase(run: Int64, period: CheckPeriod) throws -> [CheckHit] {
        var months: [(start: CivilDate, end: CivilDate)] = []
        var month = period.start.day == 1 ? period.start : period.start.firstOfNextMonth
        while month.firstOfNextMonth <= period.end {
            months.append((month, month.firstOfNextMonth))
            month = month.firstOfNextMonth
        }
        let statement = try connection.prepare("""
            SELECT department_id, strftime('%Y-%m', opened / 1000, 'unixepoch', '+8 hours'), count(*) FROM cases
            WHERE opened >= ? AND opened < ? GROUP BY 1, 2
            """)
        guard let first = months.first, let last = months.last else { return [] }
        try statement.bind([.integer(ChinaTime.instant(first.start).millisecondsSinceEpoch), .integer(ChinaTime.instant(last.end).millisecondsSinceEpoch)])
        var busy: [Int64: Set<String>] = [:]
        while try statement.step() { busy[statement.integer(at: 0), default: []].insert(statement.text(at: 1) ?? "") }
        // Departments still at work since the period began; those with no case at all since are zero-case departments.
        let departments = try connection.prepare("SELECT d.id, d.region_id FROM departments d WHERE EXISTS (SELECT 1 FROM cases c WHERE c.department_id = d.id AND c.opened >= ?)")
        try departments.bind([.integer(ChinaTime.instant(first.start).millisecondsSinceEpoch)])
        var hits: [CheckHit] = []
        while try departments.step() {
            let id = departments.integer(at: 0)
            var current = 0, longest = 0
            for month in months {
                current = busy[id]?.contains(String(month.start.description.prefix(7))) == true ? 0 : current + 1
                longest = max(longest, current)
            }
            if longest >= run { hits.append(CheckHit(subject: id, department: id, region: departments.integer(at: 1), evidence: [], value: Int64(longest))) }
        }
        return hits
    }

    /// Keeps a run's hits as findings, replacing those of an earlier run of the same
    /// check over the same period; returns how many were kept.
    @discardableResult
    public func keepFindings(_ check: CheckDefinition, hits: [CheckHit], parameters: String, period: String?, at: Instant) throws -> Int {
        try connection.transaction {
            let clear = try connection.prepare("DELETE FROM findings WHERE check_id = ? AND period IS ?")
            try clear.bind([.text(check.id), period.map(Value.text) ?? .null])
            try clear.run()
            let insert = try connection.prepare("""
                INSERT INTO findings (check_id, check_version, parameters, period, department_id, region_id, evidence, measure, found)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for hit in hits {
                let evidence = "{\"\(check.subject.table)\":[\(([hit.subject] + hit.evidence.filter { $0 != hit.subject }).map(String.init).joined(separator: ","))]}"
                try insert.bind([.text(check.id), .integer(Int64(check.version)), .text(parameters), period.map(Value.text) ?? .null,
                                 hit.department.map(Value.integer) ?? .null, hit.region.map(Value.integer) ?? .null,
                                 .text(evidence), .text("{\"value\":\(hit.value)}"), .integer(at.millisecondsSinceEpoch)])
                try insert.run()
            }
            return hits.count
        }
    }
}

extension Store {
    /// What people call the rows of `table` with these ids: names, numbers, a case's
    /// number for its steps and alerts.
    public func subjectLabels(_ table: String, ids: [Int64]) throws -> [Int64: String] {
        let expression: String
        switch table {
        case "departments", "regions", "workflows", "operators": expression = "SELECT id, name FROM \(table)"
        case "items", "catalog": expression = "SELECT id, code || ' ' || name FROM \(table)"
        case "cases": expression = "SELECT id, number FROM cases"
        case "steps": expression = "SELECT s.id, c.number FROM steps s JOIN cases c ON c.id = s.case_id"
        case "alerts": expression = "SELECT a.id, c.number FROM alerts a JOIN cases c ON c.id = a.case_id"
        default: return [:]
        }
        var labels: [Int64: String] = [:]
        let alias = table == "steps" ? "s" : table == "alerts" ? "a" : table
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = ids[chunk ..< min(chunk + 500, ids.count)]
            let statement = try connection.prepare(expression + " WHERE \(alias).id IN (" + part.map(String.init).joined(separator: ",") + ")")
            while try statement.step() { labels[statement.integer(at: 0)] = statement.text(at: 1) ?? "" }
        }
        return labels
    }

    /// The id of the region called `name`.
    public func regionID(named name: String) throws -> Int64? {
        let statement = try connection.prepare("SELECT id FROM regions WHERE name = ?")
        try statement.bind([.text(name)])
        return try statement.step() ? statement.integer(at: 0) : nil
    }

    /// The first and last day a case was opened, if there are cases.
    public func caseDays() throws -> (first: CivilDate, last: CivilDate)? {
        let statement = try connection.prepare("SELECT min(opened), max(opened) FROM cases")
        guard try statement.step(), statement.value(at: 0) != .null else { return nil }
        return (ChinaTime.date(of: Instant(millisecondsSinceEpoch: statement.integer(at: 0))),
                ChinaTime.date(of: Instant(millisecondsSinceEpoch: statement.integer(at: 1))))
    }
}
