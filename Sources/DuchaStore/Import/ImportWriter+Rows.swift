#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore

/// Rows of platform exports (`import csv KIND`), each written with the import's id.
/// References are by the names people use (a department's name, an item's code, a
/// case's number, an operator's name within the department), found in the database or
/// earlier in the same import; an unknown one is a rejection naming the field.
extension ImportWriter {
    /// A case found by number: its id, department and workflow.
    struct CaseReference {
        let id: Int64
        let department: Int64
        let workflow: Int64?
    }

    /// A name within its owner (an operator in a department, a step in a workflow).
    /// A name within its workflow or department. Names are compared and hashed by
    /// their UTF-8 bytes, as SQLite compares them, which also spares hashing Chinese
    /// names through Unicode normalization row after row.
    struct NamedIn: Hashable {
        let owner: Int64
        let name: String

        static func == (a: NamedIn, b: NamedIn) -> Bool {
            guard a.owner == b.owner, a.name.utf8.count == b.name.utf8.count else { return false }
            var (left, right) = (a.name, b.name)
            return left.withUTF8 { left in
                right.withUTF8 { right in
                    guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == right.count }
                    return memcmp(a, b, left.count) == 0
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(owner)
            var name = name
            name.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Rows found while importing, so each is looked up once.
    struct Caches {
        var cases: [String: CaseReference] = [:]
        var lastCase: (number: String, reference: CaseReference)?
        var workflowSteps: [NamedIn: Int64] = [:]
        var operators: [NamedIn: Int64] = [:]
        var insertSteps: [Int: Statement] = [:]
        var pendingSteps: [PendingStep] = []
    }

    // MARK: Places and powers

    public func region(name: String, code: String, level: RegionLevel) throws {
        try unique("regions", "name", name, field: "name")
        try unique("regions", "code", code, field: "code")
        _ = try insert("INSERT INTO regions (name, code, level, import_id) VALUES (?, ?, ?, ?)",
                       [.text(name), .text(code), .text(level.rawValue), .integer(summary.id)])
        counted()
    }

    public func department(name: String, region: String, parent: String?, platform: PlatformStatus, terminals: Int64) throws {
        try unique("departments", "name", name, field: "name")
        let regionID = try reference("regions", "name", region, field: "region", noun: "region")
        let parentID = try parent.map { try reference("departments", "name", $0, field: "parent", noun: "department") }
        _ = try insert("INSERT INTO departments (name, region_id, parent_id, platform, terminals, import_id) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(name), .integer(regionID), parentID.map(Value.integer) ?? .null, .text(platform.rawValue), .integer(terminals), .integer(summary.id)])
        counted()
    }

    public func workflowStep(workflow: String, department: String?, position: Int64, name: String, role: OperatorRole, timeLimit: Int64?,
                             leaderReview: Bool, riskPoint: Bool, supervisionPoint: Bool) throws {
        let departmentID = try department.map { try reference("departments", "name", $0, field: "dept", noun: "department") }
        let key = workflow + "\u{1F}" + (department ?? "")
        var workflowID = known["workflows"]?[key]
        if workflowID == nil {
            workflowID = try lookup("SELECT id FROM workflows WHERE name = ? AND department_id IS ?", .text(workflow), departmentID.map(Value.integer) ?? .null)
            if workflowID != nil {
                throw ImportRejection("duplicate", "the workflow \(workflow)\(department.map { " of \($0)" } ?? " (template)") is already in the database; import new workflows only", field: "workflow")
            }
            workflowID = try insert("INSERT INTO workflows (name, department_id, is_template, import_id) VALUES (?, ?, ?, ?)",
                                    [.text(workflow), departmentID.map(Value.integer) ?? .null, .integer(department == nil ? 1 : 0), .integer(summary.id)])
            known["workflows", default: [:]][key] = workflowID
            counted()
        }
        if try lookup("SELECT id FROM workflow_steps WHERE workflow_id = ? AND position = ?", .integer(workflowID!), .integer(position)) != nil {
            throw ImportRejection("duplicate", "the workflow \(workflow) already has a step at position \(position); each position once", field: "position")
        }
        _ = try insert("""
            INSERT INTO workflow_steps (workflow_id, position, name, role, time_limit, leader_review, risk_point, supervision_point, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(workflowID!), .integer(position), .text(name), .text(role.rawValue), timeLimit.map(Value.integer) ?? .null,
                  .integer(leaderReview ? 1 : 0), .integer(riskPoint ? 1 : 0), .integer(supervisionPoint ? 1 : 0), .integer(summary.id)])
        counted()
    }

    public func item(code: String, name: String, category: ItemCategory, department: String, workflow: String?, status: ItemStatus,
                     effective: CivilDate?, abolished: CivilDate?, timeLimit: Int64? = nil) throws {
        try unique("items", "code", code, field: "code")
        let departmentID = try reference("departments", "name", department, field: "dept", noun: "department")
        var workflowID: Int64?
        if let workflow {
            guard let id = try lookup("SELECT id FROM workflows WHERE name = ? AND (department_id = ? OR department_id IS NULL) ORDER BY department_id IS NULL LIMIT 1",
                                      .text(workflow), .integer(departmentID)) else {
                throw ImportRejection("unknown", "no workflow \(workflow) of \(department) or among the templates; import workflows first", field: "workflow")
            }
            workflowID = id
        }
        _ = try insert("INSERT INTO items (code, name, category, department_id, workflow_id, status, effective, abolished, import_id, time_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [.text(code), .text(name), .text(category.rawValue), .integer(departmentID), workflowID.map(Value.integer) ?? .null,
                        .text(status.rawValue), effective.map { .text($0.description) } ?? .null, abolished.map { .text($0.description) } ?? .null, .integer(summary.id),
                        timeLimit.map(Value.integer) ?? .null])
        counted()
    }

    public func catalogEntry(code: String, name: String, category: String, department: String, published: CivilDate, abolished: CivilDate?) throws {
        try unique("catalog", "code", code, field: "code")
        let departmentID = try reference("departments", "name", department, field: "dept", noun: "department")
        _ = try insert("INSERT INTO catalog (code, name, category, department_id, published, abolished, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [.text(code), .text(name), .text(category), .integer(departmentID), .text(published.description),
                        abolished.map { .text($0.description) } ?? .null, .integer(summary.id)])
        counted()
    }

    // MARK: Cases and what happened in them

    public func caseRow(number: String, item: String, department: String?, opened: Instant, decided: Instant?, result: String?, created: Instant?) throws {
        let found = try row("SELECT id, department_id FROM items WHERE code = ?", [.text(item)])
        guard let found, case .integer(let itemID) = found[0], case .integer(let itemDepartment) = found[1] else {
            throw ImportRejection("unknown", "no item has the code \(item); import items first", field: "item")
        }
        let departmentID = try department.map { try reference("departments", "name", $0, field: "dept", noun: "department") } ?? itemDepartment
        if try lookup("SELECT id FROM cases WHERE number = ?", .text(number)) != nil {
            throw ImportRejection("duplicate-case", "the case number \(number) is already in the database or earlier in this file; case numbers are unique", field: "number")
        }
        _ = try insert("INSERT INTO cases (number, item_id, department_id, opened, decided, result, created, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [.text(number), .integer(itemID), .integer(departmentID), .integer(opened.millisecondsSinceEpoch),
                        decided.map { .integer($0.millisecondsSinceEpoch) } ?? .null, result.map(Value.text) ?? .null,
                        .integer((created ?? opened).millisecondsSinceEpoch), .integer(summary.id)])
        summary.cases += 1
        counted()
    }

    public func stepRow(case number: String, step: String?, operator name: String?, occurred: WrittenTime, recorded: Instant?, note: String?, lifecycle: String?) throws {
        let reference = try caseReference(number)
        let stepID = try step.map { try workflowStep(named: $0, in: reference, case: number) }
        let operatorID = try name.map { try person(named: $0, department: reference.department, role: .clerk) }
        caches.pendingSteps.append(PendingStep(caseID: reference.id, stepID: stepID, operatorID: operatorID, occurred: occurred.instant.millisecondsSinceEpoch,
                                               recorded: recorded?.millisecondsSinceEpoch, note: note, lifecycle: lifecycle, offset: occurred.utcOffset.map(Int64.init)))
        if occurred.utcOffset != 480 { otherOffsets = true }
        if caches.pendingSteps.count == ImportWriter.stepsPerInsert { try writePendingSteps() }
        summary.steps += 1
        counted()
    }

    /// A step row checked and resolved, waiting to be written with the next ones.
    struct PendingStep {
        let caseID: Int64
        let stepID: Int64?
        let operatorID: Int64?
        let occurred: Int64
        let recorded: Int64?
        let note: String?
        let lifecycle: String?
        let offset: Int64?
    }

    /// Step rows go in `stepsPerInsert` at a time, one `INSERT` of that many rows: SQLite's
    /// work per statement (step, reset) is paid once for them all. Every value was checked
    /// before it waits, so a batch fails only as a whole import would.
    static let stepsPerInsert = 64

    /// Writes the step rows waiting (a full batch with one statement, fewer one by one).
    func writePendingSteps() throws {
        let pending = caches.pendingSteps
        guard !pending.isEmpty else { return }
        caches.pendingSteps.removeAll(keepingCapacity: true)
        let full = pending.count == ImportWriter.stepsPerInsert
        let insert = try full ? insertSteps(rows: ImportWriter.stepsPerInsert) : insertSteps(rows: 1)
        for (index, step) in pending.enumerated() {
            let base = Int32(full ? index * 9 : 0)
            insert.bind(step.caseID, at: base + 1)
            if let stepID = step.stepID { insert.bind(stepID, at: base + 2) } else { insert.bindNull(at: base + 2) }
            if let operatorID = step.operatorID { insert.bind(operatorID, at: base + 3) } else { insert.bindNull(at: base + 3) }
            insert.bind(step.occurred, at: base + 4)
            if let recorded = step.recorded { insert.bind(recorded, at: base + 5) } else { insert.bindNull(at: base + 5) }
            insert.bind(step.note, at: base + 6)
            insert.bind(summary.id, at: base + 7)
            insert.bind(step.lifecycle, at: base + 8)
            if let offset = step.offset { insert.bind(offset, at: base + 9) } else { insert.bindNull(at: base + 9) }
            if !full { try insert.run() }
        }
        if full { try insert.run() }
    }

    public func alertRow(case number: String, step: String?, kind: AlertKind, level: AlertLevel, raised: Instant, handled: Instant?,
                         handledBy: String?, disposition: String?) throws {
        let reference = try caseReference(number)
        let stepID = try step.map { try workflowStep(named: $0, in: reference, case: number) }
        let handlerID = try handledBy.map { try person(named: $0, department: reference.department, role: .supervisor, field: "handled_by") }
        _ = try insert("""
            INSERT INTO alerts (case_id, workflow_step_id, kind, level, raised, handled, handled_by, disposition, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(reference.id), stepID.map(Value.integer) ?? .null, .text(kind.rawValue), .text(level.rawValue),
                  .integer(raised.millisecondsSinceEpoch), handled.map { .integer($0.millisecondsSinceEpoch) } ?? .null,
                  handlerID.map(Value.integer) ?? .null, disposition.map(Value.text) ?? .null, .integer(summary.id)])
        counted()
    }

    public func loginRow(operator name: String, department: String, at: Instant) throws {
        let departmentID = try reference("departments", "name", department, field: "dept", noun: "department")
        let operatorID = try person(named: name, department: departmentID, role: .supervisor)
        _ = try insert("INSERT INTO logins (operator_id, at, import_id) VALUES (?, ?, ?)",
                       [.integer(operatorID), .integer(at.millisecondsSinceEpoch), .integer(summary.id)])
        counted()
    }

    /// The statement that writes `rows` step rows (1, or a full batch), prepared once.
    private func insertSteps(rows: Int) throws -> Statement {
        if let statement = caches.insertSteps[rows] { return statement }
        let statement = try connection.prepare(
            "INSERT INTO steps (case_id, workflow_step_id, operator_id, occurred, recorded, note, import_id, lifecycle, utc_offset) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
        caches.insertSteps[rows] = statement
        return statement
    }

    // MARK: References

    private func counted() {
        summary.rows += 1
    }

    /// Refuses a second row with the same natural key.
    private func unique(_ table: String, _ column: String, _ value: String, field: String) throws {
        if try lookup("SELECT id FROM \(table) WHERE \(column) = ?", .text(value)) != nil {
            throw ImportRejection("duplicate", "\(table) already has the \(column) \(value) (in the database or earlier in this file); each once", field: field)
        }
    }

    /// The id of the row of `table` whose `column` is `value`.
    private func reference(_ table: String, _ column: String, _ value: String, field: String, noun: String) throws -> Int64 {
        if let id = known[table]?[value] { return id }
        guard let id = try lookup("SELECT id FROM \(table) WHERE \(column) = ?", .text(value)) else {
            let names = try distinct(table, column)
            throw ImportRejection("unknown", "no \(noun) is called \(value)" + Suggestion.phrase(for: value, among: names) + "; import it first or fix the name", field: field)
        }
        known[table, default: [:]][value] = id
        return id
    }

    private func distinct(_ table: String, _ column: String) throws -> [String] {
        let statement = try connection.prepare("SELECT DISTINCT \(column) FROM \(table) LIMIT 100000")
        var names: [String] = []
        while try statement.step() { if let name = statement.text(at: 0) { names.append(name) } }
        return names
    }

    private func caseReference(_ number: String) throws -> CaseReference {
        if let last = caches.lastCase, last.number == number { return last.reference }
        if let cached = caches.cases[number] {
            caches.lastCase = (number, cached)
            return cached
        }
        guard let found = try row("SELECT cases.id, cases.department_id, items.workflow_id FROM cases JOIN items ON items.id = cases.item_id WHERE cases.number = ?",
                                  [.text(number)]),
              case .integer(let id) = found[0], case .integer(let department) = found[1] else {
            throw ImportRejection("unknown", "no case has the number \(number); import cases first", field: "case")
        }
        let workflow: Int64? = if case .integer(let workflow) = found[2] { workflow } else { nil }
        let reference = CaseReference(id: id, department: department, workflow: workflow)
        // Steps of a case mostly come together: keep a few thousand cases only.
        if caches.cases.count > 4096 { caches.cases.removeAll(keepingCapacity: true) }
        caches.cases[number] = reference
        caches.lastCase = (number, reference)
        return reference
    }

    private func workflowStep(named name: String, in reference: CaseReference, case number: String) throws -> Int64 {
        guard let workflow = reference.workflow else {
            throw ImportRejection("unknown", "the item of case \(number) has no workflow, so it has no step \(name); leave step empty or import the workflow", field: "step")
        }
        let key = NamedIn(owner: workflow, name: name)
        if let id = caches.workflowSteps[key] { return id }
        guard let id = try lookup("SELECT id FROM workflow_steps WHERE workflow_id = ? AND name = ? ORDER BY position LIMIT 1", .integer(workflow), .text(name)) else {
            let names = try rows("SELECT name FROM workflow_steps WHERE workflow_id = ? ORDER BY position", [.integer(workflow)])
            throw ImportRejection("unknown", "the workflow of case \(number) has no step \(name)" + Suggestion.phrase(for: name, among: names)
                + "; its steps are " + names.joined(separator: ", "), field: "step")
        }
        caches.workflowSteps[key] = id
        return id
    }

    /// An operator of the department by name; a name not yet known there is a new operator.
    private func person(named name: String, department: Int64, role: OperatorRole, field: String = "operator") throws -> Int64 {
        let key = NamedIn(owner: department, name: name)
        if let id = caches.operators[key] { return id }
        var id = try lookup("SELECT id FROM operators WHERE department_id = ? AND name = ? ORDER BY id LIMIT 1", .integer(department), .text(name))
        if id == nil {
            id = try insert("INSERT INTO operators (name, department_id, role, import_id) VALUES (?, ?, ?, ?)",
                            [.text(name), .integer(department), .text(role.rawValue), .integer(summary.id)])
            summary.operators += 1
            counted()
        }
        guard let id else { return 0 }
        caches.operators[key] = id
        return id
    }

    private func rows(_ sql: String, _ values: [Value]) throws -> [String] {
        let statement = try statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        var texts: [String] = []
        while try statement.step() { if let text = statement.text(at: 0) { texts.append(text) } }
        return texts
    }
}
