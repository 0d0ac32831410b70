import DuchaCore
import DuchaDemo
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scale 20 (about a million cases) in under a minute: run only when DUCHA_DEMO_SCALE20=1,
/// best in a release build:
/// `DUCHA_DEMO_SCALE20=1 swift test -c release --scratch-path .build-demo-release --filter ScaleTwenty`
@Suite struct ScaleTwentyTests {
    @Test func scaleTwentyInUnderAMinute() throws {
        guard let flag = getenv("DUCHA_DEMO_SCALE20"), String(cString: flag) == "1" else {
            print("ScaleTwentyTests: NOT RUN (set DUCHA_DEMO_SCALE20=1 to generate scale 20 and time it)")
            return
        }
        let path = "/tmp/ducha-demo-scale20-\(getpid()).db"
        DemoDatabase.remove(path)
        defer { DemoDatabase.remove(path) }
        let start = ScaleTwentyTests.now()
        let summary = try DemoScenario.generate(into: path, options: DemoOptions(scale: 20)) {
            print("scale 20 at \(ScaleTwentyTests.tenths(ScaleTwentyTests.now() - start)) s:", $0)
        }
        let seconds = ScaleTwentyTests.now() - start
        print("ScaleTwentyTests: scale 20 generated in \(ScaleTwentyTests.tenths(seconds)) s")
        for row in summary.rowCounts { print("  \(row.table): \(row.rows)") }
        for row in summary.labelCounts { print("  label \(row.anomaly): \(row.rows)") }
        var information = stat()
        if stat(path, &information) == 0 { print("ScaleTwentyTests: file size \(information.st_size / 1_000_000) MB") }
        #expect((900_000...1_100_000).contains(summary.rows(in: "cases")))
        #expect(seconds < 60)
        let database = try DemoDatabase(path: path)
        #expect(try database.scalar("""
            SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE r.code = 'WY' AND d.name <> '万源市房管局' AND c.opened >= ? AND c.opened < ?
            """, [.integer(DemoDatabase.january), .integer(DemoDatabase.may)]) == 11)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func tenths(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
