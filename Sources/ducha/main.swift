#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore
import DuchaDemo
import DuchaShell

/// The only file that touches the process: argv, environment, clock and exit.
let version = "0.1.0"

/// Opens the shell as `launch` says and returns its exit status.
func runShell(_ launch: ShellLaunch) -> Int32 {
    let environment = Environment()
    var path = launch.database ?? environment.dataHome + "/ducha/ducha.db"
    if launch.demo {
        do {
            path = try DemoCache.path(cacheHome: environment.cacheHome) { message in
                printError(message)
            }
        } catch {
            return reported(error)
        }
    } else if launch.database == nil {
        Directories.create(parentOf: path)
    }
    var configuration = ShellConfiguration(databasePath: path, clock: Clock.system, version: version)
    configuration.readOnly = launch.readOnly
    configuration.commands = launch.commands
    configuration.scriptPath = launch.scriptPath
    configuration.bail = launch.bail
    configuration.mode = launch.mode
    configuration.today = launch.today
    configuration.initPath = launch.noInit ? nil : environment.configHome + "/ducha/init"
    configuration.historyPath = { environment.historyPath }
    configuration.colourAllowed = environment.colourAllowed
    configuration.checkOnly = launch.checkOnly
    configuration.errorFormat = launch.errorFormat
    configuration.actorGiven = launch.actor
    configuration.actor = Environment.value("DUCHA_ACTOR") ?? Environment.value("USER") ?? Environment.value("LOGNAME") ?? "unknown"
    return Shell.run(configuration).rawValue
}

/// Writes the demo database and returns the exit status.
func writeDemo(into out: String, _ options: DemoOptions) -> Int32 {
    do {
        let summary = try DemoScenario.generate(into: out, options: options) { printError($0) }
        print("wrote \(summary.path) (scale \(summary.options.scale), seed \(summary.options.seed), story date \(summary.options.storyDate))")
        for (table, rows) in summary.rowCounts { print("  " + table + String(repeating: " ", count: max(1, 16 - table.count)) + String(rows)) }
        return ExitStatus.success.rawValue
    } catch {
        return reported(error)
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

/// Prints an error as one line and returns the exit status that goes with it.
func reported(_ error: any Error) -> Int32 {
    if let error = error as? DemoError {
        printError("error: \(error.message)")
        return ExitStatus.inputError.rawValue
    }
    let shellError = ShellError.from(error)
    printError("error: \(shellError.message)")
    return shellError.exitStatus.rawValue
}

/// Writes one line to standard error.
func printError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}

// MARK: Entry point

switch LaunchRequest.reading(Array(CommandLine.arguments.dropFirst())) {
case .help(let text):
    print(text, terminator: "")
    exit(ExitStatus.success.rawValue)
case .version:
    print(version)
    exit(ExitStatus.success.rawValue)
case .usageError(let text):
    printError(String(text.dropLast()))
    exit(ExitStatus.usage.rawValue)
case .shell(let launch):
    exit(runShell(launch))
case .demo(let out, let options):
    exit(writeDemo(into: out, options))
}
