import DuchaCore
import DuchaDemo
import DuchaStore
import Testing

/// Each label kind in both directions: every labelled row has the property, and no
/// unlabelled row has it (so checks written to the definitions in docs/DEMO.md score
/// precision and recall of 1). Where the generator keeps a margin, the margin too.
@Suite struct LabelTests {
    let database: DemoDatabase
    init() throws { database = try SharedDemo.open() }

    static let cutoff = DemoDatabase.cutoff
    static let day = DemoDatabase.day

    /// Anomalies whose defining property is one SQL query returning the ids that have it.
    static let definitions: [(Anomaly, String)] = [
        (.zeroCases, """
            SELECT d.id FROM departments d WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.department_id = d.id
              AND c.opened >= \(DemoDatabase.january) AND c.opened < \(DemoDatabase.may))
            """),
        (.singleCategory, """
            SELECT c.department_id FROM cases c JOIN items i ON i.id = c.item_id WHERE c.opened >= \(DemoDatabase.january)
            GROUP BY c.department_id HAVING count(*) >= 5 AND count(DISTINCT i.category) = 1
              AND (SELECT count(DISTINCT category) FROM items x WHERE x.department_id = c.department_id AND x.status = 'active') >= 3
            """),
        (.itemMissingFromCatalog, "SELECT i.id FROM items i WHERE NOT EXISTS (SELECT 1 FROM catalog k WHERE k.code = i.code)"),
        (.catalogMissingFromPlatform, "SELECT k.id FROM catalog k WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.code = k.code)"),
        (.abolishedItemRunning, """
            SELECT i.id FROM items i JOIN catalog k ON k.code = i.code WHERE k.abolished IS NOT NULL AND i.status = 'active'
            """),
        (.caseAfterAbolition, """
            SELECT c.id FROM cases c JOIN items i ON i.id = c.item_id LEFT JOIN catalog k ON k.code = i.code
            WHERE date(c.opened / 1000, 'unixepoch', '+8 hours') >= coalesce(i.abolished, k.abolished)
            """),
        (.noPlatform, "SELECT id FROM departments WHERE platform = 'none'"),
        (.fewTerminals, "SELECT id FROM departments WHERE platform = 'online' AND terminals <= 2"),
        (.workflowWithoutLeaderReview, """
            SELECT w.id FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id WHERE w.is_template = 0
            GROUP BY w.id HAVING max(s.leader_review) = 0
            """),
        (.workflowWithoutRiskPoint, """
            SELECT w.id FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id WHERE w.is_template = 0
            GROUP BY w.id HAVING max(s.risk_point) = 0
            """),
        (.workflowWithoutSupervisionPoint, """
            SELECT w.id FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id WHERE w.is_template = 0
            GROUP BY w.id HAVING max(s.supervision_point) = 0
            """),
        (.unhandledAlarm, """
            SELECT id FROM alerts WHERE level = 'alarm' AND handled IS NULL AND raised <= \(cutoff - 7 * day)
            """),
        (.supervisorNeverLoggedIn, """
            SELECT o.id FROM operators o WHERE o.role = 'supervisor' AND NOT EXISTS (SELECT 1 FROM logins l WHERE l.operator_id = o.id)
            """),
        (.supervisorInactive, """
            SELECT o.id FROM operators o JOIN logins l ON l.operator_id = o.id WHERE o.role = 'supervisor'
            GROUP BY o.id HAVING max(l.at) <= \(cutoff - 30 * day)
            """),
        (.lateRecording, "SELECT id FROM steps WHERE recorded - occurred >= \(3 * day)"),
        (.bulkRecording, """
            SELECT case_id FROM steps GROUP BY case_id
            HAVING count(*) >= 2 AND max(occurred) - min(occurred) >= \(2 * day) AND max(recorded) - min(recorded) <= \(30 * 60_000)
            """),
        (.createdAfterDecision, "SELECT id FROM cases WHERE created > decided"),
        (.onePersonCase, """
            SELECT s.case_id FROM steps s JOIN workflow_steps ws ON ws.id = s.workflow_step_id GROUP BY s.case_id
            HAVING count(*) >= 3 AND count(DISTINCT s.operator_id) = 1 AND max(ws.leader_review) = 1
            """),
        (.samePersonReview, """
            WITH first AS (SELECT s.case_id, s.operator_id FROM steps s
                           WHERE s.occurred = (SELECT min(occurred) FROM steps t WHERE t.case_id = s.case_id))
            SELECT f.case_id FROM first f
            WHERE EXISTS (SELECT 1 FROM steps s JOIN workflow_steps ws ON ws.id = s.workflow_step_id
                          WHERE s.case_id = f.case_id AND s.operator_id = f.operator_id AND ws.role IN ('reviewer', 'leader'))
              AND EXISTS (SELECT 1 FROM steps s WHERE s.case_id = f.case_id AND s.operator_id <> f.operator_id)
            """),
        (.singleOperatorDepartment, """
            SELECT c.department_id FROM steps s JOIN cases c ON c.id = s.case_id WHERE c.opened >= \(DemoDatabase.january)
            GROUP BY c.department_id HAVING count(DISTINCT s.operator_id) = 1
            """),
        (.noLeader, """
            SELECT d.id FROM departments d WHERE d.platform = 'online'
              AND EXISTS (SELECT 1 FROM operators o WHERE o.department_id = d.id)
              AND NOT EXISTS (SELECT 1 FROM operators o WHERE o.department_id = d.id AND o.role = 'leader')
            """),
    ]

    @Test(arguments: definitions.map(\.0))
    func labelsMatchTheDefinition(anomaly: Anomaly) throws {
        let sql = LabelTests.definitions.first { $0.0 == anomaly }!.1
        let having = Set(try database.integers(sql))
        let labelled = try database.labelled(anomaly)
        #expect(!labelled.isEmpty)
        #expect(labelled.subtracting(having).isEmpty, "labelled without the property: \(labelled.subtracting(having).sorted().prefix(10))")
        #expect(having.subtracting(labelled).isEmpty, "the property without a label: \(having.subtracting(labelled).sorted().prefix(10))")
        let entities = try database.rows("SELECT DISTINCT entity FROM labels WHERE anomaly = ?", [.text(anomaly.rawValue)])
        #expect(entities == [[.text(anomaly.entity)]])
    }

    @Test func monthsWithoutCase() throws {
        let rows = try database.rows("""
            SELECT department_id, CAST(strftime('%m', opened / 1000, 'unixepoch', '+8 hours') AS INTEGER), count(*)
            FROM cases WHERE opened >= ? AND opened < ? GROUP BY 1, 2
            """, [.integer(DemoDatabase.january), .integer(DemoDatabase.cutoff)])
        var months: [Int64: [Int: Int64]] = [:]
        for row in rows { months[row[0].integer!, default: [:]][Int(row[1].integer!)] = row[2].integer! }
        var having = Set<Int64>()
        for (department, counts) in months {
            var run = 0, longest = 0
            for month in 1...4 {
                run = counts[month, default: 0] == 0 ? run + 1 : 0
                longest = max(longest, run)
            }
            if longest >= 3 { having.insert(department) }
            // Margin: departments with cases have a full month of them, or none for three.
            if longest < 3 { #expect(longest == 0 || counts.values.reduce(0, +) <= 11, "department \(department) has a gap of \(longest)") }
        }
        #expect(having == (try database.labelled(.monthsWithoutCase)))
        // Departments with cases in 2016 have 3 or fewer, or 8 or more (clear of the single-category threshold of 5).
        let totals = months.values.map { $0.values.reduce(0, +) }
        #expect(totals.allSatisfy { $0 <= 4 || $0 >= 8 })
    }

    @Test func lowRegion() throws {
        let counts = try database.rows("""
            SELECT r.id, r.level, count(c.id) FROM regions r JOIN departments d ON d.region_id = r.id
            LEFT JOIN cases c ON c.department_id = d.id AND c.opened >= ? AND c.opened < ? GROUP BY r.id ORDER BY r.id
            """, [.integer(DemoDatabase.january), .integer(DemoDatabase.may)])
        let county = counts.filter { $0[1].text != "city" }
        var low = Set<Int64>()
        for row in county {
            let peers = county.filter { $0[0] != row[0] }.map { Double($0[2].integer!) }.sorted()
            let median = peers.count % 2 == 1 ? peers[peers.count / 2] : (peers[peers.count / 2 - 1] + peers[peers.count / 2]) / 2
            let share = Double(row[2].integer!) / median
            if share < 0.2 { low.insert(row[0].integer!) } else { #expect(share > 0.6) }
            if row[0].integer == 8 { #expect(share < 0.1) }
        }
        #expect(low == [8])
        #expect(try database.labelled(.lowRegion) == low)
    }

    @Test func templateCopiesWithTooManySteps() throws {
        // Each department workflow: its category (from its items), its steps, and its template's steps.
        let steps = try database.rows("""
            SELECT workflow_id, name, role, time_limit, leader_review, risk_point, supervision_point FROM workflow_steps ORDER BY workflow_id, position
            """)
        var signature: [Int64: [[Value]]] = [:]
        for row in steps { signature[row[0].integer!, default: []].append(Array(row.dropFirst())) }
        let workflows = try database.rows("""
            SELECT w.id, w.template_id, (SELECT min(category) FROM items i WHERE i.workflow_id = w.id),
                   (SELECT count(DISTINCT category) FROM items i WHERE i.workflow_id = w.id)
            FROM workflows w WHERE w.is_template = 0
            """)
        #expect(workflows.allSatisfy { $0[3].integer == 1 })
        var counts: [String: [Int]] = [:]
        for row in workflows { counts[row[2].text!, default: []].append(signature[row[0].integer!]!.count) }
        var having = Set<Int64>()
        for row in workflows {
            let peers = counts[row[2].text!]!.sorted()
            let median = peers.count % 2 == 1 ? Double(peers[peers.count / 2]) : Double(peers[peers.count / 2 - 1] + peers[peers.count / 2]) / 2
            let count = Double(signature[row[0].integer!]!.count)
            let unchanged = row[1].integer.map { signature[$0] == signature[row[0].integer!] } ?? false
            if unchanged && count >= 1.5 * median {
                having.insert(row[0].integer!)
            } else {
                #expect(count <= 1.25 * median, "workflow \(row[0]) has \(count) steps against a median of \(median)")
            }
        }
        #expect(having == (try database.labelled(.templateCopyTooManySteps)))
        // They carry more alarms per case than the other workflows.
        let alarmRates = try database.rows("""
            SELECT (l.id IS NOT NULL), CAST(count(a.id) AS REAL) / count(DISTINCT c.id)
            FROM cases c JOIN items i ON i.id = c.item_id
            LEFT JOIN labels l ON l.anomaly = 'template-copy-too-many-steps' AND l.entity_id = i.workflow_id
            LEFT JOIN alerts a ON a.case_id = c.id AND a.level = 'alarm' AND a.kind = 'overtime'
            GROUP BY 1 ORDER BY 1
            """)
        guard case .real(let others) = alarmRates[0][1], case .real(let copies) = alarmRates[1][1] else {
            Issue.record("no alarm rates")
            return
        }
        #expect(copies > 5 * others)
    }

    /// Working days of each step in SQL: the weekdays after the previous step's local
    /// date up to its own (a running count of weekdays from Monday 1970-01-05).
    /// Each step's working days since the step before (the store's `workdays`, which
    /// follows the holiday notices), with its time limit.
    static let stepWorkingDays = """
        WITH ordered AS (
          SELECT s.id, s.case_id, ws.time_limit AS time_limit, s.occurred AS occurred,
                 lag(s.occurred) OVER (PARTITION BY s.case_id ORDER BY s.occurred, s.id) AS previous
          FROM steps s JOIN workflow_steps ws ON ws.id = s.workflow_step_id),
        counted AS (
          SELECT id, case_id, time_limit, workdays(previous, occurred) AS working_days
          FROM ordered WHERE previous IS NOT NULL)
        """

    @Test func stepOvertime() throws {
        let counted = LabelTests.stepWorkingDays
        let having = Set(try database.integers(counted + "SELECT id FROM counted WHERE working_days > time_limit"))
        #expect(having == (try database.labelled(.stepOvertime)))
        // Margins: over-time steps exceed the limit by 2 working days or more; the others use at most half of it.
        #expect(try database.scalar(counted + "SELECT min(working_days - time_limit) FROM counted WHERE working_days > time_limit") >= 2)
        #expect(try database.scalar(counted + """
            SELECT count(*) FROM counted WHERE working_days <= time_limit AND working_days * 2 > time_limit
            """) == 0)

        // The SQL count agrees with counting dates one by one from the notices, on every case with an
        // over-time step and one case in fifty.
        let sample = try database.rows(counted + """
            SELECT s.id, s.case_id, s.occurred, c.working_days FROM steps s LEFT JOIN counted c ON c.id = s.id
            WHERE s.case_id % 50 = 0 OR s.case_id IN (SELECT case_id FROM steps WHERE id IN (SELECT entity_id FROM labels WHERE anomaly = 'step-overtime'))
            ORDER BY s.case_id, s.occurred, s.id
            """)
        var previous: (caseID: Int64, date: CivilDate)?
        var compared = 0
        for row in sample {
            let date = ChinaTime.date(of: Instant(millisecondsSinceEpoch: row[2].integer!))
            if let previous, previous.caseID == row[1].integer! {
                var days: Int64 = 0
                var current = previous.date.adding(days: 1)
                while current <= date {
                    // A notice's day off or make-up day, else Monday to Friday.
                    if WorkdayCalendar.official.entry(for: current).map({ !$0.isOffDay }) ?? (current.weekday <= 5) { days += 1 }
                    current = current.adding(days: 1)
                }
                #expect(row[3].integer == days)
                compared += 1
            }
            previous = (row[1].integer!, date)
        }
        #expect(compared > 5000)

        // Each over-time step carries an overtime alarm on its case and workflow step, raised before it ended.
        #expect(try database.scalar("""
            SELECT count(*) FROM labels l JOIN steps s ON s.id = l.entity_id WHERE l.anomaly = 'step-overtime'
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = s.case_id AND a.workflow_step_id = s.workflow_step_id
                              AND a.kind = 'overtime' AND a.level = 'alarm' AND a.raised < s.occurred)
            """) == 0)
        #expect(try database.scalar("""
            SELECT count(*) FROM alerts a WHERE a.kind = 'overtime' AND NOT EXISTS (SELECT 1 FROM labels l JOIN steps s ON s.id = l.entity_id
              WHERE l.anomaly = 'step-overtime' AND s.case_id = a.case_id AND s.workflow_step_id = a.workflow_step_id)
            """) == 0)
    }

    // MARK: Margins

    @Test func recordingDelaysKeepTheirMargins() throws {
        let normal = try database.scalar("""
            SELECT max(recorded - occurred) FROM steps WHERE id NOT IN (SELECT entity_id FROM labels WHERE anomaly = 'late-recording')
            """)
        // Within 12 hours: 4 hours as cases run, 12 for a case entered whole at the end of its day.
        #expect(normal <= 12 * 3_600_000)
        #expect(try database.scalar("""
            SELECT max(s.recorded - s.occurred) FROM steps s WHERE s.case_id NOT IN (SELECT entity_id FROM labels WHERE anomaly = 'created-after-decision')
              AND s.id NOT IN (SELECT entity_id FROM labels WHERE anomaly = 'late-recording')
            """) <= 4 * 3_600_000)
        let late = try database.scalar("""
            SELECT min(recorded - occurred) FROM steps WHERE id IN (SELECT entity_id FROM labels WHERE anomaly = 'late-recording')
            """)
        #expect(late >= 3 * DemoDatabase.day + 12 * 3_600_000)
        // Cases created before their decision are created at least 30 minutes before it; the others 30 minutes or more after.
        #expect(try database.scalar("SELECT min(decided - created) FROM cases WHERE created <= decided") >= 30 * 60_000)
        #expect(try database.scalar("SELECT min(created - decided) FROM cases WHERE created > decided") >= 30 * 60_000)
        // Cases recorded within 30 minutes span under 12 hours, or 3.5 days or more.
        let spans = try database.integers("""
            SELECT max(occurred) - min(occurred) FROM steps GROUP BY case_id
            HAVING count(*) >= 2 AND max(recorded) - min(recorded) <= \(30 * 60_000)
            """)
        #expect(spans.allSatisfy { $0 < 12 * 3_600_000 || $0 >= 3 * DemoDatabase.day + 12 * 3_600_000 })
        // Bulk-recorded cases were recorded within 20 minutes.
        #expect(try database.scalar("""
            SELECT max(w) FROM (SELECT max(recorded) - min(recorded) AS w FROM steps WHERE case_id IN
              (SELECT entity_id FROM labels WHERE anomaly = 'bulk-recording') GROUP BY case_id)
            """) <= 20 * 60_000)
    }

    @Test func supervisorsAndAlarmsKeepTheirMargins() throws {
        let cutoff = LabelTests.cutoff, day = LabelTests.day
        let lastLogins = try database.rows("""
            SELECT o.id, max(l.at) FROM operators o JOIN logins l ON l.operator_id = o.id WHERE o.role = 'supervisor' GROUP BY o.id
            """)
        for row in lastLogins {
            let last = row[1].integer!
            #expect(last <= cutoff - 40 * day || last >= cutoff - 15 * day)
        }
        #expect(try database.scalar("SELECT max(raised) FROM alerts WHERE level = 'alarm'") <= cutoff - 10 * day)
        // Most alarms are handled within two days.
        let handled = try database.rows("""
            SELECT sum(handled - raised <= 2 * 86400000 + 43200000), count(*) FROM alerts WHERE level = 'alarm' AND handled IS NOT NULL
            """)[0]
        #expect(Double(handled[0].integer!) > 0.7 * Double(handled[1].integer!))
        #expect(try database.scalar("SELECT count(*) FROM operators WHERE role = 'supervisor'") > 0)
    }

    @Test func terminalsKeepTheirMargin() throws {
        #expect(try database.scalar("SELECT count(*) FROM departments WHERE platform = 'online' AND terminals = 3") == 0)
    }

    @Test func singleOperatorAndOnePersonAlternatives() throws {
        // Counting operators on the table instead of on the steps gives the same department.
        let single = try database.integers("""
            SELECT department_id FROM operators GROUP BY department_id HAVING count(*) = 1
            """)
        #expect(Set(single) == (try database.labelled(.singleOperatorDepartment)))
        // Dropping "leader approval included" from one-person-case gives the same cases.
        let withoutLeaderCondition = Set(try database.integers("""
            SELECT case_id FROM steps GROUP BY case_id HAVING count(*) >= 3 AND count(DISTINCT operator_id) = 1
            """))
        #expect(withoutLeaderCondition == (try database.labelled(.onePersonCase)))
        // Unhandled alarms are only ever 10 days old or more: a 3-day or 14-day threshold finds the same.
        let older = Set(try database.integers("SELECT id FROM alerts WHERE level = 'alarm' AND handled IS NULL AND raised <= ?",
                                              [.integer(LabelTests.cutoff - 10 * LabelTests.day)]))
        #expect(older == (try database.labelled(.unhandledAlarm)))
    }
}
