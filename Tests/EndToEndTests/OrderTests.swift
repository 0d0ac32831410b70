import DuchaCore
import DuchaStore
import Foundation
import Testing

/// Rectification orders end to end: the lifecycle with its refusals, working-day
/// deadlines, extensions, follow-up and escalation, the audit trail and its verification,
/// read-only databases, and two shells issuing orders at once.
@Suite(.serialized) struct OrderTests {
    /// A small database: the CSV chain up to cases, and steps that bring the department's
    /// own operators (张三, 李四).
    static func database(_ runner: BinaryRunner) throws -> String {
        try ImportEdgeCaseTests.chain(runner)
        let steps = CSVImportTests.files.first { $0.kind == "steps" }!
        try steps.text.write(toFile: runner.file("steps.csv"), atomically: true, encoding: .utf8)
        try #require(try runner.run(["c.db", "-c", "import csv steps steps.csv"]).status == 0)
        return "c.db"
    }

    /// Runs entries on `database` on the day `today` as `actor`.
    static func run(_ runner: BinaryRunner, _ database: String, today: String, actor: String = "王督查", _ entries: String...) throws -> BinaryRunner.Outcome {
        try runner.run([database, "--today", today, "--as", actor] + entries.flatMap { ["-c", $0] })
    }

    static func auditCount(_ runner: BinaryRunner, _ database: String) throws -> Int {
        try ImportTests.count(runner, database, "audit | count")
    }

    @Test func anOrderRunsItsLifeAndEveryChangeIsAudited() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        let before = try OrderTests.auditCount(runner, db)
        // 5 working days from Monday 2016-06-06 end on Tuesday 2016-06-14 (Dragon Boat
        // 2016-06-09..11 off, Sunday 2016-06-12 worked).
        let issued = try OrderTests.run(runner, db, today: "2016-06-06",
            "order issue to 万源市房管局 due in 5 workdays \"6月14日前完成整改并书面报告\" cc \"市政府督查室,市监察局\" leader 赵局长 contact \"钱科长 0818-2345678\"")
        #expect(issued.status == 0, "\(issued.standardError)")
        #expect(issued.standardOutput.contains("order 2016-001-001 issued to 万源市房管局, due 2016-06-14 (周二, 5 working days from 2016-06-06)"), "\(issued.standardOutput)")
        #expect(try ImportTests.rows(runner, db, "orders | select number, dept, leader, due, copy_to, status, issued_by")
                == [["2016-001-001", "万源市房管局", "赵局长", "2016-06-14", "市政府督查室、市监察局", "issued", "王督查"]])

        // A step that is not allowed says which are.
        let early = try OrderTests.run(runner, db, today: "2016-06-07", "order 001 verify")
        #expect(early.status == 1 && early.standardError.contains("order 2016-001-001 is issued (已下发); verify is not possible from there; allowed now: plan, ack, report, withdraw, extend, escalate, note"),
                "\(early.standardError)")
        for entry in ["order 001 plan", "order 001 ack", "order 001 report"] {
            let outcome = try OrderTests.run(runner, db, today: "2016-06-08", actor: "钱科长", entry)
            #expect(outcome.status == 0, "\(entry): \(outcome.standardError)")
        }
        // Nobody of the department verifies its own rectification, nor its contact.
        for verifier in ["张三", "钱科长"] {
            let own = try OrderTests.run(runner, db, today: "2016-06-13", actor: verifier, "order 001 verify")
            #expect(own.status == 1 && own.standardError.contains("\(verifier) belongs to 万源市房管局; verification is done by someone outside"), "\(own.standardOutput)\(own.standardError)")
        }
        let closedEarly = try OrderTests.run(runner, db, today: "2016-06-13", "order 001 close")
        #expect(closedEarly.status == 1 && closedEarly.standardError.contains("close is not possible from there; allowed now: verify, return, withdraw, note"), "\(closedEarly.standardError)")
        #expect(try OrderTests.run(runner, db, today: "2016-06-13", "order 001 verify by 孙督查").status == 0)
        #expect(try OrderTests.run(runner, db, today: "2016-06-13", "order 2016-001-001 close").status == 0)
        let after = try OrderTests.run(runner, db, today: "2016-06-20", "order 001 ack")
        #expect(after.status == 1 && after.standardError.contains("is closed (已销号); a closed order changes only by reopen"), "\(after.standardError)")
        let unexplained = try OrderTests.run(runner, db, today: "2016-06-20", "order 001 reopen")
        #expect(unexplained.status == 1 && unexplained.standardError.contains("reopen needs a reason in quotes"), "\(unexplained.standardError)")
        #expect(try OrderTests.run(runner, db, today: "2016-06-20", "order 001 reopen \"复查发现仍有补录\"").status == 0)

        #expect(try ImportTests.rows(runner, db, "order_history | select action, from_status, to_status, actor") == [
            ["write", "", "draft", "王督查"], ["issue", "draft", "issued", "王督查"],
            ["plan", "issued", "plan_received", "钱科长"], ["ack", "plan_received", "in_progress", "钱科长"],
            ["report", "in_progress", "report_submitted", "钱科长"], ["verify", "report_submitted", "verifying", "王督查"],
            ["close", "verifying", "closed", "王督查"], ["reopen", "closed", "reopened", "王督查"],
        ])
        #expect(try ImportTests.rows(runner, db, "orders | select status, verified_by, reported") == [["reopened", "", ""]])
        // One audit entry per change, the refused ones none; the chain is whole.
        #expect(try OrderTests.auditCount(runner, db) == before + 7)
        #expect(try ImportTests.rows(runner, db, "audit | sort id desc | take 1 | select actor, command ~ \"order 001 reopen\", change ~ \"复查发现仍有补录\"") == [["王督查", "yes", "yes"]])
        let verified = try runner.run([db, "-c", "audit verify"])
        #expect(verified.status == 0 && verified.standardOutput.hasPrefix("the audit log is whole: \(before + 7) entries"), "\(verified.standardOutput)\(verified.standardError)")
    }

    @Test func extensionsMoveTheDeadlineOnlyWhenApproved() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市房管局 due 2016-06-15 \"整改\"").status == 0)
        for (entry, message) in [
            ("order 001 extend 2016-06-10 \"人手不足\"", "the new deadline 2016-06-10 is not after the current one, 2016-06-15"),
            ("order 001 extend 2016-06-30", "extend needs a reason in quotes"),
            ("order 001 extend 30-06 \"x\"", "'30-06' is not a date"),
            ("order 001 approve", "order 2016-001-001 has no extension request waiting; extend DATE \"reason\" asks for one"),
        ] {
            let outcome = try OrderTests.run(runner, db, today: "2016-06-02", entry)
            #expect(outcome.status == 1 && outcome.standardError.contains(message), "\(entry): \(outcome.standardError)")
        }
        #expect(try OrderTests.run(runner, db, today: "2016-06-02", "order 001 extend 2016-06-30 \"人手不足\"").status == 0)
        #expect(try ImportTests.rows(runner, db, "orders | select due, requested_due") == [["2016-06-15", "2016-06-30"]])
        let second = try OrderTests.run(runner, db, today: "2016-06-02", "order 001 extend 2016-07-15 \"再延\"")
        #expect(second.status == 1 && second.standardError.contains("an extension to 2016-06-30 is already waiting; approve or deny it first"), "\(second.standardError)")
        let shown = try runner.run([db, "--today", "2016-06-02", "-c", "order 001"])
        #expect(shown.standardOutput.contains("extension to 2016-06-30 requested") && shown.standardOutput.contains("next: plan, ack, report, withdraw, approve, deny, escalate, note"),
                "\(shown.standardOutput)")
        #expect(try OrderTests.run(runner, db, today: "2016-06-03", "order 001 deny \"理由不充分\"").status == 0)
        #expect(try ImportTests.rows(runner, db, "orders | select due, requested_due") == [["2016-06-15", ""]])
        #expect(try OrderTests.run(runner, db, today: "2016-06-03", "order 001 extend 2016-06-30 \"补充说明\"", "order 001 approve").status == 0)
        #expect(try ImportTests.rows(runner, db, "orders | select due, requested_due") == [["2016-06-30", ""]])
        #expect(try ImportTests.rows(runner, db, "order_history | where action in (\"extend\", \"approve\", \"deny\") | select action, due, note") == [
            ["extend", "2016-06-30", "人手不足"], ["deny", "2016-06-15", "理由不充分"], ["extend", "2016-06-30", "补充说明"], ["approve", "2016-06-30", ""],
        ])
    }

    @Test func badRequestsArePlacedAndChangeNothing() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        let audit = try OrderTests.auditCount(runner, db)
        for (entry, message) in [
            ("order issue to 万源市房管 due 2016-06-15 \"x\"", "-c:1:16: error: no department or region is called 万源市房管 (did you mean '万源市房管局'?)"),
            ("order issue to 万源市房管局 due 2016-05-15 \"x\"", "-c:1:27: error: the deadline 2016-05-15 has passed (today is 2016-06-01)"),
            ("order issue to 万源市房管局 due 2016-06-15 \"x\" for finding 999", "-c:1:54: error: there is no finding 999"),
            ("order issue to 万源市房管局 due 15/06 \"x\"", "-c:1:27: error: '15/06' is not a date"),
            ("order issue to 万源市房管局 due 2016-06-15 要求 两个", "-c:1:41: error: two requirements"),
            ("order issue to 万源市房管局 \"x\"", "-c:1:7: error: order issue needs a deadline"),
            ("order 2016-001-009 plan", "-c:1:7: error: there are no orders yet"),
            ("order issue to 万源市房管局 due 2016-06-15 \"" + String(repeating: "要", count: 4_001) + "\"", "-c:1:38: error: the requirement has 4,001 characters; write it in at most 4,000"),
        ] {
            let outcome = try OrderTests.run(runner, db, today: "2016-06-01", entry)
            #expect(outcome.status == 1 && outcome.standardError.hasPrefix(message), "\(entry): \(outcome.standardError)")
        }
        #expect(try ImportTests.count(runner, db, "orders | count") == 0)
        // The singular alias is the source when a pipe follows, the command otherwise.
        #expect(try ImportTests.count(runner, db, "order | count") == 0)
        #expect(try ImportTests.count(runner, db, "import | count") == 7)
        #expect(try OrderTests.auditCount(runner, db) == audit)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市 due 2016-06-15 \"x\" --draft").status == 0)
        let typo = try OrderTests.run(runner, db, today: "2016-06-01", "order 2016-001-011 plan", "order 001 plna")
        #expect(typo.standardError.contains("-c:1:7: error: no order is numbered 2016-001-011 (did you mean '2016-001-001'?)")
                && typo.standardError.contains("-c:1:11: error: no order action is called 'plna' (did you mean 'plan'?); allowed now for 2016-001-001 (draft): issue, withdraw, note"),
                "\(typo.standardError)")
    }

    @Test func aReadOnlyDatabaseRefusesEveryChange() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市房管局 due 2016-06-15 \"x\"").status == 0)
        try #"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#.write(toFile: runner.file("2027.json"), atomically: true, encoding: .utf8)
        let audit = try OrderTests.auditCount(runner, db)
        for entry in ["order issue to 万源市房管局 due 2016-06-15 \"x\"", "order 001 plan", "orders ladder \"inquiry: overdue 2\"",
                      "calendar import 2027.json", "check late-recording --save hours=3"] {
            let outcome = try runner.run([db, "--read-only", "--today", "2016-06-02", "-c", entry])
            #expect(outcome.status == 1 && outcome.standardError.contains("the database is open read-only"), "\(entry): \(outcome.standardError)")
        }
        #expect(try OrderTests.auditCount(runner, db) == audit)
        #expect(try ImportTests.rows(runner, db, "orders | select status") == [["issued"]])
    }

    /// Who the audit log records: --as, else the startup file's .as, else $DUCHA_ACTOR.
    @Test func theActorComesFromAsTheStartupFileOrTheEnvironment() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        let issue = "order issue to 万源市房管局 due 2016-06-15 \"x\""
        #expect(try runner.run([db, "--today", "2016-06-01", "-c", issue], extraEnvironment: ["DUCHA_ACTOR": "环境"]).status == 0)
        try FileManager.default.createDirectory(atPath: runner.file("config/ducha"), withIntermediateDirectories: true)
        try ".as 启动文件\n".write(toFile: runner.file("config/ducha/init"), atomically: true, encoding: .utf8)
        #expect(try runner.run([db, "--today", "2016-06-01", "-c", issue], extraEnvironment: ["DUCHA_ACTOR": "环境"]).status == 0)
        #expect(try runner.run([db, "--today", "2016-06-01", "--as", "命令行", "-c", issue], extraEnvironment: ["DUCHA_ACTOR": "环境"]).status == 0)
        #expect(try ImportTests.rows(runner, db, "orders | select created_by") == [["环境"], ["启动文件"], ["命令行"]])
        #expect(try ImportTests.rows(runner, db, "audit | where command ~ \"order issue\" | select actor") == [["环境"], ["启动文件"], ["命令行"]])
        let empty = try runner.run([db, "--as", " ", "-c", ".as"])
        #expect(empty.status == 2 && empty.standardError.contains("--as takes a name of 1 to 64 characters"), "\(empty.standardError)")
    }

    @Test func anEditedDeletedOrReorderedAuditEntryIsFound() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市房管局 due 2016-06-15 \"x\"", "order 001 plan", "order 001 ack",
                                   "order 001 note \"电话督促\"").status == 0)
        let whole = try runner.run([db, "-c", "audit verify"])
        #expect(whole.status == 0, "\(whole.standardError)")
        let lastHash = try #require(whole.standardOutput.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(try runner.run([db, "-c", "audit verify \(lastHash)"]).status == 0)
        let count = try OrderTests.auditCount(runner, db)

        // Each tampering, on a fresh copy: the first broken entry is named, exit code 4.
        let tamperings: [(String, Int)] = [
            ("UPDATE audit SET actor = '李四' WHERE id = 3", 3),
            ("DELETE FROM audit WHERE id = 4", 5),
            ("UPDATE audit SET command = (SELECT command FROM audit WHERE id = 5), change = (SELECT change FROM audit WHERE id = 5) WHERE id = 4", 4),
        ]
        for (sql, broken) in tamperings {
            let copy = runner.file("tampered.db")
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: runner.file(db), toPath: copy)
            let store = try Store.open(path: copy, access: .readWrite)
            try store.connection.execute("DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete; " + sql)
            let outcome = try runner.run(["tampered.db", "-c", "audit verify"])
            #expect(outcome.status == 4 && outcome.standardError.contains("the audit log is broken at entry \(broken)"), "\(sql): \(outcome.standardError)")
        }
        // Cutting off the last entries leaves a whole chain, but not the hash noted before.
        let copy = runner.file("cut.db")
        try FileManager.default.copyItem(atPath: runner.file(db), toPath: copy)
        let store = try Store.open(path: copy, access: .readWrite)
        try store.connection.execute("DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id = \(count)")
        let cut = try runner.run(["cut.db", "-c", "audit verify \(lastHash)"])
        #expect(cut.status == 4 && cut.standardError.contains("no entry of the audit log has the hash"), "\(cut.standardError)")
        // Orders and their history are never deleted.
        let kept = try runner.run([db, "-c", ".sql DELETE FROM orders"])
        #expect(kept.status == 1)
        let direct = try Store.open(path: runner.file(db), access: .readWrite)
        #expect(throws: StoreError.self) { try direct.connection.execute("DELETE FROM orders") }
        #expect(throws: StoreError.self) { try direct.connection.execute("UPDATE order_history SET note = 'x'") }
    }

    @Test func twoShellsIssueAndUpdateAtOnceWithoutLosingAnything() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市 due 2016-06-30 \"共同跟踪\"").status == 0)
        let rounds = 20
        func script(_ who: String) -> String {
            (1...rounds).map { "order issue to 万源市房管局 due 2016-06-30 \"\(who)-\($0)\"\norder 2016-001-001 note \"\(who)-\($0)\"" }.joined(separator: "\n") + "\n"
        }
        let first = try runner.start([db, "--today", "2016-06-01", "--as", "甲", "--bail"], input: script("甲"))
        let second = try runner.start([db, "--today", "2016-06-01", "--as", "乙", "--bail"], input: script("乙"))
        let (a, b) = (first.finish(), second.finish())
        #expect(a.status == 0 && b.status == 0, "\(a.standardError)\(b.standardError)")
        let numbers = try ImportTests.rows(runner, db, "orders | select number").map { $0[0] }
        #expect(numbers.count == 1 + 2 * rounds && Set(numbers).count == numbers.count)
        #expect(Set(numbers) == Set((1...(1 + 2 * rounds)).map { Order.number(year: 2016, round: 1, serial: $0) }))
        #expect(try ImportTests.count(runner, db, "order_history | where order.number = \"2016-001-001\" and action = \"note\" | count") == 2 * rounds)
        #expect(try ImportTests.count(runner, db, "orders | where requirement ~ \"甲-\" | count") == rounds)
        #expect(try runner.run([db, "-c", "audit verify"]).status == 0)
    }

    @Test func followUpCountsWorkingDaysAndTheLadderEscalates() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市房管局 due 2016-06-03 \"先行整改\"",
                                   "order issue to 万源市房管局 due 2016-06-17 \"再次整改\"", "order issue to 万源市 due 2016-07-29 \"全面自查\"").status == 0)
        // 2016-06-30: the first is 18 working days late (06-06..08, the worked Sunday 06-12,
        // 06-13..17, 06-20..24, 06-27..30), the second 9.
        let overdue = try runner.run([db, "--today", "2016-06-30", "-c", ".mode csv", "-c", "orders overdue"])
        #expect(overdue.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(5).joined(separator: ",") }
                == ["2016-001-001,万源市房管局,issued,2016-06-03,-18", "2016-001-002,万源市房管局,issued,2016-06-17,-9"], "\(overdue.standardOutput)")
        let soon = try ImportTests.rows(runner, db, "orders due within 5 workdays")
        #expect(soon.isEmpty)
        let escalations = try runner.run([db, "--today", "2016-06-30", "-c", ".mode csv", "-c", "orders escalations"])
        let lines = escalations.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
        // 18 working days late: interview; the department's second late order this year: interview too.
        #expect(lines == ["2016-001-001,万源市房管局,interview", "2016-001-002,万源市房管局,interview"], "\(escalations.standardOutput)")
        #expect(try OrderTests.run(runner, db, today: "2016-06-30", "order 001 escalate interview \"约谈分管领导\" doc \"达督查函〔2016〕3号\" target 赵局长").status == 0)
        let remaining = try runner.run([db, "--today", "2016-06-30", "-c", ".mode csv", "-c", "orders escalations"])
        #expect(remaining.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" } == ["2016-001-002"])
        #expect(try ImportTests.rows(runner, db, "order_history | where action = \"escalate\" | select escalation, document, target") == [["interview", "达督查函〔2016〕3号", "赵局长"]])
        // A ladder of this locality: a written warning from 15 working days.
        let bad = try runner.run([db, "-c", "orders ladder \"inquiry: overdue 1; warnng: overdue 15\""])
        #expect(bad.status == 1 && bad.standardError.hasPrefix("-c:1:36: error: no ladder step is called 'warnng' (did you mean 'warning'?)"), "\(bad.standardError)")
        #expect(try runner.run([db, "--as", "王督查", "-c", "orders ladder \"inquiry: overdue 1; warning: overdue 15\""]).status == 0)
        let warned = try runner.run([db, "--today", "2016-06-30", "-c", ".mode csv", "-c", "orders escalations"])
        #expect(warned.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                == ["2016-001-001,万源市房管局,warning", "2016-001-002,万源市房管局,inquiry"], "\(warned.standardOutput)")
        // The summary: 3 issued, 2 overdue, none closed; on time: 0 of the 2 decided.
        let summary = try ImportTests.rows(runner, db, ".today 2016-06-30", "orders summary")
        #expect(summary.first == ["全部 all", "3", "3", "2", "0", "0", "0.0%", "0.0%"], "\(summary)")
        let today = try ImportTests.rows(runner, db, ".today 2016-07-27", "orders today")
        #expect(today.contains { $0[0] == "2016-001-003" && $0[2] == "due soon" }, "\(today)")
    }

    @Test func theCalendarLoadsALaterYearAndDeadlinesThereAreProvisionalUntilThen() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        let early = try OrderTests.run(runner, db, today: "2026-12-28", "order issue to 万源市房管局 due in 5 workdays \"年末整改\"")
        #expect(early.status == 0 && early.standardOutput.contains("due 2027-01-04") && early.standardOutput.contains("provisional"), "\(early.standardOutput)")
        #expect(try ImportTests.rows(runner, db, "orders | select due_provisional") == [["yes"]])
        let document = """
            {"year": 2027, "papers": ["https://www.gov.cn/example"],
             "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                      {"name": "元旦", "date": "2027-01-04", "isOffDay": true}]}
            """
        try document.write(toFile: runner.file("2027.json"), atomically: true, encoding: .utf8)
        try "{\"year\": 2027,\n \"days\": [\n  {\"name\": \"元旦\" \"date\": \"2027-01-01\"}]}".write(toFile: runner.file("bad.json"), atomically: true, encoding: .utf8)
        try "{\"year\": 2027, \"days\": [{\"name\": \"元旦\", \"date\": \"2027-13-01\", \"isOffDay\": true}]}".write(toFile: runner.file("date.json"), atomically: true, encoding: .utf8)
        // A file far larger than a year's notice is refused before it is parsed.
        try String(repeating: " ", count: (1 << 20) + 1).write(toFile: runner.file("huge.json"), atomically: true, encoding: .utf8)
        let huge = try runner.run([db, "-c", "calendar import huge.json"])
        #expect(huge.status == 1 && huge.standardError.contains("huge.json is larger than 1,048,576 bytes"), "\(huge.standardError)")
        let bad = try runner.run([db, "-c", "calendar import bad.json"])
        #expect(bad.status == 1 && bad.standardError.hasPrefix("bad.json:3:17: error: expected ',' or '}' in an object"), "\(bad.standardError)")
        let date = try runner.run([db, "-c", "calendar import date.json"])
        #expect(date.status == 1 && date.standardError.contains("days[0] has no \"date\" written YYYY-MM-DD"), "\(date.standardError)")
        let known = try runner.run([db, "-c", "calendar import 2027.json"])
        #expect(known.status == 0 && known.standardOutput.contains("calendar 2027: 2 days off and 0 make-up working days"), "\(known.standardOutput)\(known.standardError)")
        let again = try runner.run([db, "-c", "calendar import 2027.json"])
        #expect(again.status == 1 && again.standardError.contains("already knows 2027"), "\(again.standardError)")
        #expect(try runner.run([db, "-c", "calendar import 2027.json --replace"]).status == 0)
        // Friday 2027-01-01 and Monday 2027-01-04 are now days off: 5 working days from
        // 2026-12-28 end on 2027-01-06, not provisional; the language's workdays() counts with it too.
        let later = try OrderTests.run(runner, db, today: "2026-12-28", "calendar add 2026-12-28 5", "order issue to 万源市房管局 due in 5 workdays \"年末整改\"")
        #expect(later.standardOutput.contains("end on 2027-01-06 (周三)") && !later.standardOutput.contains("provisional"), "\(later.standardOutput)")
        let dues = try ImportTests.rows(runner, db, "orders | sort number | select due, due_provisional, workdays(2026-12-31, 2027-01-05)")
        #expect(dues == [["2027-01-04", "yes", "1"], ["2027-01-06", "no", "1"]], "\(dues)")
        #expect(try ImportTests.count(runner, db, "audit | where command ~ \"calendar import\" | count") == 2)
    }
}

/// Closing with a re-check, cited findings that outlive later check runs, and a busy database.
@Suite(.serialized) struct OrderRecheckTests {
    @Test func aRecheckKeepsTheOrderOpenWhileTheCheckStillHits() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        for (name, text) in [("r.csv", "name,code,level\n万源市,WY,county_city\n"),
                             ("d.csv", "region,name,platform\n万源市,万源市房管局,online\n万源市,万源市林业局,online\n"),
                             ("i.csv", "code,name,category,dept\nFG-001,房屋登记,行政确认,万源市房管局\nLY-001,林木采伐,行政许可,万源市林业局\n"),
                             ("c.csv", "number,item,opened\n2016-WY-0001,FG-001,2016-05-03 09:30\n"),
                             ("c2.csv", "number,item,opened\n2016-WY-0002,FG-001,2016-06-02 09:30\n"),
                             ("c3.csv", "number,item,opened\n2016-WY-0003,LY-001,2016-06-03 09:30\n")] {
            try text.write(toFile: runner.file(name), atomically: true, encoding: .utf8)
        }
        #expect(try runner.run(["t.db", "-c", "import csv regions r.csv", "-c", "import csv departments d.csv", "-c", "import csv items i.csv",
                                "-c", "import csv cases c.csv"]).status == 0)
        #expect(try ImportTests.rows(runner, "t.db", "check zero-cases 2016-05").map { $0[4] } == ["万源市林业局"])
        #expect(try OrderTests.run(runner, "t.db", today: "2016-06-01", "order issue to 万源市林业局 due 2016-06-15 \"说明零办件原因并整改\" for finding 1",
                                   "order 001 report", "order 001 verify").status == 0)
        // No data for June yet: the re-check cannot run, and says so.
        let early = try OrderTests.run(runner, "t.db", today: "2016-06-10", "order 001 close --recheck")
        #expect(early.status == 1 && early.standardError.contains("the re-check cannot run: the period 2016-06..2016-06 lies outside the data"), "\(early.standardError)")
        // June's data has the 房管局's case only: the 林业局 still has none.
        #expect(try runner.run(["t.db", "-c", "import csv cases c2.csv"]).status == 0)
        let still = try OrderTests.run(runner, "t.db", today: "2016-06-10", "order 001 close --recheck")
        #expect(still.status == 1 && still.standardError.contains("the re-check still finds zero-cases (1) for 万源市林业局 in 2016-06..2016-06"), "\(still.standardError)")
        // A later run of the check keeps the cited finding, once.
        _ = try ImportTests.rows(runner, "t.db", "check zero-cases 2016-05")
        #expect(try ImportTests.rows(runner, "t.db", "findings | select id, check_id") == [["1", "zero-cases"]])
        #expect(try runner.run(["t.db", "-c", "import csv cases c3.csv"]).status == 0)
        let closed = try OrderTests.run(runner, "t.db", today: "2016-06-10", "order 001 close --recheck")
        #expect(closed.status == 0, "\(closed.standardError)")
        #expect(try ImportTests.rows(runner, "t.db", "orders | select status") == [["closed"]])
    }

    @Test func aBusyDatabaseWaitsThenSaysSoAndChangesNothing() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try "name,code,level\n万源市,WY,county_city\n".write(toFile: runner.file("r.csv"), atomically: true, encoding: .utf8)
        #expect(try runner.run(["b.db", "-c", "import csv regions r.csv"]).status == 0)
        let holder = try Store.open(path: runner.file("b.db"), access: .readWrite)
        try holder.connection.execute("BEGIN IMMEDIATE")
        let started = Date()
        let outcome = try OrderTests.run(runner, "b.db", today: "2016-06-01", "order issue to 万源市 due 2016-06-15 \"x\"")
        let waited = Date().timeIntervalSince(started)
        try holder.connection.execute("ROLLBACK")
        #expect(outcome.status == 1 && outcome.standardError.contains("stayed busy for 5 seconds (another shell or program is writing to it); nothing was changed"), "\(outcome.standardError)")
        #expect(waited >= 4.5, "gave up after \(waited) s")
        #expect(try ImportTests.count(runner, "b.db", "orders | count") == 0)
        #expect(try OrderTests.run(runner, "b.db", today: "2016-06-01", "order issue to 万源市 due 2016-06-15 \"x\"").status == 0)
    }
}
