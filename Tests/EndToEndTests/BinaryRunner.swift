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

    /// Runs the binary with `arguments`, feeding `input` on standard input.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = feed
        try process.run()
        if let input { feed.fileHandleForWriting.write(Data(input.utf8)) }
        try feed.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                       standardError: String(decoding: errData, as: UTF8.self))
    }
}
