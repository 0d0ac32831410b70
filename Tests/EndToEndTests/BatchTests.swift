import Foundation
import Testing
import DuchaCore

@Suite(.serialized) struct BatchTests {
    @Test func commandsRunInOrderAndPrintNoPrompt() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["new.db", "-c", ".mode csv", "-c", ".sql SELECT '市农业局' AS 名称, 332 AS items", "-c", "regions"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "名称,items\n市农业局,332\nid,name,code,level\n")
        #expect(outcome.standardError == "")
        #expect(FileManager.default.fileExists(atPath: runner.file("new.db")))
    }

    @Test func linesOnStandardInputRunAsAScript() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db"], input: ".mode json\n.sql SELECT 1 AS n\n\n-- a comment\n.sql SELECT NULL AS n\n")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "[\n{\"n\":1}\n]\n[\n{\"n\":null}\n]\n")
    }

    @Test func errorsNameTheScriptLineAndColumn() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ".mode csv\n.sql SELECT 1 AS a\n    部门x\n.sql SELECT 2 AS b\n".write(toFile: runner.file("run.dq"), atomically: true, encoding: .utf8)
        let outcome = try runner.run(["s.db", "-f", "run.dq"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "a\n1\nb\n2\n")
        #expect(outcome.standardError == "run.dq:3:5: error: unknown source or command '部门x' (did you mean '部门'?); .help lists what there is\n")
        let bailed = try runner.run(["s.db", "--bail", "-f", "run.dq"])
        #expect(bailed.status == 1)
        #expect(bailed.standardOutput == "a\n1\n")
    }

    @Test func bailStopsBetweenCommands() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "--bail", "-c", ".nope", "-c", ".sql SELECT 1"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError == "-c:1:1: error: unknown command '.nope'; .help lists the commands\n")
    }

    @Test func aMissingScriptIsNamed() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "-f", "absent.dq"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "error: cannot read absent.dq: No such file or directory; give the path of an existing script\n")
        let nested = try runner.run(["s.db", "-c", ".read absent.dq"])
        #expect(nested.status == 1)
        #expect(nested.standardError == "-c:1:7: error: cannot read absent.dq: No such file or directory; give the path of an existing script\n")
    }

    @Test func readRunsNestedScriptsAndReportsTheirErrorsUnderTheirNames() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ".mode csv\n.read inner.dq\n.sql SELECT 3 AS c\n".write(toFile: runner.file("outer.dq"), atomically: true, encoding: .utf8)
        try ".sql SELECT 1 AS a\n.tables x\n".write(toFile: runner.file("inner.dq"), atomically: true, encoding: .utf8)
        let outcome = try runner.run(["s.db", "-f", "outer.dq"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "a\n1\nc\n3\n")
        #expect(outcome.standardError == "inner.dq:2:9: error: unexpected 'x'; this command takes at most 0 arguments\n")
        try ".read self.dq\n".write(toFile: runner.file("self.dq"), atomically: true, encoding: .utf8)
        let looping = try runner.run(["s.db", "-f", "self.dq"])
        #expect(looping.status == 1)
        #expect(looping.standardError.contains("nested more than 16 deep"))
    }

    @Test func invalidUTF8IsRefusedWithItsPlace() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        var bytes = Data(".mode csv\n.sql SELECT '".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data("' AS x\n.sql SELECT 5 AS y\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: runner.file("bad.dq")))
        let outcome = try runner.run(["s.db", "-f", "bad.dq"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "y\n5\n")
        #expect(outcome.standardError == "bad.dq:2:14: error: invalid UTF-8 (byte 0xC3); save the input as UTF-8\n")
    }

    @Test func outputGoesToAFileAndBack() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "--mode", "csv", "-c", ".output 台账.csv\n.sql SELECT '整改' AS 状态\n.output\n.sql SELECT 1 AS n"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "n\n1\n")
        #expect(try String(contentsOfFile: runner.file("台账.csv"), encoding: .utf8) == "状态\n整改\n")
        let unwritable = try runner.run(["s.db", "-c", ".output /nonexistent/dir/x.csv"])
        #expect(unwritable.status == 1)
        #expect(unwritable.standardError == "-c:1:9: error: cannot write /nonexistent/dir/x.csv: No such file or directory\n")
    }

    @Test func todayAndModeFromTheCommandLine() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "--today", "2016-05-20", "--mode", "line", "-c", ".today", "-c", ".sql SELECT 7 AS n"])
        #expect(outcome.standardOutput == "today: 2016-05-20 (set with .today or --today)\nn = 7\n")
    }

    @Test func theStartupFileRunsUnlessNoInit() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try FileManager.default.createDirectory(atPath: runner.file("config/ducha"), withIntermediateDirectories: true)
        try ".mode csv\n".write(toFile: runner.file("config/ducha/init"), atomically: true, encoding: .utf8)
        #expect(try runner.run(["s.db", "-c", ".mode"]).standardOutput == "mode: csv\n")
        #expect(try runner.run(["s.db", "--no-init", "-c", ".mode"]).standardOutput == "mode: table\n")
    }

    @Test func theDefaultDatabaseLivesUnderTheDataHome() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["-c", ".sql SELECT 1"])
        #expect(outcome.status == 0)
        #expect(FileManager.default.fileExists(atPath: runner.file("data/ducha/ducha.db")))
    }
}

@Suite(.serialized) struct BadInputTests {
    @Test func aFullDiskIsAnErrorNotSilence() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "-c", ".output /dev/full", "-c", ".tables"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "-c:1:1: error: cannot write the results: No space left on device\n")
    }

    @Test func aQueryFailingMidwayStillClosesItsJSON() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let failing = ".sql SELECT CASE WHEN value > 1 THEN abs(-9223372036854775807 - 1) ELSE value END AS v FROM (SELECT 1 AS value UNION ALL SELECT 2)"
        let outcome = try runner.run(["s.db", "--mode", "json", "-c", failing, "-c", ".sql SELECT 5 AS w"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "[\n{\"v\":1}\n]\n[\n{\"w\":5}\n]\n")
        #expect(outcome.standardError == "-c:1:6: error: integer overflow\n")
    }

    @Test func quitInsideAScriptEndsTheSession() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ".quit\n".write(toFile: runner.file("q.dq"), atomically: true, encoding: .utf8)
        let outcome = try runner.run(["s.db", "-c", ".read q.dq", "-c", ".mode"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "")
    }

    @Test func aFileThatIsNotADatabaseIsLeftAlone() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let content = Data("督查通报 2016 第18期\n".utf8)
        try content.write(to: URL(fileURLWithPath: runner.file("notes.txt")))
        let outcome = try runner.run(["notes.txt", "-c", ".tables"])
        #expect(outcome.status == 4)
        #expect(outcome.standardError.hasPrefix("error: notes.txt is not a ducha database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: runner.file("notes.txt"))) == content)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["future.db", "-c", ".tables"])
        let sqlite = try Subprocess.spawn(["/usr/bin/sqlite3", runner.file("future.db"), "PRAGMA user_version = 7"], environment: [],
                                          input: "/dev/null", output: "/dev/null", errors: "/dev/null")
        #expect(Subprocess.wait(sqlite) == 0)
        let outcome = try runner.run(["future.db", "-c", ".tables"])
        #expect(outcome.status == 4)
        #expect(outcome.standardError == "error: future.db has schema version 7, newer than this ducha understands (\(SchemaDescription.version)); upgrade ducha to open it\n")
    }

    @Test func aReadOnlyFileAsksForReadOnly() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try runner.run(["shared.db", "-c", ".tables"])
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: runner.file("shared.db"))
        let outcome = try runner.run(["shared.db", "-c", ".tables"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "error: shared.db is read-only; use --read-only to inspect it, or fix its permissions\n")
        let reading = try runner.run(["shared.db", "--read-only", "--mode", "csv", "-c", ".sql SELECT count(*) AS n FROM regions"])
        #expect(reading.status == 0)
        #expect(reading.standardOutput == "n\n0\n")
    }

    @Test func writesThroughSQLAreRefused() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["s.db", "-c", ".sql DROP TABLE cases", "-c", ".mode csv", "-c", ".sql SELECT count(*) AS n FROM cases"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("-c:1:6: error: this statement would change the database"))
        #expect(outcome.standardOutput == "n\n0\n")
    }

    @Test(arguments: [["--bogus"], ["--mode", "xml"], ["--today", "2016-13-01"], ["s.db", "extra.db"], ["demo"]])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("Usage:") || outcome.standardError.contains("Error:"))
        #expect(outcome.standardOutput == "")
    }

    /// libedit is opened only for a person at a terminal (the transcript tests use it):
    /// the binary does not link it, so batch runs never load its libraries.
    @Test func batchRunsDoNotLoadTheLineEditor() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [BinaryRunner.binary]
        let pipe = Pipe()
        ldd.standardOutput = pipe
        try ldd.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(listing.contains("libsqlite3"), "\(listing)")
        #expect(!listing.contains("libedit"), "\(listing)")
    }

    @Test func versionAndHelp() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let version = try runner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("0."))
        let help = try runner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Exit codes: 0 ok, 1 input error, 2 usage"))
    }

    @Test func ctrlCInABatchRunStopsWithExit130() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let started = try runner.start(["s.db", "-c", ".sql WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n", "-c", ".sql SELECT 'after' AS x"])
        // Wait until the shell has installed its SIGINT handler, then let the query start.
        let status = "/proc/\(started.pid)/status"
        for _ in 0..<200 {
            let text = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
            let caught = text.split(separator: "\n").first { $0.hasPrefix("SigCgt:") }.flatMap { UInt64($0.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16) } ?? 0
            if caught & (1 << (UInt64(SIGINT) - 1)) != 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.5)
        kill(started.pid, SIGINT)
        let outcome = started.finish()
        #expect(outcome.status == 130)
        #expect(outcome.standardError.contains("interrupted"))
        #expect(!outcome.standardOutput.contains("after"))
    }
}
