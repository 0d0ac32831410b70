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
/// One check's hits to keep as findings.
public struct FindingRun: Sendable {
    public let check: CheckDefinition
    public let hits: [CheckHit]
    /// The parameters used, as JSON.
    public let parameters: String
    /// The period checked, for checks that look at one.
    public let period: String?

    public init(check: CheckDefinition, hits: [CheckHit], parameters: String, period: String?) {
        self.check = check
        self.hits = hits
        self.parameters = parameters
        self.period = period
    }
}

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
        // Existence probes and a sample of steps: a look at the data, not a count of it.
        let statement = try connection.prepare("""
            SELECT EXISTS (SELECT 1 FROM cases), (SELECT count(*) FROM (SELECT 1 FROM steps LIMIT 10000)),
                   EXISTS (SELECT 1 FROM steps WHERE recorded IS NOT NULL),
                   (SELECT count(operator_id) FROM (SELECT operator_id FROM steps LIMIT 10000)),
                   EXISTS (SELECT 1 FROM workflows WHERE is_template = 0), EXISTS (SELECT 1 FROM catalog), EXISTS (SELECT 1 FROM alerts),
                   EXISTS (SELECT 1 FROM logins), EXISTS (SELECT 1 FROM workflow_steps WHERE time_limit IS NOT NULL),
                   EXISTS (SELECT 1 FROM items WHERE time_limit IS NOT NULL)
            """)
        guard try statement.step() else { return [] }
        let n = (0 ..< 10).map { statement.integer(at: $0) }
        var met = Set<DataNeed>()
        if n[0] > 0 { met.insert(.cases) }
        if n[2] > 0 { met.insert(.recordedTimes) }
        if n[1] > 0 && n[3] * 2 >= n[1] { met.insert(.operators) }
        if n[4] > 0 { met.insert(.workflows) }
        if n[5] > 0 { met.insert(.catalog) }
        if n[6] > 0 { met.insert(.alerts) }
        if n[7] > 0 { met.insert(.logins) }
        if n[8] > 0 { met.insert(.timeLimits) }
        if n[9] > 0 { met.insert(.itemTimeLimits) }
        return met
    }

    /// Runs one check with `parameters` (its defaults where absent) over `period`, as of `today`.
    public func runCheck(_ check: CheckDefinition, parameters: [String: Int64], period: CheckPeriod, today: CivilDate) throws -> [CheckHit] {
        try runCheck(check, parameters: [check.id: parameters], period: period, today: today)
    }

    /// Runs one check with the parameters given for it by id.
    public func runCheck(_ check: CheckDefinition, parameters all: [String: [String: Int64]], period: CheckPeriod, today: CivilDate) throws -> [CheckHit] {
        if CheckQueries.monthChecks.contains(check.id) { return try sweepCaseMonths([check], parameters: all, period: period)[check.id] ?? [] }
        if StepSweep.checks.contains(check.id) { return try sweepSteps([check], parameters: all, period: period, today: today)[check.id] ?? [] }
        return try runQueryCheck(check, parameters: all, period: period, today: today)
    }

    /// Runs a check that has a query of its own (`CheckQueries.sql`).
    func runQueryCheck(_ check: CheckDefinition, parameters all: [String: [String: Int64]], period: CheckPeriod, today: CivilDate) throws -> [CheckHit] {
        let parameters = all[check.id] ?? [:]
        let values = check.parameters.map { parameters[$0.name] ?? $0.defaultValue }
        guard let sql = CheckQueries.sql[check.id] else { return [] }
        var bound: [Value] = [
            .integer(ChinaTime.instant(period.start).millisecondsSinceEpoch), .integer(ChinaTime.instant(period.end).millisecondsSinceEpoch),
            .integer(ChinaTime.instant(today).millisecondsSinceEpoch),
        ]
        for (parameter, value) in zip(check.parameters, values) {
            // Working days reach back to an instant: the start of the day that many working days before today.
            if parameter.name == "days" {
                bound.append(.integer(ChinaTime.instant(workingDays(value, before: today)).millisecondsSinceEpoch))
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

    /// The date `count` working days before `date`, by the store's calendar.
    func workingDays(_ count: Int64, before date: CivilDate) -> CivilDate {
        var day = date.daysSinceEpoch
        var left = count
        while left > 0 {
            day -= 1
            if calendar.isWorkday(day: day) { left -= 1 }
        }
        return CivilDate(daysSinceEpoch: day)
    }

    /// The checks of runs of months without a case, for departments and for items,
    /// answered by one scan of the cases opened since the period began: those with a case
    /// since then, but a run of `months` or more whole months of the period without one.
    public func sweepCaseMonths(_ checks: [CheckDefinition], parameters: [String: [String: Int64]], period: CheckPeriod) throws -> [String: [CheckHit]] {
        let wanted = Set(checks.map(\.id)).intersection(["months-without-case", "item-months-without-case"])
        guard !wanted.isEmpty else { return [:] }
        func run(_ id: String) -> Int64 { parameters[id]?["months"] ?? CheckCatalog.named(id)?.parameter("months")?.defaultValue ?? 3 }
        var months: [String] = []
        var month = period.start.day == 1 ? period.start : period.start.firstOfNextMonth
        while month.firstOfNextMonth <= period.end {
            months.append(String(month.description.prefix(7)))
            month = month.firstOfNextMonth
        }
        let statement = try connection.prepare("""
            SELECT department_id, item_id, strftime('%Y-%m', opened / 1000, 'unixepoch', '+8 hours') FROM cases INDEXED BY cases_opened
            WHERE opened >= ? GROUP BY 1, 2, 3
            """)
        try statement.bind([.integer(ChinaTime.instant(period.start).millisecondsSinceEpoch)])
        var byDepartment: [Int64: Set<String>] = [:], byItem: [Int64: Set<String>] = [:]
        while try statement.step() {
            let when = statement.text(at: 2) ?? ""
            byDepartment[statement.integer(at: 0), default: []].insert(when)
            byItem[statement.integer(at: 1), default: []].insert(when)
        }
        func longestGap(_ busy: Set<String>) -> Int {
            var current = 0, longest = 0
            for month in months {
                current = busy.contains(month) ? 0 : current + 1
                longest = max(longest, current)
            }
            return longest
        }
        var found: [String: [CheckHit]] = [:]
        let regions = try departmentRegions()
        if wanted.contains("months-without-case") {
            let limit = run("months-without-case")
            found["months-without-case"] = byDepartment.keys.sorted().compactMap { id in
                let gap = longestGap(byDepartment[id]!)
                return gap >= limit ? CheckHit(subject: id, department: id, region: regions[id], evidence: [], value: Int64(gap)) : nil
            }
        }
        if wanted.contains("item-months-without-case") {
            let limit = run("item-months-without-case")
            let owners = try connection.prepare("SELECT id, department_id FROM items")
            var department: [Int64: Int64] = [:]
            while try owners.step() { department[owners.integer(at: 0)] = owners.integer(at: 1) }
            found["item-months-without-case"] = byItem.keys.sorted().compactMap { id in
                let gap = longestGap(byItem[id]!)
                let owner = department[id]
                return gap >= limit ? CheckHit(subject: id, department: owner, region: owner.flatMap { regions[$0] }, evidence: [], value: Int64(gap)) : nil
            }
        }
        return found
    }

    /// Keeps the findings of check runs, replacing those of earlier runs of the same checks
    /// and period (in the department or region given, or everywhere), stores the settings
    /// saved with the run, and appends one audit entry: all in one transaction. Findings
    /// cited by an order stay (the order rests on them).
    public func keepFindings(_ runs: [FindingRun], settings: [(key: String, value: String)] = [], department: Int64? = nil, region: Int64? = nil,
                             stamp: AuditStamp) throws {
        try connection.transaction {
            // A run for one department or region replaces only the findings there.
            let clear = try connection.prepare("""
                DELETE FROM findings WHERE check_id = ?1 AND period IS ?2 AND (?3 IS NULL OR department_id = ?3) AND (?4 IS NULL OR region_id = ?4)
                AND id NOT IN (SELECT finding_id FROM order_findings)
                """)
            let insert = try connection.prepare("""
                INSERT INTO findings (check_id, check_version, parameters, period, department_id, region_id, evidence, measure, found)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // Findings an order cites stay; a hit equal to one of them is not kept twice.
            let cited = try connection.prepare("""
                SELECT evidence FROM findings WHERE check_id = ?1 AND period IS ?2 AND id IN (SELECT finding_id FROM order_findings)
                """)
            var change = "{\"findings\":{"
            for (index, run) in runs.enumerated() {
                let check = run.check
                try clear.bind([.text(check.id), run.period.map(Value.text) ?? .null, department.map(Value.integer) ?? .null, region.map(Value.integer) ?? .null])
                try clear.run()
                try cited.bind([.text(check.id), run.period.map(Value.text) ?? .null])
                var kept: Set<String> = []
                while try cited.step() { if let evidence = cited.text(at: 0) { kept.insert(evidence) } }
                cited.reset()
                let prefix = "{\"\(check.subject.table)\":["
                let more = CheckQueries.evidenceTable[check.id].map { "],\"\($0)\":[" }
                for hit in run.hits {
                    var evidence = prefix + String(hit.subject)
                    if let more {
                        evidence += more
                        evidence += hit.evidence.map(String.init).joined(separator: ",")
                    }
                    evidence += "]}"
                    if kept.contains(evidence) { continue }
                    insert.bind(check.id, at: 1)
                    insert.bind(Int64(check.version), at: 2)
                    insert.bind(run.parameters, at: 3)
                    insert.bind(run.period, at: 4)
                    if let department = hit.department { insert.bind(department, at: 5) } else { insert.bindNull(at: 5) }
                    if let region = hit.region { insert.bind(region, at: 6) } else { insert.bindNull(at: 6) }
                    insert.bind(evidence, at: 7)
                    insert.bind("{\"value\":\(hit.value)}", at: 8)
                    insert.bind(stamp.at.millisecondsSinceEpoch, at: 9)
                    try insert.run()
                }
                change += (index == 0 ? "" : ",") + JSONText.quoted(check.id) + ":\(run.hits.count)"
            }
            change += "}"
            if let period = runs.first(where: { $0.period != nil })?.period { change += ",\"period\":" + JSONText.quoted(period) }
            if !settings.isEmpty {
                change += ",\"settings\":{" + settings.map { JSONText.quoted($0.key) + ":" + JSONText.quoted($0.value) }.joined(separator: ",") + "}"
                for setting in settings { try setSetting(setting.key, to: setting.value) }
            }
            try appendAudit(at: stamp.at, actor: stamp.actor, command: stamp.command, change: change + "}")
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

extension Store {
    /// Runs the step checks among `checks` in one pass over every step, in case order
    /// (the steps' index gives that order), as `StepSweep` judges them.
    public func sweepSteps(_ checks: [CheckDefinition], parameters: [String: [String: Int64]], period: CheckPeriod, today: CivilDate? = nil) throws -> [String: [CheckHit]] {
        guard checks.contains(where: { StepSweep.checks.contains($0.id) }) else { return [:] }
        // Late recording alone needs only the late steps, which SQLite finds faster than a
        // pass that hands every step over; with other step checks the one pass serves all.
        let stepChecks = Set(checks.map(\.id)).intersection(StepSweep.checks)
        if stepChecks == ["case-overtime"], let check = CheckCatalog.named("case-overtime") {
            // Alone, one query over the cases answers it faster than a pass over every step.
            return ["case-overtime": try runQueryCheck(check, parameters: parameters, period: period, today: today ?? CivilDate(daysSinceEpoch: 0))]
        }
        if stepChecks == ["late-recording"] {
            return ["late-recording": try lateRecording(hours: parameters["late-recording"]?["hours"]
                ?? CheckCatalog.named("late-recording")?.parameter("hours")?.defaultValue ?? 72)]
        }
        var sweep = StepSweep(wanted: Set(checks.map(\.id)), parameters: parameters,
                              periodStart: ChinaTime.instant(period.start).millisecondsSinceEpoch, periodEnd: ChinaTime.instant(period.end).millisecondsSinceEpoch,
                              calendar: calendar, today: today)
        // Workflow steps and departments' regions are few: read them once.
        var configured: [Int64: (leader: Bool, reviews: Bool, limit: Int?, role: UInt8)] = [:]
        let stepsTable = try connection.prepare("SELECT id, leader_review, role IN ('reviewer', 'leader'), time_limit, role FROM workflow_steps")
        while try stepsTable.step() {
            configured[stepsTable.integer(at: 0)] = (stepsTable.integer(at: 1) == 1, stepsTable.integer(at: 2) == 1,
                                                     stepsTable.optionalInteger(at: 3).map { Int($0) }, StepSweep.roleBits[stepsTable.text(at: 4) ?? ""] ?? 0)
        }
        let regions = try departmentRegions()
        // Steps are usually stored case after case: read them in storage order (the
        // fastest), and only when a case's steps turn out to be apart, in the index's order.
        for ordered in [false, true] {
            var attempt = sweep
            if try sweepCases(&attempt, configured: configured, inIndexOrder: ordered) {
                sweep = attempt
                break
            }
        }
        sweep.finish()
        var found: [String: [CheckHit]] = [:]
        for check in checks where StepSweep.checks.contains(check.id) {
            found[check.id] = (sweep.hits[check.id] ?? []).map {
                CheckHit(subject: $0.subject, department: $0.department, region: regions[$0.department], evidence: $0.evidence, value: $0.value)
            }
        }
        return found
    }

    /// The late-recording check as the sweep judges it (one hit per case, its late steps in
    /// the order they happened as the evidence, the latest in hours as the value), from
    /// the late steps alone.
    private func lateRecording(hours: Int64) throws -> [CheckHit] {
        let regions = try departmentRegions()
        let statement = try connection.prepare("""
            SELECT s.case_id, c.department_id, s.id, s.recorded - s.occurred
            FROM steps s JOIN cases c ON c.id = s.case_id
            WHERE s.recorded IS NOT NULL AND s.recorded - s.occurred >= ?
            ORDER BY s.case_id, s.occurred, s.id
            """)
        try statement.bind(.integer(hours * Milliseconds.hour), at: 1)
        var hits: [CheckHit] = []
        var current: (caseID: Int64, department: Int64, steps: [Int64], latest: Int64)?
        func close() {
            guard let open = current else { return }
            hits.append(CheckHit(subject: open.caseID, department: open.department, region: regions[open.department], evidence: open.steps,
                                 value: open.latest / Milliseconds.hour))
        }
        while try statement.step() {
            let caseID = statement.integer(at: 0)
            if current?.caseID != caseID {
                close()
                current = (caseID, statement.integer(at: 1), [], 0)
            }
            current!.steps.append(statement.integer(at: 2))
            current!.latest = max(current!.latest, statement.integer(at: 3))
        }
        close()
        return hits
    }

    /// Feeds every case with its steps to `sweep`, cases in id order, each case's steps in
    /// the order they happened; false when, reading in storage order, a case's steps
    /// were not stored together (the caller then reads in the index's order).
    private func sweepCases(_ sweep: inout StepSweep, configured: [Int64: (leader: Bool, reviews: Bool, limit: Int?, role: UInt8)], inIndexOrder: Bool) throws -> Bool {
        // Workflow step ids are dense: look them up in an array, not a dictionary.
        let highest = Int(configured.keys.max() ?? 0)
        var table = [(leader: Bool, reviews: Bool, limit: Int?, role: UInt8)?](repeating: nil, count: highest + 1)
        for (id, step) in configured where id >= 0 { table[Int(id)] = step }
        let cases = try connection.prepare("SELECT c.id, c.department_id, c.opened, c.decided, i.time_limit FROM cases c LEFT JOIN items i ON i.id = c.item_id ORDER BY c.id")
        let steps = try connection.prepare("SELECT case_id, id, occurred, recorded, operator_id, workflow_step_id FROM steps"
            + (inIndexOrder ? " INDEXED BY steps_case ORDER BY case_id, occurred, id" : ""))
        var pending = try steps.step()
        var rowCase: Int64 = pending ? steps.integer(at: 0) : 0
        var batch: [StepSweep.Step] = []
        while try cases.step() {
            let caseID = cases.integer(at: 0)
            batch.removeAll(keepingCapacity: true)
            // Steps of a case that does not exist are passed over; in storage order, a smaller
            // case id means the steps were not stored case after case.
            while pending && rowCase < caseID {
                if !inIndexOrder { return false }
                pending = try steps.step()
                if pending { rowCase = steps.integer(at: 0) }
            }
            while pending && rowCase == caseID {
                let workflowStep = steps.optionalInteger(at: 5).flatMap { $0 >= 0 && $0 <= highest ? table[Int($0)] : nil }
                batch.append(StepSweep.Step(id: steps.integer(at: 1), occurred: steps.integer(at: 2),
                                            recorded: steps.optionalInteger(at: 3), person: steps.optionalInteger(at: 4),
                                            leaderReview: workflowStep?.leader ?? false, reviews: workflowStep?.reviews ?? false, timeLimit: workflowStep?.limit,
                                            role: workflowStep?.role ?? 0))
                pending = try steps.step()
                if pending { rowCase = steps.integer(at: 0) }
            }
            if !inIndexOrder, batch.count > 1,
               !zip(batch, batch.dropFirst()).allSatisfy({ ($0.occurred, $0.id) <= ($1.occurred, $1.id) }) {
                batch.sort { ($0.occurred, $0.id) < ($1.occurred, $1.id) }
            }
            sweep.add(case: caseID, department: cases.integer(at: 1), opened: cases.integer(at: 2), decided: cases.optionalInteger(at: 3),
                      itemLimit: cases.optionalInteger(at: 4).map { Int($0) }, steps: batch)
        }
        // Steps left after the last case were stored apart from their case: read again in index order.
        return inIndexOrder || !pending
    }

    private func departmentRegions() throws -> [Int64: Int64] {
        let statement = try connection.prepare("SELECT id, region_id FROM departments")
        var regions: [Int64: Int64] = [:]
        while try statement.step() { regions[statement.integer(at: 0)] = statement.integer(at: 1) }
        return regions
    }
}

/// A kept finding, as `finding ID` shows it.
public struct StoredFinding: Sendable {
    public let id: Int64
    public let check: String
    public let version: Int
    public let parameters: String
    public let period: String?
    public let department: String?
    public let region: String?
    /// The table of what was found, and its id.
    public let table: String
    public let subject: Int64
    /// Other rows it rests on (their table, their ids), if any.
    public let evidenceTable: String?
    public let evidence: [Int64]
    public let measure: String
    public let found: Instant
}

extension Store {
    /// The finding with this id.
    public func finding(id: Int64) throws -> StoredFinding? {
        let statement = try connection.prepare("""
            SELECT f.check_id, f.check_version, f.parameters, f.period, d.name, r.name, f.evidence, f.measure, f.found
            FROM findings f LEFT JOIN departments d ON d.id = f.department_id LEFT JOIN regions r ON r.id = f.region_id WHERE f.id = ?
            """)
        try statement.bind([.integer(id)])
        guard try statement.step() else { return nil }
        // Evidence is written as {"TABLE":[subject]} or {"TABLE":[subject],"OTHER":[id,...]}.
        let parts = (statement.text(at: 6) ?? "").split(separator: "\"").map(String.init)
        func ids(_ text: String) -> [Int64] { text.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) } }
        let table = parts.count > 1 ? parts[1] : ""
        let subject = parts.count > 2 ? ids(parts[2]).first ?? 0 : 0
        return StoredFinding(id: id, check: statement.text(at: 0) ?? "", version: Int(statement.integer(at: 1)), parameters: statement.text(at: 2) ?? "",
                             period: statement.text(at: 3), department: statement.text(at: 4), region: statement.text(at: 5), table: table, subject: subject,
                             evidenceTable: parts.count > 3 ? parts[3] : nil, evidence: parts.count > 4 ? ids(parts[4]) : [],
                             measure: statement.text(at: 7) ?? "", found: Instant(millisecondsSinceEpoch: statement.integer(at: 8)))
    }

    /// The case a step or alert belongs to.
    public func caseID(ofStep id: Int64, in table: String) throws -> Int64? {
        guard table == "steps" || table == "alerts" else { return nil }
        let statement = try connection.prepare("SELECT case_id FROM \(table) WHERE id = ?")
        try statement.bind([.integer(id)])
        return try statement.step() ? statement.integer(at: 0) : nil
    }
}
