import DuchaCore
import DuchaDemo
import DuchaStore
import Testing

/// The bulletin's findings, each true in the generated data.
@Suite struct StoryTests {
    let database: DemoDatabase
    init() throws { database = try SharedDemo.open() }

    private var janToApril: [Value] { [.integer(DemoDatabase.january), .integer(DemoDatabase.may)] }

    @Test func regionsAndDepartmentsOfDazhou() throws {
        let regions = try database.rows("SELECT name, code, level FROM regions ORDER BY id")
        #expect(regions.map { $0[1].text! } == ["SJ", "TC", "DC", "XH", "KJ", "DZ", "QX", "WY"])
        #expect(regions.map { $0[0].text! } == ["市级", "通川区", "达川区", "宣汉县", "开江县", "大竹县", "渠县", "万源市"])
        #expect(regions.map { $0[2].text! } == ["city", "district", "district", "county", "county", "county", "county", "county_city"])
        let perRegion = try database.integers("SELECT count(*) FROM departments GROUP BY region_id ORDER BY region_id")
        #expect(perRegion.count == 8)
        #expect(perRegion.allSatisfy { (30...45).contains($0) })
        for name in ["市食品药品监管局", "市审计局", "市规划局", "市住房城乡建设局", "市农业局", "市水务局", "市统计局",
                     "市交通运输局", "市海事局", "市运管处", "市路政支队", "市国土资源局", "市水文局", "达川区安全监管局",
                     "宣汉县民政局", "渠县住房城乡建设局", "开江县海事局", "万源市房管局", "宣汉县农业局"] {
            #expect(try database.department(name) > 0, "\(name) is missing")
        }
        #expect(try database.scalar("SELECT count(DISTINCT category) FROM items") == 10)
    }

    @Test func settingsRecordTheStory() throws {
        #expect(try database.store.setting("story_date") == "2016-05-20")
        #expect(try database.store.setting("demo_scale") == "1")
        #expect(try database.store.setting("demo_seed") == "2016")
    }

    @Test func wanyuanRanElevenCasesOutsideItsHousingBureau() throws {
        let eleven = try database.scalar("""
            SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE r.code = 'WY' AND d.name <> '万源市房管局' AND c.opened >= ? AND c.opened < ?
            """, janToApril)
        #expect(eleven == 11)
        let housing = try database.scalar(
            "SELECT count(*) FROM cases WHERE department_id = ? AND opened >= ? AND opened < ?",
            [.integer(try database.department("万源市房管局"))] + janToApril)
        #expect(housing >= 100)
        // Re-entered from another system: every step of every case entered days late.
        let prompt = try database.scalar("""
            SELECT count(*) FROM steps s JOIN cases c ON c.id = s.case_id
            WHERE c.department_id = ? AND s.recorded - s.occurred < 3 * 86400000
            """, [.integer(try database.department("万源市房管局"))])
        let sameDayEntries = try database.scalar("""
            SELECT count(*) FROM cases c WHERE c.department_id = ? AND c.created <= c.decided
            """, [.integer(try database.department("万源市房管局"))])
        #expect(prompt == 0)
        #expect(sameDayEntries == 0)
    }

    @Test func agricultureAndWaterHaveManyItemsAndThreeEmptyMonths() throws {
        for (name, itemCount) in [("市农业局", 332), ("市水务局", 89)] {
            let department = try database.department(name)
            #expect(try database.scalar("SELECT count(*) FROM items WHERE department_id = ?", [.integer(department)]) == Int64(itemCount))
            let february = ChinaTime.instant(CivilDate(year: 2016, month: 2, day: 1)!).millisecondsSinceEpoch
            #expect(try database.scalar("SELECT count(*) FROM cases WHERE department_id = ? AND opened >= ? AND opened < ?",
                                        [.integer(department), .integer(february), .integer(DemoDatabase.may)]) == 0)
            let january = try database.scalar("SELECT count(*) FROM cases WHERE department_id = ? AND opened >= ? AND opened < ?",
                                              [.integer(department), .integer(DemoDatabase.january), .integer(february)])
            #expect((1...4).contains(january))
            let detail = try database.rows("SELECT detail FROM labels WHERE anomaly = 'months-without-case' AND entity_id = ?",
                                           [.integer(department)])
            #expect(detail.map { $0[0].text } == ["2016-02,2016-03,2016-04"])
        }
    }

    @Test func hydrologyBureauHasNoPlatform() throws {
        let row = try database.rows("SELECT platform, terminals FROM departments WHERE name = '市水文局'")
        #expect(row.first == [.text("none"), .integer(0)])
        #expect(try database.scalar("SELECT count(*) FROM cases WHERE department_id = ?", [.integer(try database.department("市水文局"))]) == 0)
    }

    @Test func statisticsBureauHasOnePlatformUser() throws {
        let department = try database.department("市统计局")
        #expect(try database.scalar("SELECT count(*) FROM operators WHERE department_id = ?", [.integer(department)]) == 1)
        let cases = try database.integers("SELECT id FROM cases WHERE department_id = ?", [.integer(department)])
        #expect(cases.count >= 5)
        #expect(try database.scalar("""
            SELECT count(DISTINCT s.operator_id) FROM steps s JOIN cases c ON c.id = s.case_id WHERE c.department_id = ?
            """, [.integer(department)]) == 1)
        #expect(Set(cases).isSubset(of: try database.labelled(.onePersonCase)))
        #expect(try database.labelled(.singleOperatorDepartment) == [department])
    }

    @Test func transportUnitsAndLandBureauEnterNothingIn2016() throws {
        let transport = try database.department("市交通运输局")
        for name in ["市海事局", "市运管处", "市路政支队", "市国土资源局"] {
            let department = try database.department(name)
            if name != "市国土资源局" {
                #expect(try database.scalar("SELECT parent_id FROM departments WHERE id = ?", [.integer(department)]) == transport)
            }
            #expect(try database.scalar("SELECT count(*) FROM items WHERE department_id = ?", [.integer(department)]) > 0)
            #expect(try database.scalar("SELECT count(*) FROM cases WHERE department_id = ? AND opened >= ?",
                                        [.integer(department), .integer(DemoDatabase.january)]) == 0)
            // Afraid of alarms: their late-2015 cases had them, all before 2016.
            #expect(try database.scalar("""
                SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.department_id = ? AND a.level = 'alarm'
                """, [.integer(department)]) > 0)
            #expect(try database.scalar("""
                SELECT max(s.occurred) FROM steps s JOIN cases c ON c.id = s.case_id WHERE c.department_id = ?
                """, [.integer(department)]) < DemoDatabase.january)
            #expect(try database.labelled(.zeroCases).contains(department))
        }
    }

    @Test func kaijiangMaritimeBureauHasNoLeader() throws {
        let department = try database.department("开江县海事局")
        #expect(try database.scalar("SELECT count(*) FROM operators WHERE department_id = ? AND role = 'leader'", [.integer(department)]) == 0)
        #expect(try database.scalar("SELECT count(*) FROM operators WHERE department_id = ?", [.integer(department)]) > 0)
        #expect(try database.labelled(.noLeader).contains(department))
    }

    @Test func dachuanSafetyBureauOptimisedItsWorkflow() throws {
        let department = try database.department("达川区安全监管局")
        let rows = try database.rows("""
            SELECT w.id, w.template_id, count(*), sum(s.leader_review), sum(s.risk_point), sum(s.supervision_point),
                   (SELECT count(*) FROM workflow_steps t WHERE t.workflow_id = w.template_id)
            FROM workflows w JOIN workflow_steps s ON s.workflow_id = w.id
            WHERE w.department_id = ? AND w.name LIKE '%优化%' GROUP BY w.id
            """, [.integer(department)])
        #expect(rows.count == 1)
        let row = rows[0]
        #expect(row[1].integer != nil)
        #expect(row[2].integer! < row[6].integer!)
        #expect(row[3].integer! >= 1 && row[4].integer! >= 1 && row[5].integer! >= 1)
        let labels = try database.scalar("SELECT count(*) FROM labels WHERE entity = 'workflows' AND entity_id = ?", [row[0]])
        #expect(labels == 0)
    }

    @Test(arguments: ["市审计局", "市规划局", "市住房城乡建设局", "宣汉县民政局", "渠县住房城乡建设局"])
    func exemplaryDepartmentsRunCasesOnline(name: String) throws {
        let department = Value.integer(try database.department(name))
        #expect(try database.scalar("SELECT count(*) FROM cases WHERE department_id = ?", [department]) >= 50)
        // Every step entered within ten minutes (the creation within fifteen).
        #expect(try database.scalar("""
            SELECT max(s.recorded - s.occurred) FROM steps s JOIN cases c ON c.id = s.case_id WHERE c.department_id = ?
            """, [department]) <= 15 * 60_000)
        // Different people per role: the clerk's steps, the reviewer's and the leader's are three people.
        #expect(try database.scalar("""
            SELECT count(*) FROM (SELECT s.case_id FROM steps s JOIN cases c ON c.id = s.case_id
              JOIN workflow_steps ws ON ws.id = s.workflow_step_id JOIN operators o ON o.id = s.operator_id
              WHERE c.department_id = ? AND o.role <> ws.role)
            """, [department]) == 0)
        // No anomaly at all: on the department, its workflows, items, catalog, operators, cases, steps, alerts.
        let labels = try database.scalar("""
            SELECT count(*) FROM labels l WHERE
              (l.entity = 'departments' AND l.entity_id = ?1)
              OR (l.entity = 'workflows' AND l.entity_id IN (SELECT id FROM workflows WHERE department_id = ?1))
              OR (l.entity = 'items' AND l.entity_id IN (SELECT id FROM items WHERE department_id = ?1))
              OR (l.entity = 'catalog' AND l.entity_id IN (SELECT id FROM catalog WHERE department_id = ?1))
              OR (l.entity = 'operators' AND l.entity_id IN (SELECT id FROM operators WHERE department_id = ?1))
              OR (l.entity = 'cases' AND l.entity_id IN (SELECT id FROM cases WHERE department_id = ?1))
              OR (l.entity = 'steps' AND l.entity_id IN (SELECT s.id FROM steps s JOIN cases c ON c.id = s.case_id WHERE c.department_id = ?1))
              OR (l.entity = 'alerts' AND l.entity_id IN (SELECT a.id FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.department_id = ?1))
            """, [department])
        #expect(labels == 0)
        #expect(try database.scalar("SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.department_id = ?", [department]) == 0)
    }

    @Test func countyDepartmentsHaveFewTerminalsAndCasesConfinedToPenalties() throws {
        let county = try database.rows("""
            SELECT sum(terminals <= 2), count(*) FROM departments d JOIN regions r ON r.id = d.region_id WHERE r.level <> 'city'
            """)[0]
        #expect(Double(county[0].integer!) > 0.6 * Double(county[1].integer!))
        let withCases = try database.rows("""
            SELECT c.department_id, count(DISTINCT i.category) FROM cases c JOIN items i ON i.id = c.item_id
            WHERE c.opened >= ? GROUP BY c.department_id HAVING count(*) >= 5
            """, [.integer(DemoDatabase.january)])
        let penaltiesOnly = withCases.filter { $0[1].integer == 1 }.count
        #expect(Double(penaltiesOnly) > 0.6 * Double(withCases.count))
        // ... although their items span many categories.
        #expect(try database.scalar("""
            SELECT min(n) FROM (SELECT count(DISTINCT category) AS n FROM items GROUP BY department_id)
            """) >= 4)
    }

    @Test func casesLookLikeCases() throws {
        // Numbers like 2016-WY-0007, unique by construction of the schema.
        let badNumbers = try database.scalar("""
            SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE c.number NOT LIKE strftime('%Y', c.opened / 1000, 'unixepoch', '+8 hours') || '-' || r.code || '-%'
            """)
        #expect(badNumbers == 0)
        #expect(try database.rows("SELECT number FROM cases WHERE number LIKE '2016-WY-%' ORDER BY number LIMIT 1")
            .first?.first == .text("2016-WY-0001"))
        // Opened on a working day inside office hours; nothing at or after the story date.
        let opened = try database.rows("""
            SELECT min(strftime('%H:%M', opened / 1000, 'unixepoch', '+8 hours')), max(strftime('%H:%M', opened / 1000, 'unixepoch', '+8 hours')),
                   sum(workdays(opened - 86400000, opened) = 0)
            FROM cases
            """)[0]
        #expect(opened[0].text! >= "08:30" && opened[1].text! <= "16:30" && opened[2].integer == 0)
        let cutoff = Value.integer(DemoDatabase.cutoff)
        #expect(try database.scalar("SELECT count(*) FROM steps WHERE occurred >= ?1 OR recorded >= ?1 OR recorded < occurred", [cutoff]) == 0)
        #expect(try database.scalar("SELECT count(*) FROM alerts WHERE raised >= ?1 OR handled >= ?1 OR handled < raised", [cutoff]) == 0)
        #expect(try database.scalar("SELECT count(*) FROM logins WHERE at >= ?", [cutoff]) == 0)
        #expect(try database.scalar("SELECT count(*) FROM cases WHERE created >= ?1 OR decided >= ?1 OR opened >= ?1", [cutoff]) == 0)
        // Every step belongs to its case's workflow, and every case's department holds its item.
        #expect(try database.scalar("""
            SELECT count(*) FROM steps s JOIN cases c ON c.id = s.case_id JOIN items i ON i.id = c.item_id
            JOIN workflow_steps ws ON ws.id = s.workflow_step_id WHERE ws.workflow_id <> i.workflow_id OR i.department_id <> c.department_id
            """) == 0)
        // Alerts are handled by a supervisor of the case's department.
        #expect(try database.scalar("""
            SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id JOIN operators o ON o.id = a.handled_by
            WHERE o.role <> 'supervisor' OR o.department_id <> c.department_id
            """) == 0)
        // Steps are recorded by people of the department; a department's operators are few per case.
        #expect(try database.scalar("""
            SELECT count(*) FROM steps s JOIN cases c ON c.id = s.case_id JOIN operators o ON o.id = s.operator_id
            WHERE o.department_id <> c.department_id
            """) == 0)
        // The read-only path of the shell works on the file.
        #expect(try database.readOnlyCount("SELECT id FROM regions") == 8)
    }

    @Test func volumesAtScaleOne() throws {
        let summary = try SharedDemo.generated.summary
        #expect((45_000...56_000).contains(summary.rows(in: "cases")))
        let stepsPerCase = Double(summary.rows(in: "steps")) / Double(summary.rows(in: "cases"))
        #expect((5.5...7.5).contains(stepsPerCase))
        for table in ["regions", "departments", "workflows", "workflow_steps", "items", "catalog", "operators", "cases",
                      "steps", "alerts", "logins", "labels"] {
            #expect(try database.scalar("SELECT count(*) FROM \"\(table)\"") == Int64(summary.rows(in: table)), "\(table)")
        }
        for anomaly in Anomaly.allCases {
            #expect(summary.labels(of: anomaly) > 0, "\(anomaly.rawValue) has no label")
            #expect(try Int(database.labelled(anomaly).count) == summary.labels(of: anomaly), "\(anomaly.rawValue)")
        }
    }
}
