import DuchaCore

/// Reads cases back as the records an import carries, for `export xes`: each case with
/// its steps in time order (equal times in the order they were stored), the step's
/// workflow step name as its activity, the operator's name as its resource, the time
/// with the offset it was written with, and the kept attributes.
public final class CaseRecordReader {
    private let caseStatement: Statement
    private let stepStatement: Statement

    init(connection: Connection) throws {
        caseStatement = try connection.prepare("SELECT number, extra, import_id FROM cases WHERE id = ?")
        stepStatement = try connection.prepare("""
            SELECT coalesce(workflow_steps.name, ''), operators.name, steps.occurred, steps.utc_offset, steps.lifecycle, steps.extra, steps.id
            FROM steps LEFT JOIN workflow_steps ON workflow_steps.id = steps.workflow_step_id
            LEFT JOIN operators ON operators.id = steps.operator_id
            WHERE steps.case_id = ? ORDER BY steps.occurred, steps.id
            """)
    }

    /// The case with this id and the import that brought it, or nil when there is none.
    public func record(caseID: Int64) throws -> (record: CaseRecord, importID: Int64?)? {
        try caseStatement.bind([.integer(caseID)])
        defer { caseStatement.reset() }
        guard try caseStatement.step() else { return nil }
        let number = caseStatement.text(at: 0) ?? ""
        let attributes = try CaseRecordReader.attributes(caseStatement.text(at: 1), owner: "case \(number)")
        let importID = caseStatement.value(at: 2) == .null ? nil : caseStatement.integer(at: 2)
        try stepStatement.bind([.integer(caseID)])
        defer { stepStatement.reset() }
        var steps: [StepRecord] = []
        while try stepStatement.step() {
            let offset = stepStatement.value(at: 3) == .null ? nil : Int(stepStatement.integer(at: 3))
            steps.append(StepRecord(
                activity: stepStatement.text(at: 0) ?? "", resource: stepStatement.text(at: 1),
                occurred: WrittenTime(instant: Instant(millisecondsSinceEpoch: stepStatement.integer(at: 2)), utcOffset: offset),
                lifecycle: stepStatement.text(at: 4),
                attributes: try CaseRecordReader.attributes(stepStatement.text(at: 5), owner: "step \(stepStatement.integer(at: 6))"),
                line: 0))
        }
        return (CaseRecord(number: number, attributes: attributes, steps: steps, line: 0, column: 0), importID)
    }

    private static func attributes(_ text: String?, owner: String) throws -> [AttributeRecord] {
        guard let text else { return [] }
        guard let attributes = JSONText.parseAttributes(text) else {
            throw StoreError.sqlite(code: 1, message: "the kept attributes of \(owner) are not the JSON ducha writes; the database was changed by hand", sql: nil)
        }
        return attributes
    }
}

extension Store {
    /// A reader of stored cases as import records.
    public func caseRecordReader() throws -> CaseRecordReader {
        try CaseRecordReader(connection: connection)
    }

    /// The import every case listed by `statement` (a query over cases with an `id`
    /// column) came from, or nil when they came from several, or were entered here.
    public func singleImport(ofCasesListedBy statement: SQLStatement) throws -> Int64? {
        let sql = "SELECT count(DISTINCT coalesce(import_id, 0)), min(import_id), count(*) FROM cases WHERE id IN (SELECT \"id\" FROM (\(statement.text)))"
        let check = try connection.prepare(sql)
        try check.bind(statement.parameters)
        guard try check.step(), check.integer(at: 0) == 1, check.value(at: 1) != .null else { return nil }
        return check.integer(at: 1)
    }

    /// The kind of an import (`xes`, `csv:steps` ...).
    public func importKind(_ id: Int64) throws -> String? {
        let statement = try connection.prepare("SELECT kind FROM imports WHERE id = ?")
        try statement.bind([.integer(id)])
        return try statement.step() ? statement.text(at: 0) : nil
    }

    /// What an imported log said about itself (`import_attributes`), nested again, in
    /// the order it was written.
    public func importHeader(_ importID: Int64) throws -> [(scope: String, attribute: AttributeRecord)] {
        let statement = try connection.prepare(
            "SELECT id, parent_id, scope, key, type, value FROM import_attributes WHERE import_id = ? ORDER BY id")
        try statement.bind([.integer(importID)])
        var rows: [(id: Int64, parent: Int64?, scope: String, key: String, type: String, value: String)] = []
        while try statement.step() {
            rows.append((statement.integer(at: 0), statement.value(at: 1) == .null ? nil : statement.integer(at: 1),
                         statement.text(at: 2) ?? "", statement.text(at: 3) ?? "", statement.text(at: 4) ?? "", statement.text(at: 5) ?? ""))
        }
        var children: [Int64: [Int64]] = [:]
        for row in rows { if let parent = row.parent { children[parent, default: []].append(row.id) } }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        func build(_ id: Int64) -> AttributeRecord {
            let row = byID[id]!
            return AttributeRecord(key: row.key, type: row.type, value: row.value, children: (children[id] ?? []).map(build))
        }
        return rows.filter { $0.parent == nil }.map { ($0.scope, build($0.id)) }
    }
}
