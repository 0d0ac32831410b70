import DuchaCore
import DuchaQuery
import DuchaStore
import Foundation
import Testing

/// The acceptance examples of the language run as written on the demo database, and
/// their answers agree with the demo's labelled story.
@Suite struct LanguageExampleTests {
    /// The examples of `../shared/brief/LANGUAGE.md`: the indented lines of its first code block.
    static let briefExamples: [String]? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/brief/LANGUAGE.md").standardizedFileURL.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let section = text.components(separatedBy: "## Queries are pipelines").dropFirst().first ?? ""
        return section.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("    ") }.prefix { $0.hasPrefix("    ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }()

    /// The same examples as kept in the language corpus (files 01–10).
    static let corpusExamples: [String] = (1...10).compactMap { number in
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent(String(format: "../LanguageTests/Corpus/%02d.dq", number)).standardizedFileURL.path
        return (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theBriefsExamplesAreInTheCorpus() throws {
        guard let brief = LanguageExampleTests.briefExamples else {
            Issue.record("../shared/brief/LANGUAGE.md is not there; the examples are checked from the corpus only")
            return
        }
        #expect(brief.count == 10)
        #expect(brief == LanguageExampleTests.corpusExamples)
    }

    static func run(_ query: String, on demo: DemoDatabase) throws -> (columns: [String], rows: [[Value]], failures: [Int64]) {
        var values: [String: [String]] = [:]
        for (table, column) in [("departments", "name"), ("regions", "name")] {
            values[table + "." + column] = try demo.store.distinctTexts(of: SchemaDescription.table(named: table)!, column: column, limit: 10_000)
        }
        let context = QueryContext(today: CivilDate(year: 2016, month: 5, day: 20)!, now: ChinaTime.instant(CivilDate(year: 2016, month: 5, day: 20)!, hour: 12),
                                   values: FixedValueCatalog(values))
        let compilation = Compiler.compile(query, context: context)
        let checked = try #require(compilation.query, "\(query): \(compilation.diagnostics.map(\.message))")
        let rows = try demo.rows(checked.statement.text, checked.statement.parameters)
        let failures = try checked.assertions.map { try demo.scalar(SQLPrinter.statement($0.failures).text, SQLPrinter.statement($0.failures).parameters) }
        return (checked.statement.columns.map(\.name), rows, failures)
    }

    @Test(arguments: LanguageExampleTests.corpusExamples)
    func runsAsWritten(query: String) throws {
        let demo = try SharedDemo.open()
        let result = try LanguageExampleTests.run(query, on: demo)
        #expect(result.failures.allSatisfy { $0 == 0 })
        if !query.hasPrefix("orders") { #expect(!result.rows.isEmpty, "\(query) found nothing on the demo") }
    }

    @Test func zeroCaseDepartmentsAreExactlyTheLabelledOnes() throws {
        let demo = try SharedDemo.open()
        let found = try LanguageExampleTests.run("departments | where cases(2016-01..2016-04) = 0 | select name, region", on: demo)
        let labelled = try demo.rows("SELECT d.name FROM labels l JOIN departments d ON d.id = l.entity_id WHERE l.anomaly = 'zero-cases'")
        #expect(Set(found.rows.map { $0[0] }) == Set(labelled.map { $0[0] }))
        #expect(found.rows.contains { $0[0] == .text("市水文局") })
    }

    @Test func countsAgreeWithHandWrittenSQL() throws {
        let demo = try SharedDemo.open()
        let wanyuan = try LanguageExampleTests.run(#"cases | where opened in 2016-01..2016-04 and dept.region = "万源市" | count"#, on: demo)
        let expected = try demo.scalar("""
            SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id JOIN regions r ON r.id = d.region_id
            WHERE r.name = '万源市' AND c.opened >= ? AND c.opened < ?
            """, [.integer(DemoDatabase.january), .integer(DemoDatabase.may)])
        #expect(wanyuan.rows == [[.integer(expected)]])
        let unhandled = try LanguageExampleTests.run("alerts | where level = alarm and handled is null and raised < today - 7d | count by dept", on: demo)
        let total = unhandled.rows.reduce(Int64(0)) { $0 + ($1[1].integer ?? 0) }
        #expect(total == (try demo.scalar("SELECT count(*) FROM alerts WHERE level = 'alarm' AND handled IS NULL AND raised < ?",
                                          [.integer(DemoDatabase.cutoff - 7 * DemoDatabase.day)])))
    }
}
