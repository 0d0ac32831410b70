import DuchaCore
import DuchaDemo

/// What the options of a shell run asked for, checked.
public struct ShellLaunch: Sendable, Hashable {
    public var database: String?
    public var commands: [String] = []
    public var scriptPath: String?
    public var bail = false
    public var mode: OutputMode?
    public var today: CivilDate?
    public var noInit = false
    public var readOnly = false
    public var actor: String?
    public var demo = false
    public var checkOnly = false
    public var errorFormat = ErrorFormat.text
}

/// What `ducha` was started to do, read from its arguments (without the program name):
/// `ducha demo ...` writes the demo database, anything else opens the shell.
public enum LaunchRequest: Sendable {
    /// Print this text (help) and exit 0.
    case help(String)
    /// Print the version and exit 0.
    case version
    /// Print this text (a usage error, with the usage line) and exit 2.
    case usageError(String)
    case shell(ShellLaunch)
    case demo(out: String, options: DemoOptions)

    public static func reading(_ words: [String]) -> LaunchRequest {
        if words.first == "demo" { return demo(Array(words.dropFirst())) }
        return shell(words)
    }

    // MARK: The shell

    static let shellOptions: [OptionSpec] = [
        OptionSpec("-c", value: "TEXT", help: "Run TEXT and exit (repeatable; runs in order).", repeatable: true),
        OptionSpec("-f", value: "FILE", help: "Run the script FILE and exit."),
        OptionSpec("--bail", help: "Stop at the first error, with a nonzero exit code."),
        OptionSpec("--mode", value: "MODE", help: "Output mode: " + OutputMode.listed + "."),
        OptionSpec("--today", value: "DATE", help: "Fix the date 'today' means (YYYY-MM-DD), for reproducible runs."),
        OptionSpec("--no-init", help: "Do not run the startup file ($XDG_CONFIG_HOME/ducha/init)."),
        OptionSpec("--read-only", help: "Open the database read-only: every change is refused."),
        OptionSpec("--as", value: "NAME", help: "Record changes under NAME in the audit log (default: $DUCHA_ACTOR, else the login name)."),
        OptionSpec("--demo", help: "Open the demo database of Dazhou 2016 (generated once, then cached)."),
        OptionSpec("--check", help: "Check every query of -c and -f (names, types, values) and run nothing; exit 1 when any is wrong."),
        OptionSpec("--errors", value: "FORMAT", help: "How errors are written: text (the default), or json (one object per line)."),
        OptionSpec("--version", help: "Print the version."),
        OptionSpec("-h", "--help", help: "Print this help."),
    ]

    static let shellHelp = CommandLineHelp(
        overview: "督查: an inspection shell for supervising how departments exercise administrative power.",
        usage: "ducha [DATABASE] [-c TEXT ...] [-f FILE] [--bail] [--mode MODE] [--today DATE] [--no-init] [--read-only] [--as NAME] [--demo] [--check] [--errors FORMAT]",
        arguments: [("DATABASE", "The database file (default: $XDG_DATA_HOME/ducha/ducha.db).")],
        options: shellOptions,
        footer: """
            Opens DATABASE (created with the current schema when it does not exist) and reads entries from the terminal, from -c and -f, or from standard input when it is not a terminal.
            Exit codes: 0 ok, 1 input error, 2 usage, 3 assertion failed, 4 data or integrity problem, 130 interrupted.

            Run 'ducha demo --help' for the demo generator.
            """)

    private static func shell(_ words: [String]) -> LaunchRequest {
        do throws(UsageError) {
            let parsed = try ParsedArguments.parse(words, options: shellOptions, maximumPositionals: 1, positionalName: "database")
            if parsed.flag("-h") { return .help(shellHelp.text()) }
            if parsed.flag("--version") { return .version }
            var launch = ShellLaunch()
            launch.database = parsed.positionals.first
            launch.commands = parsed.values("-c")
            launch.scriptPath = parsed.value("-f")
            launch.bail = parsed.flag("--bail")
            launch.noInit = parsed.flag("--no-init")
            launch.readOnly = parsed.flag("--read-only")
            launch.demo = parsed.flag("--demo")
            launch.checkOnly = parsed.flag("--check")
            if let mode = parsed.value("--mode") {
                guard let chosen = OutputMode(rawValue: mode) else {
                    let modes = OutputMode.allCases.map(\.rawValue)
                    throw UsageError("unknown mode '\(mode)'" + Suggestion.phrase(for: mode, among: modes) + "; expected one of " + OutputMode.listed)
                }
                launch.mode = chosen
            }
            if let today = parsed.value("--today") {
                guard let date = CivilDate(today) else {
                    throw UsageError("'\(today)' is not a date; write --today YYYY-MM-DD, e.g. --today 2016-05-20")
                }
                launch.today = date
            }
            if let errors = parsed.value("--errors") {
                guard let format = ErrorFormat(rawValue: errors) else {
                    throw UsageError("unknown error format '\(errors)'; expected text or json")
                }
                launch.errorFormat = format
            }
            if let actor = parsed.value("--as") {
                guard !actor.trimmingBlanks().isEmpty, actor.count <= 64 else {
                    throw UsageError("--as takes a name of 1 to 64 characters, e.g. --as 王督查")
                }
                launch.actor = actor
            }
            if launch.checkOnly && launch.commands.isEmpty && launch.scriptPath == nil {
                throw UsageError("--check checks the queries of -c or -f; give one of them")
            }
            if launch.demo && launch.database != nil {
                throw UsageError("give either --demo or a database file, not both")
            }
            return .shell(launch)
        } catch {
            return .usageError(shellHelp.errorText(error, program: "ducha"))
        }
    }

    // MARK: The demo generator

    static let demoOptions: [OptionSpec] = [
        OptionSpec("--out", value: "FILE", help: "The new database file (must not exist)."),
        OptionSpec("--scale", value: "N", help: "Volume: 1 (the default) is a city (about 50,000 cases), 20 a province (about a million)."),
        OptionSpec("--seed", value: "N", help: "The random seed (default 2016); the same seed and scale give the same data."),
        OptionSpec("-h", "--help", help: "Print this help."),
    ]

    static let demoHelp = CommandLineHelp(
        overview: "Write the deterministic demo database of Dazhou 2016 (the bulletin's story, with labelled anomalies).",
        usage: "ducha demo --out FILE [--scale N] [--seed N]",
        options: demoOptions)

    private static func demo(_ words: [String]) -> LaunchRequest {
        do throws(UsageError) {
            let parsed = try ParsedArguments.parse(words, options: demoOptions, maximumPositionals: 0, positionalName: "demo generator's file (give it with --out)")
            if parsed.flag("-h") { return .help(demoHelp.text()) }
            guard let out = parsed.value("--out") else {
                throw UsageError("ducha demo needs --out FILE, the new database to write")
            }
            var options = DemoOptions()
            if let text = parsed.value("--scale") {
                guard let scale = Int(text), (1...100).contains(scale) else {
                    throw UsageError("--scale must be a whole number from 1 to 100, not \(text)")
                }
                options.scale = scale
            }
            if let text = parsed.value("--seed") {
                guard let seed = UInt64(text) else {
                    throw UsageError("--seed must be a whole number from 0 to \(UInt64.max), not \(text)")
                }
                options.seed = seed
            }
            return .demo(out: out, options: options)
        } catch {
            return .usageError(demoHelp.errorText(error, program: "ducha demo"))
        }
    }
}
