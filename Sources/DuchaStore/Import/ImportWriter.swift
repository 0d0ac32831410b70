import DuchaCore

/// What an import is, recorded in `imports` and the audit log.
public struct ImportDescription: Sendable {
    /// `xes`, or `csv:KIND`.
    public var kind: String
    /// The file as named.
    public var source: String
    /// The log's own name, if it has one.
    public var name: String?
    /// When it runs.
    public var at: Instant
    /// Who runs it.
    public var actor: String
    /// The command as typed, for the audit log.
    public var command: String

    /// Describes an import.
    public init(kind: String, source: String, name: String?, at: Instant, actor: String, command: String) {
        self.kind = kind
        self.source = source
        self.name = name
        self.at = at
        self.actor = actor
        self.command = command
    }
}

/// Where the cases of an event log go: a department (found by name, or created in the
/// region), and the item and workflow the import creates for the log.
public struct CasePlacement: Sendable {
    /// The department's name.
    public var department: String
    /// The region a new department is created in (found by name, or created).
    public var region: String
    /// The item's and workflow's name.
    public var item: String
    /// The item's category (行政许可 ...).
    public var category: ItemCategory

    /// Describes a placement.
    public init(department: String, region: String, item: String, category: ItemCategory) {
        self.department = department
        self.region = region
        self.item = item
        self.category = category
    }
}

/// What an import brought.
public struct ImportSummary: Hashable, Sendable {
    /// The import id (also for a dry run, whose rows are gone again).
    public var id: Int64
    /// Cases, steps, attributes kept and rows written in all.
    public var cases = 0, steps = 0, attributes = 0, rows = 0
    /// Workflow steps (activities) and operators (resources) it created.
    public var activities = 0, operators = 0
    /// Whether the department was created by the import.
    public var createdDepartment = false
}

/// Writes one import inside one transaction (see `Store.importing`): the import record,
/// the department, item and workflow its cases belong to, activities as workflow steps
/// in first-seen order, resources as operators (case-sensitive), then each case with its
/// steps, every row tagged with the import id; attributes without a column of their own
/// go, as JSON, into the `extra` column of their case or step.
public final class ImportWriter {
    let store: Store
    let connection: Connection
    /// The summary so far.
    public internal(set) var summary: ImportSummary
    private var departmentID: Int64 = 0
    private var itemID: Int64 = 0
    private var workflowID: Int64 = 0
    private var activityIDs: [String: Int64] = [:]
    private var operatorIDs: [String: Int64] = [:]
    /// Ids found by natural key for CSV rows, by `table` then key.
    var known: [String: [String: Int64]] = [:]
    /// Whether a step was written with an offset other than Beijing's.
    var otherOffsets = false
    /// Cases, workflow steps and operators found for CSV rows.
    var caches = Caches()
    /// Statements prepared once per import, by their text.
    var prepared: [String: Statement] = [:]
    private var seenCases: [String: (line: Int, column: Int)] = [:]
    /// Indexes dropped for this import's bulk of rows, built again at its end.
    private var deferredIndexes: [(name: String, sql: String)] = []
    private let insertCase: Statement
    private let insertStep: Statement
    private let insertAttribute: Statement
    private let findCase: Statement

    init(store: Store, description: ImportDescription) throws {
        self.store = store
        self.connection = store.connection
        let record = try connection.prepare(
            "INSERT INTO imports (kind, source, hash, bytes, name, at, actor) VALUES (?, ?, '', 0, ?, ?, ?)")
        try record.bind([.text(description.kind), .text(description.source), description.name.map(Value.text) ?? .null,
                         .integer(description.at.millisecondsSinceEpoch), .text(description.actor)])
        try record.run()
        summary = ImportSummary(id: connection.lastInsertedRowID)
        insertCase = try connection.prepare(
            "INSERT INTO cases (number, item_id, department_id, opened, decided, result, created, import_id, extra) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?)")
        insertStep = try connection.prepare(
            "INSERT INTO steps (case_id, workflow_step_id, operator_id, occurred, recorded, note, import_id, lifecycle, utc_offset, extra) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)")
        insertAttribute = try connection.prepare(
            "INSERT INTO import_attributes (import_id, parent_id, scope, key, type, value) VALUES (?, ?, ?, ?, ?, ?)")
        findCase = try connection.prepare("SELECT import_id FROM cases WHERE number = ?")
    }

    /// Finds or creates the department, item and workflow the cases go to.
    public func place(_ placement: CasePlacement) throws {
        let id = summary.id
        if let department = try lookup("SELECT id FROM departments WHERE name = ?", .text(placement.department)) {
            departmentID = department
        } else {
            var region = try lookup("SELECT id FROM regions WHERE name = ?", .text(placement.region))
            if region == nil {
                region = try insert("INSERT INTO regions (name, code, level, import_id) VALUES (?, ?, 'city', ?)",
                                    [.text(placement.region), .text("IMPORT-\(id)"), .integer(id)])
                summary.rows += 1
            }
            departmentID = try insert("INSERT INTO departments (name, region_id, import_id) VALUES (?, ?, ?)",
                                      [.text(placement.department), .integer(region ?? 0), .integer(id)])
            summary.createdDepartment = true
            summary.rows += 1
        }
        workflowID = try insert("INSERT INTO workflows (name, department_id, import_id) VALUES (?, ?, ?)",
                                [.text(placement.item), .integer(departmentID), .integer(id)])
        itemID = try insert("INSERT INTO items (code, name, category, department_id, workflow_id, import_id) VALUES (?, ?, ?, ?, ?, ?)",
                            [.text("IMPORT-\(id)"), .text(placement.item), .text(placement.category.rawValue),
                             .integer(departmentID), .integer(workflowID), .integer(id)])
        // Operators of the department already known by name are the same people.
        let known = try connection.prepare("SELECT name, min(id) FROM operators WHERE department_id = ? GROUP BY name")
        try known.bind([.integer(departmentID)])
        while try known.step() {
            if let name = known.text(at: 0) { operatorIDs[name] = known.integer(at: 1) }
        }
        // The workflow and the item.
        summary.rows += 2
    }

    /// Keeps declarations and log-level attributes (not cases' own) with the import.
    public func writeLogAttributes(_ attributes: [(scope: String, attribute: AttributeRecord)]) throws {
        for (scope, attribute) in attributes {
            try writeAttribute(attribute, scope: scope, parentID: nil)
        }
    }

    /// Writes one case with its steps and attributes.
    public func write(_ record: CaseRecord, openedWhenEmpty: Instant) throws {
        if let first = seenCases[record.number] {
            throw ImportRejection("duplicate-case", "the case number \(record.number) appears twice in the file: at line \(first.line), column \(first.column), and here; case numbers must be unique",
                                  line: record.line, column: record.column)
        }
        seenCases[record.number] = (record.line, record.column)
        let opened = record.steps.map(\.occurred.instant).min() ?? openedWhenEmpty
        insertCase.bind(record.number, at: 1)
        insertCase.bind(itemID, at: 2)
        insertCase.bind(departmentID, at: 3)
        insertCase.bind(opened.millisecondsSinceEpoch, at: 4)
        insertCase.bind(opened.millisecondsSinceEpoch, at: 5)
        insertCase.bind(summary.id, at: 6)
        insertCase.bind(record.attributesJSON, at: 7)
        summary.attributes += record.attributes.count
        do {
            try insertCase.run()
        } catch StoreError.sqlite(let code, _, _) where code & 0xFF == 19 /* SQLITE_CONSTRAINT */ {
            throw try duplicateInDatabase(record)
        }
        let caseID = connection.lastInsertedRowID
        summary.cases += 1
        for step in record.steps {
            insertStep.bind(caseID, at: 1)
            insertStep.bind(try activity(step.activity), at: 2)
            if let resource = step.resource { insertStep.bind(try person(resource), at: 3) } else { insertStep.bindNull(at: 3) }
            insertStep.bind(step.occurred.instant.millisecondsSinceEpoch, at: 4)
            insertStep.bind(summary.id, at: 5)
            insertStep.bind(step.lifecycle, at: 6)
            if let offset = step.occurred.utcOffset { insertStep.bind(Int64(offset), at: 7) } else { insertStep.bindNull(at: 7) }
            if step.occurred.utcOffset != 480 { otherOffsets = true }
            insertStep.bind(step.attributesJSON, at: 8)
            try insertStep.run()
            summary.steps += 1
            summary.attributes += step.attributes.count
        }
        summary.rows += 1 + record.steps.count
    }

    /// Records the file's fingerprint, the counts and a note; appends the audit entry.
    public func finish(hash: String, bytes: Int, name: String?, note: String?, description: ImportDescription) throws {
        try writePendingSteps()
        if otherOffsets { try store.setSetting(Store.writtenOffsetsSetting, to: "vary") }
        let update = try connection.prepare("UPDATE imports SET hash = ?, bytes = ?, name = ?, cases = ?, steps = ?, rows = ?, note = ? WHERE id = ?")
        try update.bind([.text(hash), .integer(Int64(bytes)), name.map(Value.text) ?? .null, .integer(Int64(summary.cases)), .integer(Int64(summary.steps)),
                         .integer(Int64(summary.rows)), note.map(Value.text) ?? .null, .integer(summary.id)])
        try update.run()
        try store.appendAudit(at: description.at, actor: description.actor, command: description.command,
                              change: "{\"import\":\(summary.id),\"kind\":\(JSONText.quoted(description.kind)),\"source\":\(JSONText.quoted(description.source)),\"hash\":\"\(hash)\",\"cases\":\(summary.cases),\"steps\":\(summary.steps),\"rows\":\(summary.rows)}")
    }

    /// Readies `tables` for a bulk of about `expectedRows` new rows each: when that is
    /// at least half of what a table holds already, its non-unique indexes are dropped
    /// now and built again, from sorted keys, when the import ends (`buildDeferredIndexes`):
    /// several times faster than updating them row by row. Unique indexes stay, so
    /// duplicates are still refused as rows come. A failed or dry-run import rolls the
    /// drop back with everything else.
    public func deferIndexes(of tables: [String], expectedRows: Int) throws {
        for table in tables {
            let holds = try lookup("SELECT max(rowid) FROM \(table)") ?? 0
            guard holds <= 2 * Int64(expectedRows) else { continue }
            deferredIndexes += try store.dropIndexes(of: [table], keepingUnique: true)
        }
    }

    /// Builds the indexes `deferIndexes` dropped, and gathers the planner's statistics
    /// for them again (sampled, as after the demo's bulk load).
    func buildDeferredIndexes() throws {
        guard !deferredIndexes.isEmpty else { return }
        for definition in deferredIndexes { try connection.execute(definition.sql) }
        try connection.execute("PRAGMA analysis_limit = 1000")
        defer { try? connection.execute("PRAGMA analysis_limit = 0") }
        for definition in deferredIndexes { try connection.execute("ANALYZE \(SQLStatement.quoted(definition.name))") }
        deferredIndexes = []
    }

    // MARK: Rows

    private func activity(_ name: String) throws -> Int64 {
        if let id = activityIDs[name] { return id }
        let id = try insert("INSERT INTO workflow_steps (workflow_id, position, name, role, import_id) VALUES (?, ?, ?, 'clerk', ?)",
                            [.integer(workflowID), .integer(Int64(activityIDs.count + 1)), .text(name), .integer(summary.id)])
        activityIDs[name] = id
        summary.activities += 1
        summary.rows += 1
        return id
    }

    private func person(_ name: String) throws -> Int64 {
        if let id = operatorIDs[name] { return id }
        let id = try insert("INSERT INTO operators (name, department_id, role, import_id) VALUES (?, ?, 'clerk', ?)",
                            [.text(name), .integer(departmentID), .integer(summary.id)])
        operatorIDs[name] = id
        summary.operators += 1
        summary.rows += 1
        return id
    }

    private func writeAttribute(_ attribute: AttributeRecord, scope: String, parentID: Int64?) throws {
        insertAttribute.bind(summary.id, at: 1)
        if let parentID { insertAttribute.bind(parentID, at: 2) } else { insertAttribute.bindNull(at: 2) }
        insertAttribute.bind(scope, at: 3)
        insertAttribute.bind(attribute.key, at: 4)
        insertAttribute.bind(attribute.type, at: 5)
        insertAttribute.bind(attribute.value, at: 6)
        try insertAttribute.run()
        summary.rows += 1
        guard !attribute.children.isEmpty else { return }
        let id = connection.lastInsertedRowID
        for child in attribute.children {
            try writeAttribute(child, scope: scope, parentID: id)
        }
    }

    private func duplicateInDatabase(_ record: CaseRecord) throws -> ImportRejection {
        try findCase.bind([.text(record.number)])
        defer { findCase.reset() }
        guard try findCase.step() else {
            return ImportRejection("constraint", "the case \(record.number) could not be stored", line: record.line, column: record.column)
        }
        let origin = findCase.value(at: 0)
        let whence = origin == .null ? "entered here" : "brought by import \(findCase.integer(at: 0))"
        return ImportRejection("duplicate-case", "the case number \(record.number) is already in the database (\(whence)); undo that import first, or import into another database",
                               line: record.line, column: record.column)
    }

    /// The statement for `sql`, prepared once per import.
    func statement(_ sql: String) throws -> Statement {
        if let statement = prepared[sql] { return statement }
        let statement = try connection.prepare(sql)
        prepared[sql] = statement
        return statement
    }

    /// The first column of the first row `sql` gives for `values`, as an id.
    func lookup(_ sql: String, _ values: Value...) throws -> Int64? {
        try row(sql, values).map { $0.first.flatMap { if case .integer(let id) = $0 { id } else { nil } } } ?? nil
    }

    /// The first row `sql` gives for `values`.
    func row(_ sql: String, _ values: [Value]) throws -> [Value]? {
        let statement = try statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? statement.row() : nil
    }

    func insert(_ sql: String, _ values: [Value]) throws -> Int64 {
        let statement = try statement(sql)
        try statement.bind(values)
        try statement.run()
        return connection.lastInsertedRowID
    }
}
