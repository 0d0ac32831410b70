import DuchaCore

extension Store {
    /// The setting an import sets when it keeps times with an offset other than Beijing's.
    public static let writtenOffsetsSetting = "written_offsets"

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
                // The rollback brings any dropped indexes back as they were.
                try connection.execute("ROLLBACK")
            } else {
                try writer.buildDeferredIndexes()
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
            // Rows of other origins (entered here, or brought by another import) that point
            // at rows this import brought block the undo: it removes all of them or nothing.
            let mine = { (table: String) in "SELECT id FROM \(table) WHERE import_id = ?1" }
            let blockers: [(String, String)] = [
                ("cases", "SELECT count(*) FROM cases WHERE import_id IS NOT ?1 AND (department_id IN (\(mine("departments"))) OR item_id IN (\(mine("items"))))"),
                ("steps", """
                    SELECT count(*) FROM steps WHERE import_id IS NOT ?1 AND (case_id IN (\(mine("cases"))) OR operator_id IN (\(mine("operators")))
                        OR workflow_step_id IN (\(mine("workflow_steps"))))
                    """),
                ("alerts", """
                    SELECT count(*) FROM alerts WHERE import_id IS NOT ?1 AND (case_id IN (\(mine("cases"))) OR handled_by IN (\(mine("operators")))
                        OR workflow_step_id IN (\(mine("workflow_steps"))))
                    """),
                ("logins", "SELECT count(*) FROM logins WHERE import_id IS NOT ?1 AND operator_id IN (\(mine("operators")))"),
                ("items", "SELECT count(*) FROM items WHERE import_id IS NOT ?1 AND (department_id IN (\(mine("departments"))) OR workflow_id IN (\(mine("workflows"))))"),
                ("catalog", "SELECT count(*) FROM catalog WHERE import_id IS NOT ?1 AND department_id IN (\(mine("departments")))"),
                ("operators", "SELECT count(*) FROM operators WHERE import_id IS NOT ?1 AND department_id IN (\(mine("departments")))"),
                ("workflows", "SELECT count(*) FROM workflows WHERE import_id IS NOT ?1 AND (department_id IN (\(mine("departments"))) OR template_id IN (\(mine("workflows"))))"),
                ("workflow steps", "SELECT count(*) FROM workflow_steps WHERE import_id IS NOT ?1 AND workflow_id IN (\(mine("workflows")))"),
                ("departments", "SELECT count(*) FROM departments WHERE import_id IS NOT ?1 AND (region_id IN (\(mine("regions"))) OR parent_id IN (\(mine("departments"))))"),
                ("orders", "SELECT count(*) FROM orders WHERE department_id IN (\(mine("departments"))) OR region_id IN (\(mine("regions")))"),
            ]
            for (what, sql) in blockers {
                let count = try connection.prepare(sql)
                try count.bind([.integer(id)])
                if try count.step(), count.integer(at: 0) > 0 {
                    throw ImportRejection("undo", "import \(id) cannot be undone: \(count.integer(at: 0)) \(what) from elsewhere (entered here or by a later import) "
                        + "refer to what it brought; undo that import first, or remove them")
                }
            }
            // Findings are derived: those about departments and regions the import brought go with them.
            var removed = 0
            for sql in [
                "DELETE FROM findings WHERE department_id IN (\(mine("departments"))) OR region_id IN (\(mine("regions")))",
                "DELETE FROM import_attributes WHERE import_id = ?1",
                "DELETE FROM alerts WHERE import_id = ?1",
                "DELETE FROM steps WHERE import_id = ?1 OR case_id IN (\(mine("cases")))",
                "DELETE FROM logins WHERE import_id = ?1",
                "DELETE FROM cases WHERE import_id = ?1",
                "DELETE FROM items WHERE import_id = ?1",
                "DELETE FROM catalog WHERE import_id = ?1",
                "DELETE FROM workflow_steps WHERE import_id = ?1",
                "DELETE FROM workflows WHERE import_id = ?1",
                "DELETE FROM operators WHERE import_id = ?1",
                "DELETE FROM departments WHERE import_id = ?1",
                "DELETE FROM regions WHERE import_id = ?1",
            ] {
                let statement = try connection.prepare(sql)
                try statement.bind([.integer(id)])
                try statement.run()
                if !sql.hasPrefix("DELETE FROM findings") { removed += connection.changes }
            }
            let mark = try connection.prepare("UPDATE imports SET undone = ? WHERE id = ?")
            try mark.bind([.integer(at.millisecondsSinceEpoch), .integer(id)])
            try mark.run()
            summary.rows = removed
            try appendAudit(at: at, actor: actor, command: command, change: "{\"undo_import\":\(id),\"cases\":\(summary.cases),\"steps\":\(summary.steps),\"rows\":\(summary.rows)}")
            return summary
        }
    }
}
