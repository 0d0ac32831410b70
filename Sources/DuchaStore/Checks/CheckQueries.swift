import DuchaCore

/// The SQL of the built-in checks that are one query each (the step checks are one
/// pass, `Store.sweepSteps`; months without a case are counted in `Store.runCheck`). Every query returns one row per hit:
/// `subject` (the id of what was found), `department`, `region`, `evidence` (ids of the
/// rows involved, comma-separated) and `value` (the number that decided it). Numbered
/// parameters: ?1 and ?2 the period as instants [start, end), ?3 the start of today,
/// ?4 ... the check's parameters in the order the catalog declares them (working-day
/// parameters already turned into the instant they reach back to).
public enum CheckQueries {
    /// The region of the department in `column`.
    private static func region(_ column: String) -> String { "(SELECT region_id FROM departments WHERE id = \(column))" }

    /// The checks of runs of months without a case (`Store.sweepCaseMonths`).
    public static let monthChecks: Set<String> = ["months-without-case", "item-months-without-case"]

    /// The table of the rows a hit's evidence lists besides its subject, where that differs from the subject's.
    static let evidenceTable: [String: String] = [
        "single-category": "items", "late-recording": "steps", "bulk-recording": "steps", "one-person-case": "steps", "same-person-review": "steps",
        "single-operator-department": "operators", "incompatible-roles": "steps",
    ]

    static let sql: [String: String] = [
        "zero-cases": """
            SELECT d.id, d.id, d.region_id, '', 0 FROM departments d
            WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.department_id = d.id AND c.opened >= ?1 AND c.opened < ?2)
            """,
        "low-region": """
            WITH counts AS (
                SELECT r.id AS id, r.level AS level, count(c.id) AS n FROM regions r JOIN departments d ON d.region_id = r.id
                LEFT JOIN cases c ON c.department_id = d.id AND c.opened >= ?1 AND c.opened < ?2 GROUP BY r.id),
            peers AS (SELECT a.id AS id, a.n AS n, b.n AS other FROM counts a JOIN counts b ON b.id <> a.id AND b.level <> 'city' WHERE a.level <> 'city'),
            ranked AS (SELECT id, n, other, row_number() OVER (PARTITION BY id ORDER BY other) AS k, count(*) OVER (PARTITION BY id) AS total FROM peers),
            medians AS (SELECT id, n, avg(other) AS median FROM ranked WHERE k IN ((total + 1) / 2, (total + 2) / 2) GROUP BY id)
            SELECT id, NULL, id, '', n FROM medians WHERE n * 100 < ?4 * median
            """,
        "item-silent-after-alarm": """
            WITH alarmed AS (
                SELECT c.item_id AS item, max(a.raised) AS last, count(*) AS alarms FROM alerts a JOIN cases c ON c.id = a.case_id
                WHERE a.level = 'alarm' AND a.raised >= ?1 AND a.raised < ?2 GROUP BY c.item_id)
            SELECT i.id, i.department_id, \(region("i.department_id")), i.id, x.alarms FROM alarmed x JOIN items i ON i.id = x.item
            WHERE NOT EXISTS (SELECT 1 FROM cases c INDEXED BY cases_item WHERE c.item_id = x.item AND c.opened > x.last)
            """,
        "single-category": """
            WITH per AS (SELECT department_id AS department, item_id AS item, count(*) AS n FROM cases WHERE opened >= ?1 AND opened < ?2 GROUP BY 1, 2)
            SELECT per.department, per.department, \(region("per.department")), group_concat(per.item), sum(per.n)
            FROM per JOIN items i ON i.id = per.item GROUP BY per.department
            HAVING sum(per.n) >= ?4 AND count(DISTINCT i.category) = 1
               AND (SELECT count(DISTINCT category) FROM items x WHERE x.department_id = per.department AND x.status = 'active') >= ?5
            """,
        "item-missing-from-catalog": """
            SELECT i.id, i.department_id, \(region("i.department_id")), i.id, 0 FROM items i WHERE NOT EXISTS (SELECT 1 FROM catalog k WHERE k.code = i.code)
            """,
        "catalog-missing-from-platform": """
            SELECT k.id, k.department_id, \(region("k.department_id")), k.id, 0 FROM catalog k WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.code = k.code)
            """,
        "abolished-item-running": """
            SELECT i.id, i.department_id, \(region("i.department_id")), i.id, 0 FROM items i JOIN catalog k ON k.code = i.code
            WHERE k.abolished IS NOT NULL AND i.status = 'active'
            """,
        "case-after-abolition": """
            WITH abolished AS (
                SELECT i.id AS item, CAST((julianday(coalesce(i.abolished, k.abolished)) - 2440587.5) * 86400000 AS INTEGER) - 28800000 AS since
                FROM items i LEFT JOIN catalog k ON k.code = i.code WHERE coalesce(i.abolished, k.abolished) IS NOT NULL)
            SELECT c.id, c.department_id, \(region("c.department_id")), c.id, (c.opened - a.since) / 86400000
            FROM abolished a JOIN cases c INDEXED BY cases_item ON c.item_id = a.item WHERE c.opened >= a.since
            """,
        "no-platform": "SELECT id, id, region_id, '', 0 FROM departments WHERE platform = 'none'",
        "few-terminals": "SELECT id, id, region_id, '', terminals FROM departments WHERE platform = 'online' AND terminals <= ?4",
        "workflow-without-leader-review": """
            SELECT w.id, w.department_id, \(region("w.department_id")), w.id, 0 FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id
            WHERE w.is_template = 0 GROUP BY w.id HAVING max(s.leader_review) = 0
            """,
        "workflow-without-risk-point": """
            SELECT w.id, w.department_id, \(region("w.department_id")), w.id, 0 FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id
            WHERE w.is_template = 0 GROUP BY w.id HAVING max(s.risk_point) = 0
            """,
        "workflow-without-supervision-point": """
            SELECT w.id, w.department_id, \(region("w.department_id")), w.id, 0 FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id
            WHERE w.is_template = 0 GROUP BY w.id HAVING max(s.supervision_point) = 0
            """,
        "template-copy-too-many-steps": """
            WITH sizes AS (
                SELECT w.id AS id, w.department_id AS department_id, w.template_id AS template, count(s.id) AS steps,
                       (SELECT min(category) FROM items i WHERE i.workflow_id = w.id) AS category
                FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id WHERE w.is_template = 0 GROUP BY w.id),
            ranked AS (
                SELECT category, steps, row_number() OVER (PARTITION BY category ORDER BY steps) AS k, count(*) OVER (PARTITION BY category) AS total
                FROM sizes WHERE category IS NOT NULL),
            medians AS (SELECT category, avg(steps) AS median FROM ranked WHERE k IN ((total + 1) / 2, (total + 2) / 2) GROUP BY category)
            SELECT s.id, s.department_id, \(region("s.department_id")), s.id, s.steps
            FROM sizes s JOIN medians m ON m.category = s.category WHERE s.template IS NOT NULL AND s.steps * 100 >= ?4 * m.median
            """,
        "workflow-alarm-load": """
            WITH per AS (
                SELECT i.workflow_id AS workflow, i.category AS category,
                       (SELECT count(*) FROM alerts a WHERE a.case_id = c.id AND a.level = 'alarm') AS alarms
                FROM cases c JOIN items i ON i.id = c.item_id WHERE c.opened >= ?1 AND c.opened < ?2 AND i.workflow_id IS NOT NULL),
            load AS (SELECT workflow, min(category) AS category, count(*) AS cases, sum(alarms) AS alarms FROM per GROUP BY workflow HAVING count(*) >= ?5),
            ranked AS (
                SELECT category, alarms * 1.0 / cases AS rate, row_number() OVER (PARTITION BY category ORDER BY alarms * 1.0 / cases) AS k,
                       count(*) OVER (PARTITION BY category) AS total FROM load),
            medians AS (SELECT category, avg(rate) AS median FROM ranked WHERE k IN ((total + 1) / 2, (total + 2) / 2) GROUP BY category)
            SELECT w.id, w.department_id, \(region("w.department_id")), w.id, l.alarms * 100 / l.cases
            FROM load l JOIN workflows w ON w.id = l.workflow JOIN medians m ON m.category = l.category
            WHERE w.is_template = 0 AND l.alarms > 0 AND l.alarms * 100.0 / l.cases >= ?4 * m.median
            """,
        "unhandled-alarm": """
            SELECT a.id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), a.id, (?3 - a.raised) / 86400000
            FROM alerts a JOIN cases c ON c.id = a.case_id WHERE a.level = 'alarm' AND a.handled IS NULL AND a.raised < ?4
            """,
        "supervisor-never-logged-in": """
            SELECT o.id, o.department_id, \(region("o.department_id")), o.id, 0 FROM operators o
            WHERE o.role = 'supervisor' AND NOT EXISTS (SELECT 1 FROM logins l WHERE l.operator_id = o.id)
            """,
        "supervisor-inactive": """
            SELECT o.id, o.department_id, (SELECT region_id FROM departments WHERE id = o.department_id), o.id, (?3 - max(l.at)) / 86400000
            FROM operators o JOIN logins l ON l.operator_id = o.id WHERE o.role = 'supervisor' GROUP BY o.id HAVING max(l.at) < ?4
            """,
        "created-after-decision": """
            SELECT c.id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), c.id, (c.created - c.decided) / 86400000
            FROM cases c WHERE c.created > c.decided
            """,
        "case-overtime": """
            SELECT c.id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), c.id,
                   workdays(c.opened, coalesce(c.decided, ?3)) - i.time_limit
            FROM cases c JOIN items i ON i.id = c.item_id
            WHERE i.time_limit IS NOT NULL AND workdays(c.opened, coalesce(c.decided, ?3)) - i.time_limit >= ?4
            """,
        "no-leader": """
            SELECT d.id, d.id, d.region_id, '', 0 FROM departments d WHERE d.platform = 'online'
              AND EXISTS (SELECT 1 FROM operators o WHERE o.department_id = d.id)
              AND NOT EXISTS (SELECT 1 FROM operators o WHERE o.department_id = d.id AND o.role = 'leader')
            """,
    ]
}
