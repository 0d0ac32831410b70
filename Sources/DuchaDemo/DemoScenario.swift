#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuchaCore
import DuchaStore

/// The deterministic demo scenario: Dazhou (达州市) in 2016, the story of the municipal
/// inspection bulletin (2016 issue 18), with every anomaly it describes injected at
/// known places and recorded in the `labels` table. docs/DEMO.md describes it.
public enum DemoScenario {
    /// The generator's revision: it changes whenever the same seed and scale would give
    /// other rows (2: working days follow the holiday notices; 3: items carry time limits),
    /// so cached demos are remade.
    public static let revision = 3

    /// Writes a new database at `path` (must not exist): loads into `path + ".partial-PID"`
    /// and renames it into place when complete, so a crash never leaves a half-made file
    /// under the final name. The same options give the same rows.
    public static func generate(into path: String, options: DemoOptions,
                                progress: (String) -> Void = { _ in }) throws -> DemoSummary {
        try options.validate()
        guard !path.isEmpty else { throw DemoError("give the path of the new database file") }
        if exists(path) { throw DemoError("\(path) already exists; give a new file name (the demo never overwrites a file)") }
        // One partial file per process, published with link(2): two runs at once never
        // write into each other's file, and only one of them publishes.
        let partial = path + ".partial-\(getpid())"
        removePartial(partial)
        let counts: (rows: [(table: String, rows: Int)], labels: [Int])
        do {
            counts = try withoutActuallyEscaping(progress) { progress in
                try write(into: partial, options: options, progress: progress)
            }
            guard link(partial, path) == 0 else {
                if errno == EEXIST { throw DemoError("\(path) already exists; give a new file name (the demo never overwrites a file)") }
                throw DemoError("cannot publish \(partial) as \(path): " + String(cString: strerror(errno)))
            }
            removePartial(partial)
        } catch {
            removePartial(partial)
            throw error
        }
        progress("done: \(path)")
        return DemoSummary(
            path: path, options: options, rowCounts: counts.rows,
            labelCounts: Anomaly.allCases.map { (anomaly: $0.rawValue, rows: counts.labels[$0.ordinal]) })
    }

    /// Writes the scenario and closes the store (the store and its statements end with
    /// this function, so the file is complete and closed when it returns).
    private static func write(into path: String, options: DemoOptions, progress: @escaping (String) -> Void) throws
        -> (rows: [(table: String, rows: Int)], labels: [Int]) {
        let store = try Store.createForBulkLoad(path: path)
        let writer = try ScenarioWriter(store: store, options: options, progress: progress)
        try writer.write()
        return (writer.rowCounts, writer.labelCounts)
    }

    private static func exists(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0
    }

    /// Removes a partial file left by an earlier run, with SQLite's side files.
    private static func removePartial(_ partial: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(partial + suffix) }
    }
}
