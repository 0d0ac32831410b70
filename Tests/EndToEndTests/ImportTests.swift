import DuchaCore
import Foundation
import Testing

/// `import xes` end to end: the shared real logs give exactly their reference figures
/// (read back through the language where it can say them), every import is one unit
/// (dry run, undo, duplicates, bad files, a killed process), and bad input is placed.
@Suite(.serialized) struct ImportTests {
    static let logs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/data/eventlogs").standardizedFileURL.path

    /// The path of a shared log, or nil after saying plainly that it is missing.
    static func shared(_ name: String) -> String? {
        let path = logs + "/" + name
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("\(path) is not there: the shared event logs (../shared/data/eventlogs) are needed for this test")
            return nil
        }
        return path
    }

    static func reference(_ log: String) -> [String: Any]? {
        guard let path = shared("reference/\(log).reference.json"), let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// The CSV rows (header dropped) that `entries` print, run against `database`.
    static func rows(_ runner: BinaryRunner, _ database: String, _ entries: String...) throws -> [[String]] {
        let outcome = try runner.run([database, "-c", ".mode csv"] + entries.flatMap { ["-c", $0] })
        #expect(outcome.status == 0, "\(entries): \(outcome.standardError)")
        return outcome.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func count(_ runner: BinaryRunner, _ database: String, _ query: String) throws -> Int {
        Int(try rows(runner, database, query).first?.first ?? "") ?? -1
    }

    @Test(arguments: ["receipt", "roadtraffic50traces"])
    func sharedLogsGiveTheirReferenceFigures(log: String) throws {
        guard let reference = ImportTests.reference(log), let file = reference["file"] as? String, let path = ImportTests.shared(file) else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let imported = try runner.run(["log.db", "-c", "import xes '\(path)'".replacingOccurrences(of: "'", with: "\"")])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.hasPrefix("import 1: "), "\(imported.standardOutput)")

        #expect(try ImportTests.count(runner, "log.db", "cases | count") == reference["n_cases"] as? Int)
        #expect(try ImportTests.count(runner, "log.db", "steps | count") == reference["n_events"] as? Int)
        #expect(try ImportTests.count(runner, "log.db", "steps | select workflow_step | distinct | count") == reference["n_activities"] as? Int)
        #expect(try ImportTests.count(runner, "log.db", "steps | where operator is not null | select operator | distinct | count") == reference["n_resources"] as? Int)
        #expect(try ImportTests.count(runner, "log.db", "steps | where operator is null | count") == reference["events_without_resource"] as? Int)

        // Months of the local time as written (the import notes that offsets now vary).
        #expect(try ImportTests.rows(runner, "log.db", ".sql SELECT value FROM settings WHERE key = 'written_offsets'") == [["vary"]])
        let months = try ImportTests.rows(runner, "log.db", "steps | count by month(occurred)")
        let expectedMonths = (reference["events_per_month"] as? [String: Int]) ?? [:]
        #expect(Dictionary(uniqueKeysWithValues: months.map { ($0[0], Int($0[1]) ?? -1) }) == expectedMonths)
        let may = try ImportTests.count(runner, "log.db", "steps | where occurred in \(expectedMonths.keys.sorted()[1]) | count")
        #expect(may == expectedMonths[expectedMonths.keys.sorted()[1]])

        // Case durations on instants, to the millisecond.
        let spans = try ImportTests.rows(runner, "log.db", ".sql SELECT max(occurred) - min(occurred) FROM steps GROUP BY case_id ORDER BY 1")
            .map { (Double($0[0]) ?? -1) / 1000 }
        let durations = try #require(reference["case_duration_seconds"] as? [String: Double])
        let middle = spans.count / 2
        let median = spans.count % 2 == 1 ? spans[middle] : (spans[middle - 1] + spans[middle]) / 2
        #expect(spans.first == durations["min"] && spans.last == durations["max"])
        #expect(abs(median - (durations["median"] ?? -1)) < 0.0005, "median \(median)")

        // The first, middle and last timelines, with times as written.
        let timelines = try #require(reference["timelines"] as? [String: [String: Any]])
        for (_, timeline) in timelines {
            let number = try #require(timeline["case_id"] as? String)
            let events = try #require(timeline["events"] as? [[String: Any]])
            let stored = try ImportTests.rows(runner, "log.db", """
                .sql SELECT ws.name, coalesce(o.name, '-'), s.occurred, coalesce(s.utc_offset, ''), s.lifecycle FROM steps s JOIN cases c ON c.id = s.case_id \
                JOIN workflow_steps ws ON ws.id = s.workflow_step_id LEFT JOIN operators o ON o.id = s.operator_id \
                WHERE c.number = '\(number)' ORDER BY s.occurred, s.id
                """)
            #expect(stored.count == events.count, "\(number)")
            for (row, event) in zip(stored, events) {
                let written = WrittenTime(instant: Instant(millisecondsSinceEpoch: Int64(row[2]) ?? 0), utcOffset: Int(row[3]))
                #expect(row[0] == event["activity"] as? String)
                #expect(row[1] == (event["resource"] as? String ?? "-"))
                #expect(written.xsDateTime == event["timestamp"] as? String)
                #expect(row[4] == event["lifecycle"] as? String)
            }
        }

        // The import is recorded with the file's fingerprint; references hold.
        let record = try ImportTests.rows(runner, "log.db", ".sql SELECT hash, bytes, cases, steps FROM imports")
        #expect(record == [[reference["file_sha256"] as? String ?? "", "\(reference["file_bytes"] ?? "")", "\(reference["n_cases"] ?? "")", "\(reference["n_events"] ?? "")"]])
        #expect(try ImportTests.rows(runner, "log.db", ".sql SELECT count(*) FROM pragma_foreign_key_check") == [["0"]])
        #expect(try ImportTests.count(runner, "log.db", "audit | count") == 1)
    }

    @Test func attributesAreKeptAndQueryable() throws {
        guard let path = ImportTests.shared("receipt.xes.gz") else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["log.db", "-c", "import xes \"\(path)\" --dept 市环保局 --region 万源市 --category 行政许可"])
        let departments = try ImportTests.rows(runner, "log.db", "attributes | where scope = \"trace\" and key = \"department\" | count by value | sort value")
        #expect(departments == [["Customer contact", "29"], ["Experts", "15"], ["General", "1390"]])
        #expect(try ImportTests.count(runner, "log.db", "attributes | where scope = \"event\" and key = \"org:group\" | count") == 8577)
        #expect(try ImportTests.count(runner, "log.db", "attributes | where scope = \"extension\" | count") == 11)
        #expect(try ImportTests.rows(runner, "log.db", "items | select category, dept") == [["行政许可", "市环保局"]])
        #expect(try ImportTests.count(runner, "log.db", "attributes | where scope = \"global_trace\" and value = \"UNKNOWN\" | count") == 7)
        #expect(try ImportTests.rows(runner, "log.db", "departments | select name, region") == [["市环保局", "万源市"]])
    }

    @Test func aDryRunWritesNothingAndUndoRemovesAnImport() throws {
        guard let path = ImportTests.shared("roadtraffic50traces.xes") else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let dry = try runner.run(["log.db", "-c", "import xes \"\(path)\" --dry-run"])
        #expect(dry.status == 0)
        #expect(dry.standardOutput.contains("would import 51 cases, 201 steps"), "\(dry.standardOutput)")
        #expect(dry.standardError.contains("201 event times"), "\(dry.standardError)")
        #expect(try ImportTests.count(runner, "log.db", "imports | count") == 0)
        #expect(try ImportTests.count(runner, "log.db", "cases | count") == 0)

        try runner.run(["log.db", "-c", "import xes \"\(path)\" --dept 交警支队"])
        #expect(try ImportTests.count(runner, "log.db", "cases | count") == 51)
        let undo = try runner.run(["log.db", "-c", "import undo 1"])
        #expect(undo.status == 0, "\(undo.standardError)")
        #expect(undo.standardOutput == "undid import 1: removed 51 cases, 201 steps, \(try ImportTests.rows(runner, "log.db", ".sql SELECT rows FROM imports")[0][0]) rows in all\n")
        for source in ["cases", "steps", "operators", "departments", "regions", "items", "workflows", "attributes"] {
            #expect(try ImportTests.count(runner, "log.db", "\(source) | count") == 0, "\(source)")
        }
        #expect(try ImportTests.count(runner, "log.db", "imports | where undone is not null | count") == 1)
        #expect(try ImportTests.count(runner, "log.db", "audit | count") == 2)
        let again = try runner.run(["log.db", "-c", "import undo 1"])
        #expect(again.status != 0 && again.standardError.contains("import 1 was already undone"), "\(again.standardError)")
        // The same file imports again once undone.
        #expect(try runner.run(["log.db", "-c", "import xes \"\(path)\""]).status == 0)
        #expect(try ImportTests.count(runner, "log.db", "cases | count") == 51)
    }

    @Test func aCaseAlreadyInTheDatabaseStopsTheWholeImport() throws {
        guard let path = ImportTests.shared("roadtraffic50traces.xes") else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["log.db", "-c", "import xes \"\(path)\""])
        let before = try ImportTests.rows(runner, "log.db", ".sql SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM steps), (SELECT count(*) FROM imports), (SELECT count(*) FROM audit)")
        let twice = try runner.run(["log.db", "-c", "import xes \"\(path)\""])
        #expect(twice.status == 1)
        #expect(twice.standardError == "\(path):3:3: error: the case number A1 is already in the database (brought by import 1); undo that import first, or import into another database; nothing was imported\n")
        let after = try ImportTests.rows(runner, "log.db", ".sql SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM steps), (SELECT count(*) FROM imports), (SELECT count(*) FROM audit)")
        #expect(after == before)
    }

    static let event = #"<event><string key="concept:name" value="受理"/><date key="time:timestamp" value="2016-05-03T09:30:00.000+08:00"/></event>"#

    static func trace(_ number: String) -> String {
        #"<trace><string key="concept:name" value="\#(number)"/>\#(event)</trace>"#
    }

    /// Each bad file: its text, and the place and words of the error.
    static let badFiles: [(name: String, text: String, place: String, words: String)] = [
        ("malformed.xes", "<log>\n" + trace("c1") + "\n<trace><string key=\"concept:name\" value=\"c2\"></trace>\n</log>", ":3:", "does not close <string>"),
        ("date.xes", "<log>\n<trace><string key=\"concept:name\" value=\"c1\"/>\n<event><string key=\"concept:name\" value=\"a\"/><date key=\"time:timestamp\" value=\"03/05/2016 09:30\"/></event></trace></log>",
         ":3:46:", "not a date and time"),
        ("unnamed.xes", "<log>\n" + trace("c1") + "\n<trace>" + event + "</trace>\n</log>", ":3:1:", "has no concept:name"),
        ("twice.xes", "<log>\n" + trace("c1") + "\n" + trace("c2") + "\n" + trace("c1") + "\n</log>", ":4:1:", "appears twice in the file: at line 2, column 1"),
        ("bomb.xes", "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<log>&lol2;</log>", ":2:1:", "document type declaration"),
        ("external.xes", "<?xml version=\"1.0\"?>\n<!DOCTYPE log [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<log><string key=\"a\" value=\"&x;\"/></log>", ":2:1:", "document type declaration"),
        ("long.xes", "<log>\n<string key=\"a\" value=\"" + String(repeating: "长", count: 400_000) + "\"/></log>", ":2:", "longer than"),
        ("notxes.xes", "<html><body/></html>", ":1:1:", "the root element is <html>"),
        ("empty.xes", "", ":1:1:", "the file holds no element"),
    ]

    @Test func badFilesAreRefusedWithTheirPlaceAndImportNothing() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["log.db", "-c", "regions"])
        for bad in ImportTests.badFiles {
            try bad.text.write(toFile: runner.file(bad.name), atomically: true, encoding: .utf8)
            let outcome = try runner.run(["log.db", "-c", "import xes \(bad.name)"])
            #expect(outcome.status == 1, "\(bad.name)")
            #expect(outcome.standardError.hasPrefix(bad.name + bad.place), "\(bad.name): \(outcome.standardError)")
            #expect(outcome.standardError.contains(bad.words) && outcome.standardError.hasSuffix("nothing was imported\n"), "\(bad.name): \(outcome.standardError)")
        }
        #expect(try ImportTests.rows(runner, "log.db", ".sql SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM imports), (SELECT count(*) FROM departments), (SELECT count(*) FROM audit)") == [["0", "0", "0", "0"]])
    }

    @Test func aTruncatedGzipFileImportsNothing() throws {
        guard let path = ImportTests.shared("receipt.xes.gz"), let data = FileManager.default.contents(atPath: path) else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try data.prefix(150_000).write(to: URL(fileURLWithPath: runner.file("cut.xes.gz")))
        let outcome = try runner.run(["log.db", "-c", "import xes cut.xes.gz"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("cut.xes.gz:") && outcome.standardError.contains("the gzip stream is cut short"), "\(outcome.standardError)")
        #expect(try ImportTests.count(runner, "log.db", "cases | count") == 0)
        try "".write(toFile: runner.file("empty.csv"), atomically: true, encoding: .utf8)
        let empty = try runner.run(["log.db", "-c", "import csv steps empty.csv"])
        #expect(empty.status == 1 && empty.standardError.hasPrefix("empty.csv:1:1: error: the file is empty"), "\(empty.standardError)")
        let missing = try runner.run(["log.db", "-c", "import xes nowhere.xes"])
        #expect(missing.status == 1 && missing.standardError.contains("cannot read nowhere.xes"), "\(missing.standardError)")
    }

    /// A process killed in the middle of an import leaves the database as it was.
    @Test func anImportKilledHalfwayLeavesNothing() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["log.db", "-c", "regions"])
        let big = runner.file("big.xes")
        _ = FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: big))
        handle.write(Data("<log>\n".utf8))
        let payload = String(repeating: "x", count: 200)
        for block in 0 ..< 300 {
            var text = ""
            for index in 0 ..< 200 {
                text += #"<trace><string key="concept:name" value="c\#(block)-\#(index)"/><string key="pad" value="\#(payload)"/>"#
                    + ImportTests.event + ImportTests.event + "</trace>\n"
            }
            handle.write(Data(text.utf8))
        }
        handle.write(Data("</log>\n".utf8))
        try handle.close()

        let started = try runner.start(["log.db", "-c", "import xes big.xes"])
        // Kill it once the transaction is visibly under way (its journal is growing).
        let wal = runner.file("log.db-wal")
        var waited = 0
        while waited < 20_000 {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 2_000_000 { break }
            usleep(2_000)
            waited += 2
        }
        kill(started.pid, SIGKILL)
        let outcome = started.finish()
        #expect(outcome.status == 128 + SIGKILL, "the import finished before it could be killed: \(outcome.standardOutput)")
        #expect(try ImportTests.rows(runner, "log.db", ".sql SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM steps), (SELECT count(*) FROM imports)") == [["0", "0", "0"]])
        #expect(try ImportTests.rows(runner, "log.db", ".sql PRAGMA integrity_check") == [["ok"]])
    }
}

/// `export xes`: a round trip of the shared logs keeps cases, events, order, times with
/// their offsets, and attributes.
@Suite(.serialized) struct ExportTests {
    /// Everything a case and its steps hold, one line per step, in timeline order.
    static let dump = """
        .sql SELECT c.number, coalesce(c.extra, '-'), ws.name, coalesce(o.name, '-'), s.occurred, coalesce(s.utc_offset, '-'), \
        coalesce(s.lifecycle, '-'), coalesce(s.extra, '-') FROM cases c JOIN steps s ON s.case_id = c.id \
        LEFT JOIN workflow_steps ws ON ws.id = s.workflow_step_id LEFT JOIN operators o ON o.id = s.operator_id ORDER BY c.id, s.occurred, s.id
        """

    @Test(arguments: ["receipt.xes.gz", "roadtraffic50traces.xes"])
    func aRoundTripKeepsEverything(log: String) throws {
        guard let path = ImportTests.shared(log) else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let first = try runner.run(["one.db", "-c", "import xes \"\(path)\"", "-c", "export xes out.xes"])
        #expect(first.status == 0, "\(first.standardError)")
        let second = try runner.run(["two.db", "-c", "import xes out.xes", "-c", "export xes again.xes"])
        #expect(second.status == 0, "\(second.standardError)")
        let original = try ImportTests.rows(runner, "one.db", ExportTests.dump)
        #expect(original.count > 200)
        #expect(try ImportTests.rows(runner, "two.db", ExportTests.dump) == original)
        let header = ".sql SELECT scope, key, type, value, parent_id IS NULL FROM import_attributes ORDER BY id"
        #expect(try ImportTests.rows(runner, "two.db", header) == ImportTests.rows(runner, "one.db", header))
        // Exporting what was imported from an export gives the same file again.
        #expect(FileManager.default.contents(atPath: runner.file("out.xes")) == FileManager.default.contents(atPath: runner.file("again.xes")))
    }

    @Test func aQueryChoosesTheCasesAndBadRequestsArePlaced() throws {
        guard let path = ImportTests.shared("roadtraffic50traces.xes") else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["one.db", "-c", "import xes \"\(path)\""])
        let some = try runner.run(["one.db", "-c", "export xes 'some cases.xes' cases | where number in (\"A1\", \"A100\")"])
        #expect(some.standardOutput == "exported 2 cases, 7 steps to some cases.xes\n", "\(some.standardError)")
        let text = try String(contentsOfFile: runner.file("some cases.xes"), encoding: .utf8)
        #expect(text.components(separatedBy: "<trace>").count == 3)
        #expect(text.contains(#"<date key="time:timestamp" value="2006-07-24T00:00:00.000"/>"#))
        let notCases = try runner.run(["one.db", "-c", "export xes x.xes departments"])
        #expect(notCases.status == 1 && notCases.standardError.hasPrefix("-c:1:18: error: export xes takes a query over cases"), "\(notCases.standardError)")
        #expect(!FileManager.default.fileExists(atPath: runner.file("x.xes")))
        let unwritable = try runner.run(["one.db", "-c", "export xes /nonexistent/x.xes"])
        #expect(unwritable.status == 1 && unwritable.standardError.contains("cannot write /nonexistent/x.xes"), "\(unwritable.standardError)")
    }
}

/// `import csv KIND FILE`: platform exports by their header's column names.
@Suite(.serialized) struct CSVImportTests {
    static let files: [(kind: String, text: String)] = [
        ("regions", "name,code,level\n万源市,WY,county_city\n"),
        ("departments", "region,name,terminals,platform\n万源市,万源市房管局,3,online\n万源市,万源市环保局,0,none\n"),
        ("workflows", "workflow,dept,position,step,role,time_limit,risk_point\n房屋登记流程,万源市房管局,1,受理,clerk,1,0\n房屋登记流程,万源市房管局,2,审核,reviewer,3,是\n房屋登记流程,万源市房管局,3,决定,leader,2,0\n"),
        ("items", "code,name,category,dept,workflow\nFG-001,房屋登记,行政确认,万源市房管局,房屋登记流程\n"),
        ("catalog", "code,name,category,dept,published\nFG-001,房屋登记,行政确认,万源市房管局,2015-12-01\n"),
        ("cases", "Number,Item,Opened,Decided,Result\n2016-WY-0001,FG-001,2016-05-03 09:30,2016-05-10 16:00,准予登记\n2016-WY-0002,FG-001,2016-05-04T10:00:00+08:00,,\n"),
        ("steps", "\u{FEFF}case,step,operator,occurred,recorded,note,extra\r\n2016-WY-0001,受理,张三,2016-05-03 09:30,2016-05-03 09:31,\r\n"
            + "2016-WY-0001,审核,李四,2016-05-05 10:00,2016-05-09 10:00,\"补录, 见\"\"说明\"\"\n第二行\"\r\n2016-WY-0002,受理,张三,2016-05-04 10:00,,\r\n"),
        ("alerts", "case,step,kind,level,raised,handled,handled_by,disposition\n2016-WY-0001,审核,overtime,alarm,2016-05-09 09:00,2016-05-09 11:00,王督查,已督办\n2016-WY-0002,,rule,warning,2016-05-05 09:00,,,\n"),
        ("logins", "operator,dept,at\n王督查,万源市房管局,2016-05-09 10:55\n"),
    ]

    @Test func anExportChainImportsAndReadsBackThroughTheLanguage() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        for file in CSVImportTests.files {
            try file.text.write(toFile: runner.file(file.kind + ".csv"), atomically: true, encoding: .utf8)
            let outcome = try runner.run(["c.db", "-c", "import csv \(file.kind) \(file.kind).csv"])
            #expect(outcome.status == 0, "\(file.kind): \(outcome.standardError)")
        }
        #expect(try ImportTests.rows(runner, "c.db", "steps | select case, step, operator, occurred, recorded") == [
            ["2016-WY-0001", "受理", "张三", "2016-05-03 09:30:00", "2016-05-03 09:31:00"],
            ["2016-WY-0001", "审核", "李四", "2016-05-05 10:00:00", "2016-05-09 10:00:00"],
            ["2016-WY-0002", "受理", "张三", "2016-05-04 10:00:00", ""],
        ])
        #expect(try ImportTests.count(runner, "c.db", ".sql SELECT count(*) FROM steps WHERE note = '补录, 见\"说明\"' || char(10) || '第二行'") == 1)
        // The steps came into an empty table, so its indexes were dropped for the import and
        // built (and sampled for the planner) at its end: all there, as a new database has them.
        let indexes = ".sql SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"
        #expect(try runner.run(["new.db", "-c", "regions | count"]).status == 0)
        #expect(try ImportTests.rows(runner, "c.db", indexes) == ImportTests.rows(runner, "new.db", indexes))
        #expect(try ImportTests.rows(runner, "c.db", ".sql SELECT idx FROM sqlite_stat1 WHERE tbl = 'steps' ORDER BY idx")
                == [["steps_case"], ["steps_operator"], ["steps_workflow_step"]])
        #expect(try ImportTests.count(runner, "c.db", "steps | where recorded - occurred > 3d | count") == 1)
        // Beijing times only: calendar questions stay plain.
        #expect(try ImportTests.rows(runner, "c.db", ".sql SELECT count(*) FROM settings WHERE key = 'written_offsets'") == [["0"]])
        let plain = try runner.run(["c.db", "-c", "explain steps | where occurred in 2016-05 | count"])
        #expect(!plain.standardOutput.contains("utc_offset"), "\(plain.standardOutput)")
        #expect(try ImportTests.rows(runner, "c.db", "alerts | where level = alarm | select case, handled_by, disposition") == [["2016-WY-0001", "王督查", "已督办"]])
        #expect(try ImportTests.rows(runner, "c.db", "operators | select name, role | sort name") == [["张三", "clerk"], ["李四", "clerk"], ["王督查", "supervisor"]])
        #expect(try ImportTests.rows(runner, "c.db", "workflows | select name, dept") == [["房屋登记流程", "万源市房管局"]])
        #expect(try ImportTests.count(runner, "c.db", ".sql SELECT risk_point FROM workflow_steps WHERE name = '审核'") == 1)
        #expect(try ImportTests.rows(runner, "c.db", "departments | where cases(2016-05) = 0 | select name") == [["万源市环保局"]])
        #expect(try ImportTests.rows(runner, "c.db", ".sql SELECT kind, note FROM imports WHERE kind = 'csv:steps'") == [["csv:steps", "columns ignored: extra"]])
        // Undoing the steps import takes the steps and their new operators, not the cases.
        let undo = try runner.run(["c.db", "-c", "import undo 7"])
        #expect(undo.status == 0, "\(undo.standardError)")
        #expect(try ImportTests.count(runner, "c.db", "steps | count") == 0)
        #expect(try ImportTests.count(runner, "c.db", "cases | count") == 2)
        #expect(try ImportTests.rows(runner, "c.db", "operators | select name") == [["王督查"]])
    }

    /// Each bad file: its kind, its text, the place and words of the error.
    static let badFiles: [(kind: String, text: String, place: String, words: String)] = [
        ("steps", "case,step,occurred\n2016-WY-0001,审合,2016-05-03 09:30\n", ":2:14:", "has no step 审合 (did you mean '审核'?)"),
        ("steps", "case,occurred\n2016-WY-0009,2016-05-03 09:30\n", ":2:1:", "no case has the number 2016-WY-0009"),
        ("steps", "case,occurred\n2016-WY-0001,05/03/2016\n", ":2:14:", "occurred \"05/03/2016\" is not a date and time"),
        ("steps", "case,occurred\n\"2016-WY-0001,2016-05-03\n", ":2:1:", "is never closed"),
        ("steps", "case,when\n2016-WY-0001,2016-05-03\n", ":1:1:", "the header lacks the column 'occurred'"),
        ("alerts", "case,kind,level,raised\n2016-WY-0001,overtime,alarmm,2016-05-09\n", ":2:23:", "level \"alarmm\" is not one of warning, alarm (did you mean 'alarm'?)"),
        ("departments", "name,region\n万源市财政局,万原市\n", ":2:8:", "no region is called 万原市 (did you mean '万源市'?)"),
        ("cases", "number,item,opened\n2016-WY-0001,FG-001,2016-05-03\n", ":2:1:", "the case number 2016-WY-0001 is already in the database"),
        ("cases", "number,item,opened\n2016-WY-0003,FG-001,2016-05-03\n2016-WY-0004,FG-404,2016-05-03\n", ":3:14:", "no item has the code FG-404"),
    ]

    @Test func badRowsArePlacedAndImportNothing() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        for file in CSVImportTests.files.prefix(7) {
            try file.text.write(toFile: runner.file(file.kind + ".csv"), atomically: true, encoding: .utf8)
            #expect(try runner.run(["c.db", "-c", "import csv \(file.kind) \(file.kind).csv"]).status == 0)
        }
        let counts = ".sql SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM steps), (SELECT count(*) FROM imports), (SELECT count(*) FROM regions), (SELECT count(*) FROM departments)"
        let before = try ImportTests.rows(runner, "c.db", counts)
        for (index, bad) in CSVImportTests.badFiles.enumerated() {
            let name = "bad\(index).csv"
            try bad.text.write(toFile: runner.file(name), atomically: true, encoding: .utf8)
            let outcome = try runner.run(["c.db", "-c", "import csv \(bad.kind) \(name)"])
            #expect(outcome.status == 1, "\(name)")
            #expect(outcome.standardError.hasPrefix(name + bad.place) && outcome.standardError.contains(bad.words), "\(name): \(outcome.standardError)")
            #expect(outcome.standardError.hasSuffix("nothing was imported\n"), "\(name): \(outcome.standardError)")
        }
        #expect(try ImportTests.rows(runner, "c.db", counts) == before)
        try CSVImportTests.files[7].text.write(toFile: runner.file("alerts.csv"), atomically: true, encoding: .utf8)
        // The alerts table is empty, so the dry run drops its indexes for the bulk; the
        // rollback brings them back.
        let indexes = ".sql SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"
        let indexesBefore = try ImportTests.rows(runner, "c.db", indexes)
        #expect(indexesBefore.contains(where: { $0.first == "alerts_open" }))
        let dry = try runner.run(["c.db", "-c", "import csv alerts alerts.csv --dry-run"])
        #expect(dry.standardOutput.hasPrefix("dry run: alerts.csv would import 2 rows of alerts"), "\(dry.standardOutput)")
        #expect(try ImportTests.rows(runner, "c.db", counts) == before)
        #expect(try ImportTests.rows(runner, "c.db", indexes) == indexesBefore)
        let kind = try runner.run(["c.db", "-c", "import csv step steps.csv"])
        #expect(kind.standardError == "-c:1:12: error: unknown kind 'step' (did you mean 'steps'?); the kinds are regions, departments, workflows, items, catalog, cases, steps, alerts, logins\n")
    }
}

/// `trace`, `variants` and `handovers` on the shared real logs give the reference figures.
@Suite(.serialized) struct ProcessViewTests {
    @Test(arguments: ["receipt", "roadtraffic50traces"])
    func viewsReproduceTheReference(log: String) throws {
        guard let reference = ImportTests.reference(log), let file = reference["file"] as? String, let path = ImportTests.shared(file) else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["log.db", "-c", "import xes \"\(path)\""]).status == 0)

        let variants = try ImportTests.rows(runner, "log.db", "variants")
        #expect(variants.count == reference["n_variants"] as? Int)
        let topVariants = try #require(reference["top_variants"] as? [[String: Any]])
        for (row, expected) in zip(variants, topVariants) {
            #expect(Int(row[1]) == expected["count"] as? Int && Int(row[3]) == expected["length"] as? Int, "\(row)")
            #expect(row[4] == (expected["activities"] as? [String] ?? []).joined(separator: " → "))
        }

        let handovers = try ImportTests.rows(runner, "log.db", "handovers")
        #expect(handovers.count == reference["handover_distinct_pairs"] as? Int)
        #expect(handovers.map { Int($0[3]) ?? 0 }.reduce(0, +) == reference["handover_total"] as? Int)
        let topPairs = try #require(reference["top_handover_pairs"] as? [[String: Any]])
        #expect(handovers.prefix(topPairs.count).map { [$0[1], $0[2], $0[3]] } == topPairs.map { ["\($0["from"] ?? "")", "\($0["to"] ?? "")", "\($0["count"] ?? "")"] })

        let alone = try ImportTests.count(runner, "log.db", "steps | group by case aggregate count(distinct operator) as people | where people = 1 | count")
        #expect(alone == reference["one_person_cases"] as? Int)

        let timelines = try #require(reference["timelines"] as? [String: [String: Any]])
        for (_, timeline) in timelines {
            let number = try #require(timeline["case_id"] as? String)
            let events = try #require(timeline["events"] as? [[String: Any]])
            let rows = try ImportTests.rows(runner, "log.db", "trace \(number)")
            #expect(rows.map { [$0[1], $0[2]] } == events.map { [$0["activity"] as? String ?? "", $0["resource"] as? String ?? ""] }, "\(number)")
        }
    }

    @Test func traceFindsCasesAndSaysWhatStandsOut() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        for file in CSVImportTests.files {
            try file.text.write(toFile: runner.file(file.kind + ".csv"), atomically: true, encoding: .utf8)
            #expect(try runner.run(["c.db", "-c", "import csv \(file.kind) \(file.kind).csv"]).status == 0)
        }
        let trace = try runner.run(["c.db", "-c", "trace 2016-WY-0001"])
        #expect(trace.status == 0, "\(trace.standardError)")
        #expect(trace.standardOutput.hasPrefix("案件 2016-WY-0001 · 房屋登记 (行政确认) · 万源市房管局, 万源市\nopened 2016-05-03 09:30:00 · decided 2016-05-10 16:00:00 · 准予登记 · 2 step records\n"),
                "\(trace.standardOutput)")
        for line in ["  2016-05-09 09:00:00 alarm (overtime) at 审核 — handled 2016-05-09 11:00:00 by 王督查: 已督办",
                     "  ⚑ missing step: the workflow's step 决定 was never recorded",
                     "  ⚑ recorded late: step 2 审核 was recorded 4d after it occurred"] {
            #expect(trace.standardOutput.contains(line + "\n"), "\(line)\n\(trace.standardOutput)")
        }
        let rows = try ImportTests.rows(runner, "c.db", "trace 2016-WY-0002")
        #expect(rows.map { Array($0.prefix(4)) } == [["1", "受理", "张三", "clerk"]])
        let ambiguous = try runner.run(["c.db", "-c", "trace 2016-WY"])
        #expect(ambiguous.standardError == "-c:1:7: error: several cases start with 2016-WY: 2016-WY-0001, 2016-WY-0002; type more of the number\n")
        let unknown = try runner.run(["c.db", "-c", "trace 2016-WX-0001"])
        #expect(unknown.standardError.hasPrefix("-c:1:7: error: no case has the number 2016-WX-0001 (did you mean '2016-WY-0001' or '2016-WY-0002'?)"), "\(unknown.standardError)")
        let unique = try runner.run(["c.db", "-c", ".mode csv", "-c", "trace 2016-WY-0002"])
        #expect(unique.standardOutput.hasPrefix("#,step,operator,role,occurred,recorded,gap,working_days,limit,flags\n1,受理,张三,clerk,2016-05-04 10:00:00,"), "\(unique.standardOutput)")
        let variants = try ImportTests.rows(runner, "c.db", "variants for 万源市房管局")
        #expect(variants == [["1", "1", "50.0", "1", "受理"], ["2", "1", "50.0", "2", "受理 → 审核"]])
        let who = try runner.run(["c.db", "-c", "who 张三"])
        #expect(who.standardOutput.hasPrefix("张三 · clerk · 万源市房管局\n2 step records in 2 cases; alone in 1 of them (50.0%)\nsteps:\n"), "\(who.standardOutput)")
        #expect(who.standardOutput.contains("hands work to:\n        1  李四\nreceives work from: nobody\n"), "\(who.standardOutput)")
        #expect(who.standardOutput.contains("recorded, by weekday: 周一 0  周二 1  周三 0"), "\(who.standardOutput)")
        let whoRows = try ImportTests.rows(runner, "c.db", "who 张三")
        #expect(whoRows.contains(["hour", "9", "1"]) && whoRows.contains(["hands to", "李四", "1"]) && whoRows.contains(["total", "cases alone", "1"]))
        let nobody = try runner.run(["c.db", "-c", "who 张山"])
        #expect(nobody.standardError.hasPrefix("-c:1:5: error: no operator is called 张山 (did you mean '张三'"), "\(nobody.standardError)")
        // The item's last case came before its alarm: it has gone silent; a later case ends that.
        #expect(try ImportTests.rows(runner, "c.db", "check item-silent-after-alarm 2016-05").map { Array($0.prefix(4)) } == [["item-silent-after-alarm", "items", "1", "FG-001 房屋登记"]])
        try "number,item,opened\n2016-WY-0003,FG-001,2016-05-12 09:00\n".write(toFile: runner.file("later.csv"), atomically: true, encoding: .utf8)
        #expect(try runner.run(["c.db", "-c", "import csv cases later.csv"]).status == 0)
        #expect(try ImportTests.rows(runner, "c.db", "check item-silent-after-alarm 2016-05").isEmpty)
        let nowhere = try runner.run(["c.db", "-c", "handovers for 万源市房官局"])
        #expect(nowhere.standardError.hasPrefix("-c:1:15: error: no department or item is called 万源市房官局 (did you mean '万源市房管局'"), "\(nowhere.standardError)")
    }
}

/// `check`: the summary, one check's hits, findings kept without duplicates, the data
/// gate, and mistakes with did-you-mean.
@Suite(.serialized) struct CheckCommandTests {
    @Test func checksRunKeepFindingsAndSayWhatIsWrong() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let generated = try runner.run(["demo", "--out", runner.file("demo.db")])
        try #require(generated.status == 0, "\(generated.standardError)")
        // In csv mode, one row per finding.
        let findings = try ImportTests.rows(runner, "demo.db", "check")
        let byCheck = Dictionary(grouping: findings, by: { $0[0] })
        #expect(byCheck.count == CheckCatalog.all.count, "\(byCheck.keys.sorted())")
        #expect(byCheck["zero-cases"]?.count == 62)
        #expect(byCheck["zero-cases"]?.allSatisfy { $0[1] == "departments" && $0[3] == $0[4] } == true)
        let kept = try ImportTests.count(runner, "demo.db", "findings | count")
        #expect(kept == findings.count)
        // On screen, a summary: a row per check.
        let table = try runner.run(["demo.db", "-c", "check"])
        let zeroLine = table.standardOutput.split(separator: "\n").first { $0.hasPrefix("│ zero-cases ") }
        #expect(zeroLine?.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.prefix(4) == ["zero-cases", "零办件", "62", "62"], "\(table.standardOutput.prefix(600))")
        // Running again replaces, not adds.
        _ = try ImportTests.rows(runner, "demo.db", "check")
        #expect(try ImportTests.count(runner, "demo.db", "findings | count") == kept)
        #expect(try ImportTests.count(runner, "demo.db", "findings | where check_id = \"zero-cases\" and period = \"2016-01..2016-04\" | count") == 62)

        // A finding opens with its evidence, and a case's trace.
        let bulk = try ImportTests.rows(runner, "demo.db", "findings | where check_id = \"bulk-recording\" | select id | take 1")
        let opened = try runner.run(["demo.db", "-c", "finding \(bulk.first?.first ?? "")"])
        #expect(opened.standardOutput.contains("bulk-recording v1 · 集中补录") && opened.standardOutput.contains("resting on ")
                && opened.standardOutput.contains("\n案件 "), "\(opened.standardOutput.prefix(800))")

        let wanyuan = try ImportTests.rows(runner, "demo.db", "check zero-cases 2016-01..2016-04 for 万源市")
        #expect(!wanyuan.isEmpty && wanyuan.allSatisfy { $0[0] == "zero-cases" && $0[5] == "万源市" }, "\(wanyuan.prefix(3))")
        let fewer = try ImportTests.rows(runner, "demo.db", "check late-recording hours=100000")
        #expect(fewer.isEmpty)
        // A parameter saved for one check applies to its later runs, until given otherwise.
        let usual = try ImportTests.rows(runner, "demo.db", "check late-recording").count
        _ = try ImportTests.rows(runner, "demo.db", "check no-platform late-recording.hours=100000 --save")
        #expect(try ImportTests.rows(runner, "demo.db", "check late-recording").isEmpty)
        #expect(try ImportTests.rows(runner, "demo.db", "check late-recording hours=72").count == usual)
        #expect(try ImportTests.rows(runner, "demo.db", ".sql SELECT value FROM settings WHERE key = 'check.late-recording.hours'") == [["100000"]])

        for (command, message) in [
            ("check zero-case", "-c:1:7: error: no check is called 'zero-case' (did you mean 'zero-cases'?)"),
            ("check monhts=2", "-c:1:7: error: no check has the parameter 'monhts' (did you mean 'months'?)"),
            ("check late-recording.hour=3", "-c:1:7: error: late-recording has no parameter 'hour' (did you mean 'hours'?); it takes hours"),
            ("check 2014-01..2014-03", "-c:1:6: error: the period 2014-01..2014-03 lies outside the data: cases were opened from"),
            ("check 2016-13", "-c:1:7: error: '2016-13' is not a period"),
        ] {
            let outcome = try runner.run(["demo.db", "-c", command])
            #expect(outcome.status == 1 && outcome.standardError.hasPrefix(message), "\(command): \(outcome.standardError)")
        }
        let empty = try runner.run(["empty.db", "-c", "check"])
        #expect(empty.standardError.contains("the database has no cases"), "\(empty.standardError)")
    }

    /// On the real receipt log: the one-person count under the reference's convention, and
    /// backfilling skipped because an event log has no recorded-at times.
    @Test func theRealLogGivesTheReferenceOnePersonCount() throws {
        guard let reference = ImportTests.reference("receipt"), let path = ImportTests.shared("receipt.xes.gz") else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["log.db", "-c", "import xes \"\(path)\""]).status == 0)
        let alone = try ImportTests.rows(runner, "log.db", "check one-person-case steps=1 leader=0")
        #expect(alone.count == reference["one_person_cases"] as? Int)
        let twoOrMore = try ImportTests.rows(runner, "log.db", "check one-person-case steps=2 leader=0")
        #expect(twoOrMore.count == reference["one_person_cases_with_2plus_events"] as? Int)
        let late = try runner.run(["log.db", "-c", "check late-recording"])
        #expect(late.standardError.contains("note: late-recording was not run: no step has a recorded-at time"), "\(late.standardError)")
    }
}

/// Edge cases of imports, undo and checks that once went wrong.
@Suite(.serialized) struct ImportEdgeCaseTests {
    /// The CSV chain up to cases, imported into `c.db`.
    static func chain(_ runner: BinaryRunner) throws {
        for file in CSVImportTests.files.prefix(6) {
            try file.text.write(toFile: runner.file(file.kind + ".csv"), atomically: true, encoding: .utf8)
            #expect(try runner.run(["c.db", "-c", "import csv \(file.kind) \(file.kind).csv"]).status == 0)
        }
    }

    @Test func stepsAddedLaterToAnOlderCaseAreChecked() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ImportEdgeCaseTests.chain(runner)
        try "case,step,occurred,recorded\n2016-WY-0002,受理,2016-05-04 10:00,2016-05-04 10:05\n".write(toFile: runner.file("s1.csv"), atomically: true, encoding: .utf8)
        try "case,step,occurred,recorded\n2016-WY-0001,受理,2016-05-03 09:30,2016-05-21 09:30\n".write(toFile: runner.file("s2.csv"), atomically: true, encoding: .utf8)
        #expect(try runner.run(["c.db", "-c", "import csv steps s1.csv", "-c", "import csv steps s2.csv"]).status == 0)
        #expect(try ImportTests.rows(runner, "c.db", "check late-recording").map { $0[3] } == ["2016-WY-0001"])
    }

    @Test func csvRowsAndDelimitersThatOnceCrashed() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try "name,code,level\nX\n".write(toFile: runner.file("short.csv"), atomically: true, encoding: .utf8)
        let short = try runner.run(["c.db", "-c", "import csv regions short.csv"])
        #expect(short.status == 1 && short.standardError.hasPrefix("short.csv:2:1: error: code is empty"), "\(short.standardError)")
        try "name,code,level\nX,Y,city,extra\n".write(toFile: runner.file("long.csv"), atomically: true, encoding: .utf8)
        let long = try runner.run(["c.db", "-c", "import csv regions long.csv"])
        #expect(long.status == 1 && long.standardError.hasPrefix("long.csv:2:10: error: this row has 4 fields where the header names 3 columns"), "\(long.standardError)")
        let wide = try runner.run(["c.db", "-c", "import csv regions long.csv --delimiter ，"])
        #expect(wide.status == 1 && wide.standardError.contains("--delimiter takes one ASCII character"), "\(wide.standardError)")
        let pipe = try runner.run(["c.db", "-c", "import xes /dev/null"])
        #expect(pipe.status == 1 && pipe.standardError.contains("is not a regular file"), "\(pipe.standardError)")
    }

    @Test func checkParametersAndScopedRunsKeepTheirBounds() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ImportEdgeCaseTests.chain(runner)
        let huge = try runner.run(["c.db", "-c", "check late-recording hours=3000000000000 --save"])
        #expect(huge.status == 1 && huge.standardError.contains("hours takes a whole number from 0 to 1000000"), "\(huge.standardError)")
        // Two departments with few terminals; a run for one of them keeps the other's finding.
        #expect(try ImportTests.rows(runner, "c.db", "check few-terminals").isEmpty)
        try "name,region,terminals\n万源市财政局,万源市,1\n万源市统计局,万源市,2\n".write(toFile: runner.file("more.csv"), atomically: true, encoding: .utf8)
        #expect(try runner.run(["c.db", "-c", "import csv departments more.csv"]).status == 0)
        #expect(try ImportTests.rows(runner, "c.db", "check few-terminals").count == 2)
        #expect(try ImportTests.rows(runner, "c.db", "check few-terminals for 万源市财政局").count == 1)
        #expect(try ImportTests.count(runner, "c.db", "findings | where check_id = \"few-terminals\" | count") == 2)
    }

    @Test func undoAfterChecksAndUndoThatOthersDependOn() throws {
        guard let path = ImportTests.shared("roadtraffic50traces.xes") else { return }
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["log.db", "-c", "import xes \"\(path)\" --dept 交警支队"]).status == 0)
        _ = try ImportTests.rows(runner, "log.db", "check 2006-08..2006-12")
        #expect(try ImportTests.count(runner, "log.db", "findings | count") > 0)
        // A second import into the same department depends on the first.
        try "number,item,opened\nB1,IMPORT-1,2016-05-03 09:30\n".write(toFile: runner.file("more.csv"), atomically: true, encoding: .utf8)
        #expect(try runner.run(["log.db", "-c", "import csv cases more.csv"]).status == 0)
        let refused = try runner.run(["log.db", "-c", "import undo 1"])
        #expect(refused.status == 1 && refused.standardError.contains("import 1 cannot be undone: 1 cases from elsewhere"), "\(refused.standardError)")
        #expect(try runner.run(["log.db", "-c", "import undo 2"]).status == 0)
        let undone = try runner.run(["log.db", "-c", "import undo 1"])
        #expect(undone.status == 0, "\(undone.standardError)")
        for source in ["cases", "steps", "operators", "departments", "regions", "items", "workflows", "findings"] {
            #expect(try ImportTests.count(runner, "log.db", "\(source) | count") == 0, "\(source)")
        }
        // Cases imported from CSV export with a standard XES header.
        try ImportEdgeCaseTests.chain(runner)
        let exported = try runner.run(["c.db", "-c", "export xes c.xes"])
        #expect(exported.status == 0)
        let text = try String(contentsOfFile: runner.file("c.xes"), encoding: .utf8)
        #expect(text.contains("<log xes.version=\"1.0\""), "\(text.prefix(200))")
    }
}
