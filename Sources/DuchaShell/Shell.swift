#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore
import DuchaStore

/// What the executable hands the shell: every value it read from argv and the environment.
public struct ShellConfiguration: Sendable {
    /// The database file to open (created when missing, unless read-only).
    public var databasePath: String
    /// Open without writing; every change is refused.
    public var readOnly = false
    /// `-c` texts, run in order.
    public var commands: [String] = []
    /// `-f` script, run after the commands.
    public var scriptPath: String?
    /// Stop at the first failure.
    public var bail = false
    /// The output mode; nil leaves the default (table).
    public var mode: OutputMode?
    /// The date `today` means (`--today`).
    public var today: CivilDate?
    /// The startup file to run first, nil for none (`--no-init`).
    public var initPath: String?
    /// Where history is kept, nil for none: asked only when a person types at a
    /// terminal (finding it may make its folder), never in a batch run.
    public var historyPath: @Sendable () -> String? = { nil }
    /// Whether colours may be used on a terminal (NO_COLOR unset).
    public var colourAllowed = true
    /// Check queries and run nothing (`--check`).
    public var checkOnly = false
    /// How errors are written (`--errors`).
    public var errorFormat = ErrorFormat.text
    /// Who runs the session, for the audit log: the login name, which the startup file's `.as` may change.
    public var actor = "unknown"
    /// The name given with `--as`, which wins over the startup file.
    public var actorGiven: String?
    /// The clock.
    public var clock: Clock
    /// The version, for the banner.
    public var version: String

    /// Makes a configuration with defaults for everything but the database, clock and version.
    public init(databasePath: String, clock: Clock, version: String) {
        self.databasePath = databasePath
        self.clock = clock
        self.version = version
    }
}

/// The shell as a whole: opens the store, runs the startup file, then commands, a
/// script, a pipe or the terminal, and returns the exit status.
public enum Shell {
    static let primaryPrompt = "督查> "
    /// The prompt of a continued entry shows what is still open: `"`, `(`, `|` or `\`.
    static func continuationPrompt(_ marker: String) -> String { " ..." + marker + " " }

    /// Runs the shell and returns its exit status.
    public static func run(_ configuration: ShellConfiguration) -> ExitStatus {
        let standardOutput = TextOutput.standardOutput()
        let diagnostics = TextOutput.standardError()
        defer {
            standardOutput.flush()
            diagnostics.flush()
        }
        let store: Store
        do {
            store = try Store.open(path: configuration.databasePath, access: configuration.readOnly ? .readOnly : .readWriteCreate)
        } catch {
            let shellError = ShellError.from(error)
            diagnostics.line("error: " + shellError.message)
            return shellError.exitStatus
        }
        InterruptSignal.install()
        store.connection.setInterruptCheck { InterruptSignal.isPending }

        let session = Session(store: store, mode: configuration.mode ?? .table, standardOutput: standardOutput,
                              diagnostics: diagnostics, clock: configuration.clock, colourAllowed: configuration.colourAllowed)
        session.todayOverride = configuration.today
        session.bail = configuration.bail
        session.checkOnly = configuration.checkOnly
        session.errorFormat = configuration.errorFormat
        session.actor = configuration.actorGiven ?? configuration.actor

        var status = ExitStatus.success
        func record(_ result: InputLoop.Result) -> Bool {
            if status == .success || result.status == .interrupted { status = result.status }
            return result.quit || (configuration.bail && result.status != .success) || result.status == .interrupted
        }

        if let initPath = configuration.initPath, session.files.exists(initPath) {
            do {
                var source = TextLineSource(name: initPath, bytes: try session.files.read(initPath))
                if record(InputLoop.run(&source, in: session, bail: configuration.bail)) { return status }
            } catch {
                diagnostics.line(ShellError.from(error).rendered)
            }
            if let given = configuration.actorGiven { session.actor = given }
        }

        let batch = !configuration.commands.isEmpty || configuration.scriptPath != nil
        for command in configuration.commands {
            var source = TextLineSource(name: "-c", text: command)
            if record(InputLoop.run(&source, in: session, bail: configuration.bail)) { return status }
        }
        if let scriptPath = configuration.scriptPath {
            do {
                var source = TextLineSource(name: scriptPath, bytes: try session.files.read(scriptPath))
                if record(InputLoop.run(&source, in: session, bail: configuration.bail)) { return status }
            } catch {
                let shellError = ShellError.from(error)
                diagnostics.line(shellError.rendered)
                return status == .success ? shellError.exitStatus : status
            }
        }
        if batch { return status }

        // A person types at a terminal on standard input; the editor draws on standard
        // output, or on standard error when the results go to a file (`ducha DB > out.csv`).
        let screen: Int32? = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : (isatty(STDERR_FILENO) == 1 ? STDERR_FILENO : nil)
        if isatty(STDIN_FILENO) == 1, let screen,
           let editor = LineEditor(program: "ducha", primaryPrompt: primaryPrompt, continuationPrompt: continuationPrompt,
                                   historyPath: configuration.historyPath(), screen: screen,
                                   output: screen == STDOUT_FILENO ? standardOutput : diagnostics,
                                   complete: { Completer.complete($0, in: session) }) {
            banner(configuration, session: session, on: screen == STDOUT_FILENO ? standardOutput : diagnostics)
            var source = editor
            let result = InputLoop.run(&source, in: session, bail: false, promptWidth: primaryPrompt.displayWidth)
            standardOutput.flush()
            if !result.quit { standardOutput.line() }
            return .success
        }
        var source = StreamLineSource()
        _ = record(InputLoop.run(&source, in: session, bail: configuration.bail))
        return status
    }

    private static func banner(_ configuration: ShellConfiguration, session: Session, on output: TextOutput) {
        output.line("ducha \(configuration.version) — 督查 inspection shell")
        output.line("database: \(configuration.databasePath)\(session.store.isReadOnly ? " (read-only)" : "")")
        output.line("today: \(session.today) (\(session.todaySource)). Type .help for help, Ctrl-D to leave.")
        output.flush()
    }
}
