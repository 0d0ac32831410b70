#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import DuchaCore
import DuchaDemo
import DuchaShell

/// The only file that touches the process: argv, environment, clock and exit.
let version = "0.1.0"

struct Ducha: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ducha",
        abstract: "督查: an inspection shell for supervising how departments exercise administrative power.",
        discussion: """
            Opens DATABASE (created with the current schema when it does not exist) and reads entries \
            from the terminal, from -c and -f, or from standard input when it is not a terminal.
            Exit codes: 0 ok, 1 input error, 2 usage, 3 assertion failed, 4 data or integrity problem, 130 interrupted.

            Run 'ducha demo --help' for the demo generator.
            """,
        version: version)

    @Argument(help: "The database file (default: $XDG_DATA_HOME/ducha/ducha.db).")
    var database: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run TEXT and exit (repeatable; runs in order).", valueName: "TEXT"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run the script FILE and exit.", valueName: "FILE"))
    var file: String?

    @Flag(help: "Stop at the first error, with a nonzero exit code.")
    var bail = false

    @Option(help: ArgumentHelp("Output mode: \(OutputMode.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "MODE"))
    var mode: String?

    @Option(help: ArgumentHelp("Fix the date 'today' means (YYYY-MM-DD), for reproducible runs.", valueName: "DATE"))
    var today: String?

    @Flag(help: "Do not run the startup file ($XDG_CONFIG_HOME/ducha/init).")
    var noInit = false

    @Flag(help: "Open the database read-only: every change is refused.")
    var readOnly = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Record changes under NAME in the audit log (default: $DUCHA_ACTOR, else the login name).", valueName: "NAME"))
    var actor: String?

    @Flag(help: "Open the demo database of Dazhou 2016 (generated once, then cached).")
    var demo = false

    @Flag(help: "Check every query of -c and -f (names, types, values) and run nothing; exit 1 when any is wrong.")
    var check = false

    @Option(help: ArgumentHelp("How errors are written: text, or json (one object per line).", valueName: "FORMAT"))
    var errors: String = "text"

    func validate() throws {
        if let mode, OutputMode(rawValue: mode) == nil {
            throw ValidationError("unknown mode '\(mode)'; expected one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let today, CivilDate(today) == nil {
            throw ValidationError("'\(today)' is not a date; write --today YYYY-MM-DD, e.g. --today 2016-05-20")
        }
        if ErrorFormat(rawValue: errors) == nil {
            throw ValidationError("unknown error format '\(errors)'; expected text or json")
        }
        if check && commands.isEmpty && file == nil {
            throw ValidationError("--check checks the queries of -c or -f; give one of them")
        }
        if let actor, actor.trimmingBlanks().isEmpty || actor.count > 64 {
            throw ValidationError("--as takes a name of 1 to 64 characters, e.g. --as 王督查")
        }
        if demo && database != nil {
            throw ValidationError("give either --demo or a database file, not both")
        }
    }

    mutating func run() throws {
        let environment = Environment()
        var path = database ?? environment.dataHome + "/ducha/ducha.db"
        if demo {
            do {
                path = try DemoCache.path(cacheHome: environment.cacheHome) { message in
                    printError(message)
                }
            } catch {
                throw reported(error)
            }
        } else if database == nil {
            Directories.create(parentOf: path)
        }
        var configuration = ShellConfiguration(databasePath: path, clock: Clock.system, version: version)
        configuration.readOnly = readOnly
        configuration.commands = commands
        configuration.scriptPath = file
        configuration.bail = bail
        configuration.mode = mode.flatMap(OutputMode.init(rawValue:))
        configuration.today = today.flatMap(CivilDate.init)
        configuration.initPath = noInit ? nil : environment.configHome + "/ducha/init"
        configuration.historyPath = environment.historyPath
        configuration.colourAllowed = environment.colourAllowed
        configuration.checkOnly = check
        configuration.errorFormat = ErrorFormat(rawValue: errors) ?? .text
        configuration.actorGiven = actor
        configuration.actor = Environment.value("DUCHA_ACTOR") ?? Environment.value("USER") ?? Environment.value("LOGNAME") ?? "unknown"
        let status = Shell.run(configuration)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ducha demo",
        abstract: "Write the deterministic demo database of Dazhou 2016 (the bulletin's story, with labelled anomalies).")

    @Option(help: ArgumentHelp("The new database file (must not exist).", valueName: "FILE"))
    var out: String

    @Option(help: "Volume: 1 is a city (about 50,000 cases), 20 a province (about a million).")
    var scale = 1

    @Option(help: "The random seed; the same seed and scale give the same data.")
    var seed: UInt64 = 2016

    func validate() throws {
        guard (1...100).contains(scale) else { throw ValidationError("--scale must be a whole number from 1 to 100, not \(scale)") }
    }

    func run() throws {
        var options = DemoOptions()
        options.scale = scale
        options.seed = seed
        do {
            let summary = try DemoScenario.generate(into: out, options: options) { printError($0) }
            print("wrote \(summary.path) (scale \(summary.options.scale), seed \(summary.options.seed), story date \(summary.options.storyDate))")
            for (table, rows) in summary.rowCounts { print("  " + table + String(repeating: " ", count: max(1, 16 - table.count)) + String(rows)) }
        } catch {
            throw reported(error)
        }
    }
}

/// Values read from the environment, with the XDG defaults.
struct Environment {
    let home = Environment.value("HOME") ?? "."
    var dataHome: String { Environment.value("XDG_DATA_HOME") ?? home + "/.local/share" }
    var stateHome: String { Environment.value("XDG_STATE_HOME") ?? home + "/.local/state" }
    var configHome: String { Environment.value("XDG_CONFIG_HOME") ?? home + "/.config" }
    var cacheHome: String { Environment.value("XDG_CACHE_HOME") ?? home + "/.cache" }
    var colourAllowed: Bool { Environment.value("NO_COLOR") == nil }

    /// The history file, its folder made (0700) when missing; nil when it cannot be.
    var historyPath: String? {
        let folder = stateHome + "/ducha"
        return Directories.create(folder) ? folder + "/history" : nil
    }

    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : text
    }
}

extension Clock {
    /// The system's real-time clock.
    static let system = Clock {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(millisecondsSinceEpoch: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }
}

/// Prints an error as one line and returns the exit code that goes with it.
func reported(_ error: any Error) -> ExitCode {
    if let error = error as? DemoError {
        printError("error: \(error.message)")
        return ExitCode(ExitStatus.inputError.rawValue)
    }
    let shellError = ShellError.from(error)
    printError("error: \(shellError.message)")
    return ExitCode(shellError.exitStatus.rawValue)
}

/// Writes one line to standard error.
func printError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}

// MARK: Entry point

/// Parses and runs `Command`, mapping usage errors to exit status 2 (not 64).
func main<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> Never {
    do {
        var command = try Command.parseAsRoot(arguments)
        try command.run()
        exit(0)
    } catch {
        if Command.exitCode(for: error) == .success {
            print(Command.fullMessage(for: error))
            exit(0)
        }
        if let exitCode = error as? ExitCode { exit(exitCode.rawValue) }
        printError(Command.fullMessage(for: error))
        exit(ExitStatus.usage.rawValue)
    }
}

// `ducha demo ...` is read before the database argument could take the word.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "demo" {
    main(Demo.self, Array(arguments.dropFirst()))
}
main(Ducha.self, arguments)
