import DuchaCore
import DuchaQuery
import DuchaStore
import Testing

/// Huge and hostile queries: up to the limits they check and run; past them they get one
/// clear diagnostic, never a crash or a hang.
@Suite struct LimitTests {
    static func compile(_ text: String, on store: Store) throws -> Compiler.Compilation {
        Compiler.compile(text, context: try Fixture.context(store))
    }

    @Test func queriesAtTheLimitsRun() throws {
        let store = try Fixture.store()
        let nested = "cases | where " + String(repeating: "(", count: 30) + "opened > 2016-01" + String(repeating: ")", count: 30) + " | count"
        let chained = "cases | where " + (0..<127).map { "number != \"\($0)\"" }.joined(separator: " and ") + " | count"
        let listed = "cases | where number in (" + (0..<9_999).map { "\"\($0)\"" }.joined(separator: ", ") + ") | count"
        for text in [nested, chained, listed] {
            let compilation = try LimitTests.compile(text, on: store)
            let statement = try #require(compilation.statement, "\(compilation.diagnostics.map(\.message))")
            var rows: [[Value]] = []
            try store.run(statement, columns: { _ in }, row: { rows.append($0) })
            #expect(rows.count == 1)
        }
    }

    @Test(arguments: [
        ("cases | where " + String(repeating: "(", count: 5_000) + "opened" + String(repeating: ")", count: 5_000), "too-complex"),
        ("cases | where " + String(repeating: "not ", count: 5_000) + "opened > 2016-01", "too-complex"),
        ("cases | where " + String(repeating: "- ", count: 5_000) + "1 = 1", "too-complex"),
        ("cases | where " + (0..<5_000).map { "number != \"\($0)\"" }.joined(separator: " or ") + " | count", "too-complex"),
        ("steps | where recorded - occurred > " + String(repeating: "1d ", count: 5_000) + " | count", "too-complex"),
        ("cases | where number in (" + (0..<20_000).map { "\"\($0)\"" }.joined(separator: ",") + ") | count", "too-long"),
    ])
    func pastTheLimitsOneDiagnostic(text: String, id: String) throws {
        let compilation = try LimitTests.compile(text, on: try Fixture.store())
        #expect(compilation.query == nil)
        #expect(compilation.diagnostics.map(\.id) == [id])
    }
}
