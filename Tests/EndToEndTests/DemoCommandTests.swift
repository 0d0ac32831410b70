import Foundation
import Testing
import DuchaCore

@Suite(.serialized) struct DemoCommandTests {
    @Test func demoIsGeneratedOnceThenOpenedFromTheCache() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let query = ".sql SELECT value FROM settings WHERE key = 'story_date'"
        let first = try runner.run(["--demo", "--mode", "csv", "-c", query, "-c", ".today"])
        #expect(first.status == 0)
        #expect(first.standardOutput == "value\n2016-05-20\ntoday: 2016-05-20 (the database's story date)\n")
        #expect(first.standardError.contains("generating the demo database once"))
        let cached = runner.file("cache/ducha/demo-v\(SchemaDescription.version).3-seed2016-scale1.db")
        let made = try FileManager.default.attributesOfItem(atPath: cached)[.modificationDate] as? Date
        let second = try runner.run(["--demo", "--mode", "csv", "-c", ".sql SELECT count(*) AS n FROM regions"])
        #expect(second.status == 0)
        #expect(second.standardOutput == "n\n8\n")
        #expect(second.standardError == "")
        #expect(try FileManager.default.attributesOfItem(atPath: cached)[.modificationDate] as? Date == made)
    }

    @Test func demoCommandWritesANewFileAndNeverOverwrites() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let made = try runner.run(["demo", "--out", "d.db"])
        #expect(made.status == 0)
        #expect(made.standardOutput.hasPrefix("wrote d.db (scale 1, seed 2016, story date 2016-05-20)\n"))
        #expect(made.standardOutput.contains("  cases"))
        let size = try FileManager.default.attributesOfItem(atPath: runner.file("d.db"))[.size] as? Int
        let again = try runner.run(["demo", "--out", "d.db"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
        #expect(try FileManager.default.attributesOfItem(atPath: runner.file("d.db"))[.size] as? Int == size)
        let listed = try runner.run(["d.db", "--mode", "csv", "-c", ".sql SELECT name FROM departments WHERE platform = 'none' AND name = '市水文局'"])
        #expect(listed.standardOutput == "name\n市水文局\n")
    }

    @Test func timerReportsEachEntry() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let outcome = try runner.run(["t.db", "--mode", "csv", "-c", ".timer on\n.sql SELECT 1 AS n\n.timer off\n.sql SELECT 2 AS n"])
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("time: "))
        #expect(lines[1...3] == ["n", "1"] + [lines[3]])
        #expect(lines[3].hasPrefix("time: ") && lines[3].hasSuffix(" s"))
        #expect(lines[4...] == ["n", "2"])
    }
}
