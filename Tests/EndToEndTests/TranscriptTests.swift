import Foundation
import Testing

/// Drives the interactive shell in a real terminal (tmux), with no locale set, as a
/// person at a keyboard would: Chinese input, completion, Ctrl-C, history across restarts.
struct TerminalSession {
    let socket = "ducha-test-\(UUID().uuidString.prefix(8))"
    let runner: BinaryRunner

    /// Runs a tmux command and returns its standard output. posix_spawn and waitpid are
    /// used directly: the tmux server outlives the client that starts it and must not
    /// inherit a pipe the test is reading.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let path = NSTemporaryDirectory() + "ducha-tmux-\(UUID().uuidString)"
        defer { unlink(path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["/usr/bin/tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The tmux server and the shell in its pane start with default signal handling
        // and nothing blocked, whatever the test runner set up for itself.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard capture else { return "" }
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Starts the shell on `database` in an 100×30 terminal with an empty environment but for HOME, XDG and TERM.
    func start(_ database: String) throws {
        let environment = runner.environment.map { "\($0.key)=\($0.value)" }.sorted() + ["TERM=xterm-256color"]
        let command = (["env", "-i"] + environment + [BinaryRunner.binary, runner.file(database)]).map { "'\($0)'" }.joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", command], capture: false)
        try waitFor("督查>")
    }

    func keys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys, capture: false)
    }

    func literally(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text], capture: false)
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"])
    }

    /// Waits up to 10 s for `text` to appear on the screen `count` times.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1) throws -> String {
        var last = ""
        for _ in 0..<200 {
            last = try screen()
            if last.components(separatedBy: text).count - 1 >= count { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("'\(text)' did not appear \(count) time(s); the screen was:\n\(last)")
        return last
    }

    func isRunning() throws -> Bool {
        try tmux(["list-panes", "-a", "-F", "#{pane_dead}"]).contains("0")
    }

    /// Ends the shell and the tmux server: the pane's process first, so that nothing
    /// outlives the test even if it ignored the hang-up.
    func stop() {
        let panes = ((try? tmux(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? "").split(separator: "\n").compactMap { pid_t($0) }
        for pane in panes { kill(pane, SIGKILL) }
        _ = try? tmux(["kill-server"], capture: false)
    }
}

@Suite(.serialized) struct TranscriptTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"),
                     "tmux is needed to drive the interactive shell: scripts/test installs it (apt-get install tmux)")
    }

    @Test func chineseInputCompletionAndCtrlC() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let terminal = TerminalSession(runner: runner)
        defer { terminal.stop() }
        try terminal.start("t.db")

        // Chinese typed with no LANG or LC_ALL set, aligned in a box table.
        try terminal.literally(".sql SELECT '市农业局' AS 部门, 332 AS 事项")
        try terminal.keys("Enter")
        var screen = try terminal.waitFor("1 row")
        #expect(screen.contains("│ 部门     │ 事项 │"))
        #expect(screen.contains("│ 市农业局 │  332 │"))

        // Tab completes a Chinese alias of a source.
        try terminal.literally("案")
        try terminal.keys("Tab")
        try terminal.waitFor("督查> 案件")
        try terminal.keys("C-u")

        // A caret under the mistake, placed by display width after Chinese text.
        try terminal.literally("部门x")
        try terminal.keys("Enter")
        screen = try terminal.waitFor("error: unknown source or command '部门x'")
        #expect(screen.contains("督查> 部门x\n      ^~\n"))

        // Ctrl-C clears the line being typed and the shell goes on.
        try terminal.literally("cases half typed")
        try terminal.keys("C-c")
        try terminal.waitFor("^C")
        try terminal.literally(".mode")
        try terminal.keys("Enter")
        screen = try terminal.waitFor("mode: table")
        #expect(!screen.contains("half typed'"))

        // Ctrl-C stops a running query, not the shell.
        try terminal.literally(".sql WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
        try terminal.keys("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try terminal.keys("C-c")
        try terminal.waitFor("error: interrupted")
        #expect(try terminal.isRunning())

        // Ctrl-D leaves.
        try terminal.keys("C-d")
        for _ in 0..<100 where try terminal.isRunning() { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try !terminal.isRunning())
    }

    @Test func queriesCompleteContinueAndPointAtMistakes() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let generated = try runner.run(["demo", "--out", runner.file("demo.db")])
        try #require(generated.status == 0, "\(generated.standardError)")
        let terminal = TerminalSession(runner: runner)
        defer { terminal.stop() }
        try terminal.start("demo.db")

        // Fields after where, enum words after a comparison.
        try terminal.literally("alerts | where lev")
        try terminal.keys("Tab")
        try terminal.waitFor("督查> alerts | where level")
        try terminal.literally("= al")
        try terminal.keys("Tab")
        try terminal.waitFor("督查> alerts | where level = alarm")
        try terminal.keys("C-u")

        // A department by its pinyin initials; a trailing | continues on the next line.
        try terminal.literally("cases | where dept = snyj")
        try terminal.keys("Tab")
        try terminal.waitFor("督查> cases | where dept = \"市农业局\"")
        try terminal.literally(" |")
        try terminal.keys("Enter")
        try terminal.waitFor(" ...|")
        try terminal.literally("count")
        try terminal.keys("Enter")
        var screen = try terminal.waitFor("│ count │")

        // A mistake after Chinese text: the caret stands under it, by display width.
        try terminal.literally("cases | where dept = \"市农业\" | count")
        try terminal.keys("Enter")
        screen = try terminal.waitFor("(did you mean \"市农业局\"?)")
        #expect(screen.contains("督查> cases | where dept = \"市农业\" | count\n                           ^~~~~~~~\n"))

        // A case entered at once: trace draws occurred against recorded on a terminal.
        let labelled = try runner.run(["demo.db", "-c", ".mode csv", "-c",
                                       ".sql SELECT number FROM cases WHERE id = (SELECT min(entity_id) FROM labels WHERE anomaly = 'bulk-recording')"])
        let number = try #require(labelled.standardOutput.split(separator: "\n").last.map(String.init))
        try terminal.keys("C-l")
        try terminal.literally("trace \(number)")
        try terminal.keys("Enter")
        screen = try terminal.waitFor("occurred ● against recorded ▲:")
        #expect(screen.contains("⚑ entered at once: steps spanning"), "\(screen)")
        #expect(screen.contains("▲│"), "\(screen)")
        #expect(try terminal.isRunning())
        terminal.stop()
        #expect(try !terminal.isRunning())
    }

    @Test func historyIsKeptAcrossRestartsPrivately() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let first = TerminalSession(runner: runner)
        defer { first.stop() }
        try first.start("h.db")
        try first.literally(".sql SELECT '整改通知' AS 标题")
        try first.keys("Enter")
        try first.waitFor("1 row")
        try first.literally(".sql SELECT 1 \\")
        try first.keys("Enter")
        try first.waitFor(" ...\\")
        try first.literally("AS joined")
        try first.keys("Enter")
        try first.waitFor("joined")
        first.stop()

        let historyPath = runner.file("state/ducha/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = TerminalSession(runner: runner)
        defer { second.stop() }
        try second.start("h.db")
        try second.keys("Up")
        // The two-line entry comes back as one.
        try second.waitFor("督查> .sql SELECT 1 AS joined")
        try second.keys("Up")
        try second.waitFor("督查> .sql SELECT '整改通知' AS 标题")
        try second.keys("Enter")
        let screen = try second.waitFor("1 row")
        #expect(screen.contains("│ 整改通知 │"))
    }
}
