import Foundation
import Testing

/// Runs the built `ducha` binary in a scratch home, as a person or a script would.
struct BinaryRunner {
    struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    let home: String

    init() {
        home = NSTemporaryDirectory() + "ducha-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }

    /// The path of a file in the scratch home.
    func file(_ name: String) -> String { home + "/" + name }

    /// The binary built next to the test bundle.
    static var binary: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        if folder.lastPathComponent == "debug" || folder.lastPathComponent == "release" {
            return folder.appendingPathComponent("ducha").path
        }
        // Inside an .xctest bundle folder on some layouts.
        folder = folder.deletingLastPathComponent()
        return folder.appendingPathComponent("ducha").path
    }

    /// The environment of a clean login with no locale, colours or config of its own.
    var environment: [String: String] {
        [
            "HOME": home, "PATH": "/usr/bin:/bin",
            "XDG_DATA_HOME": home + "/data", "XDG_STATE_HOME": home + "/state",
            "XDG_CONFIG_HOME": home + "/config", "XDG_CACHE_HOME": home + "/cache",
        ]
    }

    /// Starts the binary with `arguments` in the scratch home, its standard input read
    /// from `input` and its output written to files; returns the process id.
    func start(_ arguments: [String], input: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Started {
        let id = UUID().uuidString
        let started = Started(pid: 0, standardOutput: home + "/.out-\(id)", standardError: home + "/.err-\(id)")
        let inputPath = home + "/.in-\(id)"
        try (input ?? "").write(toFile: inputPath, atomically: true, encoding: .utf8)
        let environment = self.environment.merging(extraEnvironment) { $1 }.map { "\($0.key)=\($0.value)" }
        let pid = try Subprocess.spawn(
            ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", home, BinaryRunner.binary] + arguments,
            environment: environment, input: inputPath, output: started.standardOutput, errors: started.standardError)
        return Started(pid: pid, standardOutput: started.standardOutput, standardError: started.standardError)
    }

    /// A process started by `start`.
    struct Started {
        let pid: pid_t
        let standardOutput: String
        let standardError: String

        /// Waits for the process and reads what it wrote.
        func finish() -> Outcome {
            let status = Subprocess.wait(pid)
            let output = (try? String(contentsOfFile: standardOutput, encoding: .utf8)) ?? ""
            let errors = (try? String(contentsOfFile: standardError, encoding: .utf8)) ?? ""
            return Outcome(status: status, standardOutput: output, standardError: errors)
        }
    }

    /// Runs the binary with `arguments`, feeding `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Outcome {
        try start(arguments, input: input, extraEnvironment: extraEnvironment).finish()
    }
}

/// posix_spawn and waitpid, used directly: Foundation's Process sometimes never reaps a
/// child on this platform, which would hang the suite.
enum Subprocess {
    /// Starts `arguments[0]` with the others; standard streams go to the given files.
    static func spawn(_ arguments: [String], environment: [String], input: String, output: String, errors: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        return pid
    }

    /// Waits for `pid`; its exit code, or 128 plus the signal that ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
