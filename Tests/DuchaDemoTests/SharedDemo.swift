import DuchaDemo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The demo databases shared by the tests: each generated once per test process (the
/// first test to ask waits for it) and removed when the process exits. A failed
/// generation fails the tests that use it, rather than the process.
enum SharedDemo {
    /// A generated database: its path and the generation's summary.
    typealias Generation = (path: String, summary: DemoSummary)

    private static let defaults = generate(DemoOptions(), name: "default")
    private static let repeated = generate(DemoOptions(), name: "again")
    private static let seven = generate(DemoOptions(seed: 7), name: "seed7")

    /// Scale 1 with the default seed.
    static var generated: Generation { get throws { try defaults.get() } }
    /// A second generation with the same options, for the determinism tests.
    static var again: Generation { get throws { try repeated.get() } }
    /// A generation with another seed: the story holds for any seed.
    static var otherSeed: Generation { get throws { try seven.get() } }

    /// A read-only view of the default database.
    static func open() throws -> DemoDatabase {
        try DemoDatabase(path: generated.path)
    }

    private static func generate(_ options: DemoOptions, name: String) -> Result<Generation, any Error> {
        let path = "/tmp/ducha-demo-tests-\(getpid())-\(name).db"
        DemoDatabase.remove(path)
        atexit {
            for name in ["default", "again", "seed7"] { DemoDatabase.remove("/tmp/ducha-demo-tests-\(getpid())-\(name).db") }
        }
        return Result { (path, try DemoScenario.generate(into: path, options: options)) }
    }
}
