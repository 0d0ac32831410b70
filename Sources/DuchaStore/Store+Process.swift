import DuchaCore

/// Which cases a process view covers.
public enum CaseScope: Sendable, Equatable {
    case all
    case department(Int64)
    case item(Int64)
}

extension Store {
    /// Counts variants and handovers over the cases in `scope`, reading every step once
    /// in case order and, within a case, in the order the steps happened (equal times in
    /// the order they were stored), as the steps' index gives them.
    public func processCounts(_ scope: CaseScope) throws -> ProcessCounts {
        let filter: String
        var parameters: [Value] = []
        switch scope {
        case .all: filter = ""
        case .department(let id):
            filter = " WHERE s.case_id IN (SELECT id FROM cases WHERE department_id = ?)"
            parameters = [.integer(id)]
        case .item(let id):
            filter = " WHERE s.case_id IN (SELECT id FROM cases WHERE item_id = ?)"
            parameters = [.integer(id)]
        }
        let statement = try connection.prepare(
            "SELECT s.case_id, s.workflow_step_id, s.operator_id FROM steps s INDEXED BY steps_case" + filter + " ORDER BY s.case_id, s.occurred, s.id")
        try statement.bind(parameters)
        var counts = ProcessCounts()
        var current: Int64 = -1
        var activities: [Int64?] = []
        var operators: [Int64?] = []
        while try statement.step() {
            let caseID = statement.integer(at: 0)
            if caseID != current {
                if current >= 0 { counts.add(activities: activities, operators: operators) }
                current = caseID
                activities.removeAll(keepingCapacity: true)
                operators.removeAll(keepingCapacity: true)
            }
            activities.append(statement.value(at: 1) == .null ? nil : statement.integer(at: 1))
            operators.append(statement.value(at: 2) == .null ? nil : statement.integer(at: 2))
        }
        if current >= 0 { counts.add(activities: activities, operators: operators) }
        return counts
    }

    /// Names by id of every row of `table` (`workflow_steps`, `operators`).
    public func names(of table: String) throws -> [Int64: String] {
        guard table == "workflow_steps" || table == "operators" || table == "departments" else { return [:] }
        let statement = try connection.prepare("SELECT id, name FROM \(table)")
        var names: [Int64: String] = [:]
        while try statement.step() { names[statement.integer(at: 0)] = statement.text(at: 1) ?? "" }
        return names
    }

    /// The id of the department called `name`, or of the item with this code or name.
    public func scopeID(of name: String) throws -> CaseScope? {
        for (sql, make) in [("SELECT id FROM departments WHERE name = ?", CaseScope.department),
                            ("SELECT id FROM items WHERE code = ?", CaseScope.item),
                            ("SELECT min(id) FROM items WHERE name = ? HAVING count(*) = 1", CaseScope.item)] {
            let statement = try connection.prepare(sql)
            try statement.bind([.text(name)])
            if try statement.step(), statement.value(at: 0) != .null { return make(statement.integer(at: 0)) }
        }
        return nil
    }
}
