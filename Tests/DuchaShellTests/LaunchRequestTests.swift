import DuchaCore
@testable import DuchaShell
import Testing

@Suite struct LaunchRequestTests {
    private func shell(_ words: [String]) -> ShellLaunch? {
        if case .shell(let launch) = LaunchRequest.reading(words) { return launch }
        return nil
    }

    private func usage(_ words: [String]) -> String? {
        if case .usageError(let text) = LaunchRequest.reading(words) { return text }
        return nil
    }

    @Test func optionsInAnyOrderAndBothSpellingsOfValues() throws {
        let launch = try #require(shell(["-c", "regions | count", "a.db", "--mode=csv", "--bail", "-c.tables", "--today", "2016-05-20",
                                         "--as", "王督查", "--errors", "json", "--no-init", "--read-only"]))
        #expect(launch.database == "a.db")
        #expect(launch.commands == ["regions | count", ".tables"])
        #expect(launch.mode == .csv)
        #expect(launch.bail && launch.noInit && launch.readOnly && !launch.demo && !launch.checkOnly)
        #expect(launch.today == CivilDate(year: 2016, month: 5, day: 20))
        #expect(launch.actor == "王督查")
        #expect(launch.errorFormat == .json)
    }

    @Test func aValueIsTheNextWordWhateverItLooksLike() throws {
        let launch = try #require(shell(["-c", "--bail", "-f", "-", "--", "--odd.db"]))
        #expect(launch.commands == ["--bail"])
        #expect(!launch.bail)
        #expect(launch.scriptPath == "-")
        #expect(launch.database == "--odd.db")
    }

    @Test func nothingGivenOpensTheDefaultDatabase() throws {
        let launch = try #require(shell([]))
        #expect(launch == ShellLaunch())
    }

    @Test(arguments: [
        (["--bogus"], "error: unknown option '--bogus'\n"),
        (["--bial"], "error: unknown option '--bial' (did you mean '--bail'?)\n"),
        (["--mode", "xml"], "error: unknown mode 'xml'; expected one of table, csv, tsv, json, markdown, line\n"),
        (["--mode", "cvs"], "error: unknown mode 'cvs' (did you mean 'csv'?); expected one of"),
        (["--today", "2016-13-01"], "error: '2016-13-01' is not a date; write --today YYYY-MM-DD"),
        (["a.db", "b.db"], "error: unexpected argument 'b.db': the database is already 'a.db'"),
        (["-c"], "error: -c needs a value: -c TEXT\n"),
        (["--mode", "csv", "--mode", "json"], "error: --mode is given twice; give it once\n"),
        (["--bail=yes"], "error: --bail is a flag and takes no value"),
        (["--check"], "error: --check checks the queries of -c or -f"),
        (["--as", "  "], "error: --as takes a name of 1 to 64 characters"),
        (["--demo", "a.db"], "error: give either --demo or a database file, not both\n"),
        (["--errors", "xml"], "error: unknown error format 'xml'; expected text or json\n"),
        (["demo"], "error: ducha demo needs --out FILE"),
        (["demo", "--out", "x.db", "--scale", "101"], "error: --scale must be a whole number from 1 to 100, not 101\n"),
        (["demo", "--out", "x.db", "--seed", "-1"], "error: --seed must be a whole number"),
        (["demo", "x.db"], "error: unexpected argument 'x.db'"),
    ])
    func mistakesAreNamedWithTheUsageLine(words: [String], start: String) throws {
        let text = try #require(usage(words), "\(words) was accepted")
        #expect(text.hasPrefix(start), "\(text)")
        let program = words.first == "demo" ? "ducha demo" : "ducha"
        #expect(text.contains("\nUsage: \(program) "), "\(text)")
        #expect(text.hasSuffix("See '\(program) --help' for more.\n"), "\(text)")
    }

    @Test func helpVersionAndTheDemo() throws {
        guard case .help(let help) = LaunchRequest.reading(["--mode", "csv", "-h"]) else { Issue.record("no help"); return }
        // Every option is listed, and no line is wider than 80 columns but the usage line.
        for option in LaunchRequest.shellOptions { #expect(help.contains("  " + option.names.joined(separator: ", ")), "\(option.names)") }
        #expect(help.split(separator: "\n").allSatisfy { $0.hasPrefix("Usage:") || String($0).displayWidth <= 80 })
        #expect(help.contains("Exit codes: 0 ok, 1 input error, 2 usage"))
        guard case .version = LaunchRequest.reading(["--version"]) else { Issue.record("no version"); return }
        guard case .help(let demoHelp) = LaunchRequest.reading(["demo", "--help"]) else { Issue.record("no demo help"); return }
        #expect(demoHelp.contains("--scale N"))
        guard case .demo(let out, let options) = LaunchRequest.reading(["demo", "--scale=20", "--out", "p.db", "--seed", "7"]) else {
            Issue.record("no demo")
            return
        }
        #expect(out == "p.db" && options.scale == 20 && options.seed == 7)
    }
}
