import DuchaCore
import DuchaQuery
import DuchaStore
import Testing

/// Values never become SQL text: payloads that would break out of a string in glued
/// SQL find nothing, appear only as bound parameters, and change nothing.
@Suite struct InjectionTests {
    static let payloads = [
        #""x\" or 1=1 --""#,
        #"'; drop table cases; --'"#,
        #""'; DELETE FROM departments; --""#,
        #""市农业局' OR '1'='1""#,
        #""\") UNION SELECT name, name FROM sqlite_schema --""#,
    ]

    @Test(arguments: InjectionTests.payloads)
    func payloadsFindNothingAndChangeNothing(payload: String) throws {
        let store = try Fixture.store()
        let before = try Fixture.snapshot(store)
        for template in ["items | where name ~ %@ | select code, name", "cases | where number = %@ | select number",
                         "orders | where requirement = %@ or leader = %@ | count"] {
            let text = template.replacingOccurrences(of: "%@", with: payload)
            let compilation = Compiler.compile(text, context: try Fixture.context(store))
            let statement = try #require(compilation.statement, "\(text): \(compilation.diagnostics.map(\.message))")
            #expect(!statement.text.contains("drop") && !statement.text.contains("1=1") && !statement.text.contains("UNION"))
            #expect(statement.parameters.contains { $0.text?.contains("--") == true || $0.text?.contains("'") == true })
            var rows: [[Value]] = []
            try store.run(statement, columns: { _ in }, row: { rows.append($0) })
            if text.contains("count") {
                #expect(rows == [[.integer(0)]])
            } else {
                #expect(rows.isEmpty, "\(text) found \(rows)")
            }
        }
        #expect(try Fixture.snapshot(store) == before)
    }

    /// A payload compared with a catalogued name is an unknown value, reported, not run.
    @Test func payloadAsADepartmentNameIsAnUnknownValue() throws {
        let store = try Fixture.store()
        let compilation = Compiler.compile(#"cases | where dept = "x' or 1=1 --" | count"#, context: try Fixture.context(store))
        #expect(compilation.query == nil)
        #expect(compilation.diagnostics.map(\.id) == ["unknown-value"])
    }
}
