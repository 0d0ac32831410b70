import DuchaCore

extension Store {
    /// Runs one import as one unit: `body` writes through the `ImportWriter` inside a
    /// single transaction, so the import lands whole or not at all (also when the process
    /// is killed halfway: SQLite's journal rolls the unfinished transaction back). A dry
    /// run does all the same work, checks included, then rolls back.
    ///
    /// The writer makes every reference itself, to rows it has just written or looked up
    /// in the same transaction, so SQLite's per-row foreign-key lookups are switched off
    /// for the import (tests run `PRAGMA foreign_key_check` after imports).
    public func importing(_ description: ImportDescription, dryRun: Bool, _ body: (ImportWriter) throws -> Void) throws -> ImportSummary {
        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let writer = try ImportWriter(store: self, description: description)
            try body(writer)
            if dryRun {
                try connection.execute("ROLLBACK")
            } else {
                try connection.execute("COMMIT")
            }
            return writer.summary
        } catch {
            if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    /// Removes every row an import brought, keeps its record (marked undone) and
    /// appends an audit entry. Refused when later rows depend on it.
    public func undoImport(_ id: Int64, at: Instant, actor: String, command: String) throws -> ImportSummary {
        try connection.transaction {
            let record = try connection.prepare("SELECT undone, cases, steps, rows FROM imports WHERE id = ?")
            try record.bind([.integer(id)])
            guard try record.step() else {
                throw ImportRejection("undo", "there is no import \(id); `imports` lists them")
            }
            guard record.value(at: 0) == .null else {
                throw ImportRejection("undo", "import \(id) was already undone")
            }
            var summary = ImportSummary(id: id)
            (summary.cases, summary.steps, summary.rows) = (Int(record.integer(at: 1)), Int(record.integer(at: 2)), Int(record.integer(at: 3)))
            record.reset()
            // Rows of other origins that point at this import's rows block the undo.
            let blockers: [(String, String)] = [
                ("alerts", "SELECT count(*) FROM alerts WHERE case_id IN (SELECT id FROM cases WHERE import_id = ?1) AND import_id IS NOT ?1"),
                ("steps", "SELECT count(*) FROM steps WHERE case_id IN (SELECT id FROM cases WHERE import_id = ?1) AND import_id IS NOT ?1"),
                ("findings", "SELECT count(*) FROM findings WHERE department_id IN (SELECT id FROM departments WHERE import_id = ?1)"),
                ("orders", "SELECT count(*) FROM orders WHERE department_id IN (SELECT id FROM departments WHERE import_id = ?1)"),
            ]
            for (table, sql) in blockers {
                let count = try connection.prepare(sql)
                try count.bind([.integer(id)])
                if try count.step(), count.integer(at: 0) > 0 {
                    throw ImportRejection("undo", "import \(id) cannot be undone: \(count.integer(at: 0)) \(table) rows from elsewhere refer to what it brought; remove or undo those first")
                }
            }
            try connection.execute("""
                DELETE FROM import_attributes WHERE import_id = \(id);
                DELETE FROM alerts WHERE import_id = \(id);
                DELETE FROM steps WHERE case_id IN (SELECT id FROM cases WHERE import_id = \(id));
                DELETE FROM steps WHERE import_id = \(id);
                DELETE FROM logins WHERE import_id = \(id);
                DELETE FROM cases WHERE import_id = \(id);
                DELETE FROM items WHERE import_id = \(id) AND id NOT IN (SELECT item_id FROM cases);
                DELETE FROM catalog WHERE import_id = \(id);
                DELETE FROM workflow_steps WHERE import_id = \(id)
                    AND id NOT IN (SELECT workflow_step_id FROM steps WHERE workflow_step_id IS NOT NULL)
                    AND id NOT IN (SELECT workflow_step_id FROM alerts WHERE workflow_step_id IS NOT NULL);
                DELETE FROM workflows WHERE import_id = \(id)
                    AND id NOT IN (SELECT workflow_id FROM workflow_steps)
                    AND id NOT IN (SELECT workflow_id FROM items WHERE workflow_id IS NOT NULL);
                DELETE FROM operators WHERE import_id = \(id)
                    AND id NOT IN (SELECT operator_id FROM steps WHERE operator_id IS NOT NULL)
                    AND id NOT IN (SELECT handled_by FROM alerts WHERE handled_by IS NOT NULL)
                    AND id NOT IN (SELECT operator_id FROM logins);
                DELETE FROM departments WHERE import_id = \(id)
                    AND id NOT IN (SELECT department_id FROM cases) AND id NOT IN (SELECT department_id FROM items)
                    AND id NOT IN (SELECT department_id FROM operators) AND id NOT IN (SELECT department_id FROM catalog)
                    AND id NOT IN (SELECT department_id FROM workflows WHERE department_id IS NOT NULL)
                    AND id NOT IN (SELECT parent_id FROM departments WHERE parent_id IS NOT NULL);
                DELETE FROM regions WHERE import_id = \(id) AND id NOT IN (SELECT region_id FROM departments);
                UPDATE imports SET undone = \(at.millisecondsSinceEpoch) WHERE id = \(id);
                """)
            try appendAudit(at: at, actor: actor, command: command, change: "{\"undo_import\":\(id),\"cases\":\(summary.cases),\"steps\":\(summary.steps),\"rows\":\(summary.rows)}")
            return summary
        }
    }
}
