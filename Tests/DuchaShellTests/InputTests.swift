import Foundation
import Testing
import DuchaCore
import DuchaStore
@testable import DuchaShell

@Suite struct CommandWordsTests {
    @Test func quotedWordsKeepBlanksAndOffsets() {
        let words = CommandWords(#".output "整改 台账.csv" x"#)
        #expect(words.words == [.init(text: ".output", offset: 0), .init(text: "整改 台账.csv", offset: 8), .init(text: "x", offset: 20)])
        #expect(words.unterminatedQuoteOffset == nil)
        #expect(CommandWords(#".read "a.dq"#).unterminatedQuoteOffset == 6)
    }

    @Test func singleQuotesGroupAsWritten() {
        let words = CommandWords(#"import xes 'my "log".xes' --dry-run"#)
        #expect(words.words.map(\.text) == ["import", "xes", #"my "log".xes"#, "--dry-run"])
        #expect(words.words[2].offset == 11)
        let open = CommandWords("import xes 'a.xes")
        #expect(open.unterminatedQuoteOffset == 11)
        #expect(open.unterminatedMessage == "unterminated string; close it with '")
    }
}

@Suite struct LineSourceTests {
    @Test func linesAreSplitOnNewlinesAndCarriageReturnsDropped() {
        var source = TextLineSource(name: "s.dq", bytes: Array("\u{FEFF}a\r\nb\n\nc".utf8))
        #expect(source.next(continuation: nil) == .line("a", number: 1))
        #expect(source.next(continuation: nil) == .line("b", number: 2))
        #expect(source.next(continuation: nil) == .line("", number: 3))
        #expect(source.next(continuation: nil) == .line("c", number: 4))
        #expect(source.next(continuation: nil) == .end)
    }

    @Test func invalidUTF8IsPlacedAtItsColumn() {
        var source = TextLineSource(name: "s.dq", bytes: Array("ok\n".utf8) + Array("部门".utf8) + [0xFF, 0x41])
        #expect(source.next(continuation: nil) == .line("ok", number: 1))
        guard case .invalid(let error) = source.next(continuation: nil) else {
            Issue.record("expected an invalid line")
            return
        }
        #expect(error.position == SourcePosition(source: "s.dq", line: 2, column: 3))
        #expect(error.rendered == "s.dq:2:3: error: invalid UTF-8 (byte 0xFF); save the input as UTF-8")
    }

    @Test(arguments: [
        (["departments |", "count"], "departments | count", [false, true], ["|"]),
        (["cases \\", "| count"], "cases | count", [false, true], ["\\"]),
        (["cases | where name = \"万源", "市\" | count"], "cases | where name = \"万源\n市\" | count", [false, true], ["\""]),
        (["departments | select count(cases", ")"], "departments | select count(cases )", [false, true], ["("]),
        ([".sql SELECT 1 |"], ".sql SELECT 1 |", [true], []),
        ([".sql SELECT \\", "1"], ".sql SELECT 1", [false, true], ["\\"]),
        (["cases | where note = \"a \\\\", "b\""], "cases | where note = \"a \\\\\nb\"", [false, true], ["\""]),
    ])
    func entriesContinueWhileSomethingIsOpen(lines: [String], joined: String, completes: [Bool], markers: [String]) {
        var entry = EntryBuilder()
        var seenMarkers: [String] = []
        for (line, expected) in zip(lines, completes) {
            #expect(entry.add(line) == expected, "\(line)")
            if let marker = entry.openMarker { seenMarkers.append(marker) }
        }
        #expect(entry.text == joined)
        #expect(seenMarkers == markers)
    }
}

/// A session on an in-memory store, with its outputs captured.
func makeSession() throws -> (Session, TextOutput, TextOutput) {
    let output = TextOutput.memory()
    let errors = TextOutput.memory()
    let session = Session(store: try Store.inMemory(), standardOutput: output, diagnostics: errors,
                          clock: .fixed(CivilDate("2016-06-30")!), colourAllowed: false)
    return (session, output, errors)
}

func runScript(_ text: String, bail: Bool = false) throws -> (InputLoop.Result, String, String) {
    let (session, output, errors) = try makeSession()
    var source = TextLineSource(name: "t.dq", text: text)
    let result = InputLoop.run(&source, in: session, bail: bail)
    return (result, output.captured, errors.captured)
}

@Suite struct SessionTests {
    @Test func errorsArePlacedAndTheRunGoesOn() throws {
        let (result, output, errors) = try runScript(".mode csv\n  csaes\n.sql SELECT 1 AS n\n.mode bogus\n")
        #expect(result.status == .inputError)
        #expect(output == "n\n1\n")
        #expect(errors == """
            t.dq:2:3: error: unknown source or command 'csaes' (did you mean 'cases'?); .help lists what there is
            t.dq:4:7: error: unknown mode 'bogus'; expected one of table, csv, tsv, json, markdown, line

            """)
    }

    /// What a query means depends on two settings, read for each query: the story date
    /// (`today`) and whether imported times carry their own offsets (then calendar
    /// questions read each time's offset).
    @Test func theQueryContextFollowsTheStoredSettings() throws {
        let (session, _, _) = try makeSession()
        #expect(session.queryContext.today == CivilDate("2016-06-30"))
        #expect(session.queryContext.writtenOffsetsVary == false)
        try session.store.setSetting("story_date", to: "2016-05-20")
        try session.store.setSetting(Store.writtenOffsetsSetting, to: "vary")
        let context = session.queryContext
        #expect(context.today == CivilDate("2016-05-20"))
        #expect(ChinaTime.local(context.now).date == CivilDate("2016-05-20"))
        #expect(context.writtenOffsetsVary)
        session.todayOverride = CivilDate("2016-01-04")
        #expect(session.queryContext.today == CivilDate("2016-01-04"))
    }

    @Test func bailStopsAtTheFirstError() throws {
        let (result, output, errors) = try runScript(".mode csv\n.nope\n.sql SELECT 1 AS n\n", bail: true)
        #expect(result.status == .inputError)
        #expect(output == "")
        #expect(errors.hasPrefix("t.dq:2:1: error: unknown command '.nope'"))
    }

    @Test func continuationLinesJoinIntoOneEntry() throws {
        let (result, output, _) = try runScript(".mode csv\n.sql SELECT \\\n 2 AS n\n")
        #expect(result.status == .success)
        #expect(output == "n\n2\n")
    }

    @Test func anUnfinishedEntryAtTheEndIsReported() throws {
        let (result, _, errors) = try runScript("regions |\n")
        #expect(result.status == .inputError)
        #expect(errors == "t.dq:1:1: error: the input ended inside a pipeline ending in | (the next stage is missing); finish the entry or remove what opened it\n")
        let (_, _, quoteErrors) = try runScript(".mode csv\ncases | where name = \"万源\n")
        #expect(quoteErrors == "t.dq:2:1: error: the input ended inside a string (its closing quote is missing); finish the entry or remove what opened it\n")
    }

    @Test func todayComesFromOverrideThenStoryDateThenClock() throws {
        let (session, output, _) = try makeSession()
        var source = TextLineSource(name: "t", text: ".today\n.today 2016-05-20\n.today\n.today off\n.today 2016-02-30\n")
        _ = InputLoop.run(&source, in: session, bail: false)
        try session.store.setSetting("story_date", to: "2016-05-20")
        var again = TextLineSource(name: "t", text: ".today\n")
        _ = InputLoop.run(&again, in: session, bail: false)
        #expect(output.captured == """
            today: 2016-06-30 (the system clock, Asia/Shanghai)
            today: 2016-05-20 (set with .today or --today)
            today: 2016-05-20 (the database's story date)

            """)
    }

    @Test func quitStopsTheLoop() throws {
        let (result, output, _) = try runScript(".mode csv\n.quit\n.sql SELECT 1\n")
        #expect(result.quit)
        #expect(output == "")
    }

    @Test func helpIsGeneratedFromTheTable() throws {
        let (_, output, _) = try runScript(".help\n.help mode\n")
        for command in DotCommand.all { #expect(output.contains(command.synopsis)) }
        for entity in Entity.allCases { #expect(output.contains(entity.rawValue)) }
        #expect(output.contains("markdown  Markdown table"))
    }

    @Test func schemaDescribesASourceByAnyName() throws {
        let (_, output, errors) = try runScript(".mode csv\n.schema 案件\n.schema casse\n")
        #expect(output.hasPrefix("field,kind,refers to,meaning\nid,integer,,row id\nnumber,text,,"))
        #expect(errors.contains("no source 'casse' (did you mean 'cases'?)"))
    }
}

@Suite struct CompleterTests {
    @Test(arguments: [
        (".mo", [".mode"]), (".m", [".maxrows", ".mode"]), (".mode c", ["csv"]), (".timer ", ["off", "on"]),
        ("dep", ["departments"]), ("案", ["案件"]), (".schema ca", ["cases", "catalog"]), ("cases x", []),
    ])
    func candidates(line: String, expected: [String]) throws {
        let (session, _, _) = try makeSession()
        #expect(Completer.complete(line, in: session).candidates == expected)
    }

    /// Queries complete from the grammar, the schema and the stored names.
    @Test(arguments: [
        ("cases | ", ["assert", "chart", "count", "distinct", "group", "select", "sort", "take", "where"]),
        ("cases | wh", ["where"]),
        ("alerts | where lev", ["level"]),
        ("alerts | where level = ", ["alarm", "now", "today", "warning"]),
        ("alerts | where level in (warning, ", ["alarm", "warning"]),
        ("alerts | where level = al", ["alarm"]),
        ("cases | where dept = \"市农", ["\"市农业局\""]),
        ("cases | where dept = “万", ["“万源市房管局”"]),
        ("cases | where dept.reg", ["region"]),
        ("cases | where dept.region = \"", ["\"万源市\"", "\"市级\""]),
        ("cases | count by dept | sort ", ["count", "dept"]),
        ("cases | sort opened ", ["asc", "desc"]),
        ("alerts | where handled is ", ["not", "null"]),
        ("explain cases | se", ["select"]),
        ("import ", ["csv", "undo", "xes"]),
        ("import csv st", ["steps"]),
        ("import xes a.xes --d", ["--dept", "--dry-run"]),
        ("export ", ["xes"]),
        ("export xes out.xes cases | wh", ["where"]),
        ("export xes out.xes ca", ["cases", "catalog"]),
        ("operators | where name = \"张", ["\"张三\""]),
        ("order ", ["issue"]),
        ("order issue to 市农业局 due 2016-06-15 \"x\" --d", ["--draft"]),
        ("order 2016-001-001 ex", ["extend"]),
        ("order 2016-001-001 escalate in", ["inquiry", "interview"]),
        ("order 2016-001-001 close ", ["--recheck"]),
        ("orders ", ["due", "escalations", "ladder", "overdue", "summary", "today"]),
        ("orders o", ["overdue"]),
        ("orders | where status = clo", ["closed"]),
        ("orders due ", ["within"]),
        ("audit ", ["verify"]),
        ("calendar ", ["add", "import"]),
    ])
    func queryCandidates(line: String, expected: [String]) throws {
        let session = try storySession()
        #expect(Completer.complete(line, in: session).candidates == expected)
    }

    /// File arguments complete from the folder typed, Chinese names and blanks included.
    @Test func fileArgumentsCompleteFromTheFileSystem() throws {
        let folder = NSTemporaryDirectory() + "ducha-complete-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/日志", withIntermediateDirectories: true)
        for name in ["receipt.xes.gz", "roads 2016.xes", "steps.csv", ".hidden"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (session, _, _) = try makeSession()
        #expect(Completer.complete("import xes \(folder)/r", in: session).candidates == ["\"\(folder)/roads 2016.xes\"", "\(folder)/receipt.xes.gz"])
        #expect(Completer.complete("import csv steps \(folder)/", in: session).candidates
            == ["\"\(folder)/roads 2016.xes\"", "\(folder)/receipt.xes.gz", "\(folder)/steps.csv", "\(folder)/日志/"])
        #expect(Completer.complete(".read \(folder)/日", in: session).candidates == ["\(folder)/日志/"])
        #expect(Completer.complete("export xes \(folder)/.h", in: session).candidates == ["\(folder)/.hidden"])
    }

    /// Chinese names by pinyin initials or full pinyin, by any reading of a character
    /// with several (长 is zhang or chang).
    @Test(arguments: [("cases | where dept = snyj", ["\"市农业局\""]), ("cases | where dept = \"wanyuan", ["\"万源市房管局\""]),
                      ("operators | where name = zs", ["\"张三\""]), ("cases | where dept = scj", ["\"市长江办\""]),
                      ("cases | where dept = shizhang", ["\"市长江办\""]), ("cases | where dept = \"shichangj", ["\"市长江办\""]),
                      ("cases | where dept = lvh", ["\"绿化局\""])])
    func namesByPinyin(line: String, expected: [String]) throws {
        let session = try storySession()
        #expect(Completer.complete(line, in: session).candidates == expected)
    }

    /// Initials, the start of a syllable and whole syllables in any mix, every reading of
    /// a character with several, ü as v; always from the name's first character.
    @Test(arguments: [("市农业局", "snyj", true), ("市农业局", "shinongyeju", true), ("市农业局", "shinyj", true),
                      ("市农业局", "shin", true), ("市农业局", "s", true), ("市农业局", "snyjx", false),
                      ("市农业局", "nyj", false), ("市农业局", "shinongyejuz", false), ("市农业局", "sh", true),
                      ("长江", "cj", true), ("长江", "zj", true), ("长江", "changjiang", true), ("长江", "zhangj", true),
                      ("长江", "chzh", false), ("绿化局", "lvhj", true), ("绿化局", "lhj", true), ("绿化局", "lvhua", true),
                      ("曾小东", "zxd", true), ("曾小东", "cxd", true), ("万源市（试点）", "wysshid", true),
                      ("A区税务局", "aqswj", true), ("A区税务局", "qswj", false), ("12345热线", "rx", false),
                      ("ABC", "abc", true)])
    func pinyinMatchesAsInputMethodsRead(name: String, typed: String, expected: Bool) {
        #expect(PinyinMatcher(typed: typed).matches(name) == expected)
    }

    /// Empty words and names, and a name of 100,000 characters of two readings each: the
    /// matcher keeps at most one position per typed letter, so it never branches out.
    @Test func pinyinMatchingOfEmptyAndHugeNames() {
        #expect(!PinyinMatcher(typed: "").matches("市农业局"))
        #expect(!PinyinMatcher(typed: "s").matches(""))
        #expect(!PinyinMatcher(typed: "s").matches("（）·"))
        let huge = String(repeating: "行", count: 100_000)
        #expect(PinyinMatcher(typed: "xhxinghangxh").matches(huge))
        #expect(!PinyinMatcher(typed: "xhxinghangq").matches(huge))
        #expect(!PinyinMatcher(typed: String(repeating: "x", count: 1000) + "q").matches(huge))
    }

    @Test func readingsComeFromTheTableCustomaryFirst() {
        #expect(Pinyin.readings(of: "市") == ["shi", "fu"])
        #expect(Pinyin.readings(of: "长") == ["zhang", "chang"])
        #expect(Pinyin.readings(of: "差") == ["cha", "chai", "ci"])
        #expect(Pinyin.readings(of: "万") == ["wan", "mo"])
        #expect(Pinyin.readings(of: "女") == ["nv"])
        #expect(Pinyin.readings(of: "\u{3400}").isEmpty == false)
        #expect(Pinyin.readings(of: "\u{9FFF}").isEmpty)
        #expect(Pinyin.readings(of: "a").isEmpty)
        #expect(Pinyin.readings(of: "\u{20000}").isEmpty)
    }

    func storySession() throws -> Session {
        let (session, _, _) = try makeSession()
        let store = session.store
        for (table, rows) in [("regions", [["市级", "SJ", "city"], ["万源市", "WY", "county_city"]] as [[Value]]),
                              ("departments", [["市农业局", 1, nil, "online", 3], ["万源市房管局", 2, nil, "online", 1],
                                               ["市长江办", 1, nil, "online", 1], ["绿化局", 1, nil, "online", 1]]),
                              ("operators", [["张三", 1, "clerk"], ["李四", 2, "leader"]])] {
            let inserter = try store.inserter(for: table)
            for row in rows {
                try inserter.set(row)
                try inserter.insert()
            }
        }
        return session
    }

    @Test func commonPrefixOfCandidates() {
        #expect(Completer.Completion(word: "c", candidates: ["cases", "catalog"]).commonPrefix == "ca")
        #expect(Completer.Completion(word: "行", candidates: ["行政区", "行权事项"]).commonPrefix == "行")
    }
}
