import DuchaCore

/// The SQL of each built-in check. Every query returns one row per hit:
/// `subject` (the id of what was found), `department`, `region`, `evidence` (ids of the
/// rows involved, comma-separated) and `value` (the number that decided it). Numbered
/// parameters: ?1 and ?2 the period as instants [start, end), ?3 the start of today,
/// ?4 ... the check's parameters in the order the catalog declares them (working-day
/// parameters already turned into the instant they reach back to).
enum CheckQueries {
    /// The region of the department in `column`.
    private static func region(_ column: String) -> String { "(SELECT region_id FROM departments WHERE id = \(column))" }

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
        "single-category": """
            SELECT c.department_id, c.department_id, \(region("c.department_id")), group_concat(c.id), count(*) FROM cases c JOIN items i ON i.id = c.item_id
            WHERE c.opened >= ?1 AND c.opened < ?2 GROUP BY c.department_id
            HAVING count(*) >= ?4 AND count(DISTINCT i.category) = 1
               AND (SELECT count(DISTINCT category) FROM items x WHERE x.department_id = c.department_id AND x.status = 'active') >= ?5
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
            SELECT c.id, c.department_id, \(region("c.department_id")), c.id, 0 FROM cases c JOIN items i ON i.id = c.item_id LEFT JOIN catalog k ON k.code = i.code
            WHERE date(c.opened / 1000, 'unixepoch', '+8 hours') >= coalesce(i.abolished, k.abolished)
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
                SELECT a.id AS id, b.steps AS other, row_number() OVER (PARTITION BY a.id ORDER BY b.steps) AS k, count(*) OVER (PARTITION BY a.id) AS total
                FROM sizes a JOIN sizes b ON b.category = a.category WHERE a.template IS NOT NULL),
            medians AS (SELECT id, avg(other) AS median FROM ranked WHERE k IN ((total + 1) / 2, (total + 2) / 2) GROUP BY id)
            SELECT s.id, s.department_id, (SELECT region_id FROM departments WHERE id = s.department_id), s.id, s.steps
            FROM sizes s JOIN medians m ON m.id = s.id WHERE s.steps * 100 >= ?4 * m.median
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
        "late-recording": """
            SELECT s.id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), s.id, (s.recorded - s.occurred) / 3600000
            FROM steps s JOIN cases c ON c.id = s.case_id WHERE s.recorded - s.occurred >= ?4 * 3600000
            """,
        "bulk-recording": """
            SELECT s.case_id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), group_concat(s.id),
                   (max(s.occurred) - min(s.occurred)) / 3600000
            FROM steps s JOIN cases c ON c.id = s.case_id GROUP BY s.case_id
            HAVING count(*) >= 2 AND count(s.recorded) = count(*) AND max(s.occurred) - min(s.occurred) >= ?4 * 3600000
               AND max(s.recorded) - min(s.recorded) <= ?5 * 60000
            """,
        "created-after-decision": """
            SELECT c.id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), c.id, (c.created - c.decided) / 86400000
            FROM cases c WHERE c.created > c.decided
            """,
        "one-person-case": """
            SELECT s.case_id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), group_concat(s.id), count(*)
            FROM steps s JOIN cases c ON c.id = s.case_id LEFT JOIN workflow_steps ws ON ws.id = s.workflow_step_id GROUP BY s.case_id
            HAVING count(*) >= ?4 AND count(DISTINCT s.operator_id) = 1 AND (?5 = 0 OR max(coalesce(ws.leader_review, 0)) = 1)
            """,
        "same-person-review": """
            WITH first AS (
                SELECT s.case_id AS case_id, s.operator_id AS operator_id FROM steps s
                WHERE s.id = (SELECT t.id FROM steps t WHERE t.case_id = s.case_id ORDER BY t.occurred, t.id LIMIT 1))
            SELECT f.case_id, c.department_id, (SELECT region_id FROM departments WHERE id = c.department_id), f.case_id, 0
            FROM first f JOIN cases c ON c.id = f.case_id
            WHERE EXISTS (SELECT 1 FROM steps s JOIN workflow_steps ws ON ws.id = s.workflow_step_id
                          WHERE s.case_id = f.case_id AND s.operator_id = f.operator_id AND ws.role IN ('reviewer', 'leader'))
              AND EXISTS (SELECT 1 FROM steps s WHERE s.case_id = f.case_id AND s.operator_id <> f.operator_id)
            """,
        "single-operator-department": """
            SELECT c.department_id, c.department_id, \(region("c.department_id")), min(s.operator_id), count(*)
            FROM steps s JOIN cases c ON c.id = s.case_id WHERE c.opened >= ?1 AND c.opened < ?2
            GROUP BY c.department_id HAVING count(DISTINCT s.operator_id) = 1
            """,
        "no-leader": """
            SELECT d.id, d.id, d.region_id, '', 0 FROM departments d WHERE d.platform = 'online'
              AND EXISTS (SELECT 1 FROM operators o WHERE o.department_id = d.id)
              AND NOT EXISTS (SELECT 1 FROM operators o WHERE o.department_id = d.id AND o.role = 'leader')
            """,
        "step-overtime": """
            WITH ordered AS (
                SELECT s.id AS id, s.case_id AS case_id, s.workflow_step_id AS step, s.occurred AS occurred,
                       coalesce(lag(s.occurred) OVER (PARTITION BY s.case_id ORDER BY s.occurred, s.id), c.opened) AS previous,
                       c.department_id AS department_id
                FROM steps s JOIN cases c ON c.id = s.case_id),
            days AS (
                SELECT o.id AS id, o.department_id AS department_id, ws.time_limit AS time_limit,
                       (o.occurred + 28800000) / 86400000 AS last, (o.previous + 28800000) / 86400000 AS first
                FROM ordered o JOIN workflow_steps ws ON ws.id = o.step WHERE ws.time_limit IS NOT NULL)
            SELECT id, department_id, (SELECT region_id FROM departments WHERE id = department_id), id,
                   \(weekdaysBefore("last + 1")) - \(weekdaysBefore("first + 1")) - time_limit
            FROM days WHERE last > first AND \(weekdaysBefore("last + 1")) - \(weekdaysBefore("first + 1")) - time_limit >= ?4
            """,
    ]

    /// Monday-to-Friday days among day numbers 0 ..< n (day 0, 1970-01-01, was a Thursday).
    static func weekdaysBefore(_ n: String) -> String {
        "(5 * ((\(n)) / 7) + CASE (\(n)) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)"
    }
}
