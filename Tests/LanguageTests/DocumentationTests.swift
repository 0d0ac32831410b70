import DuchaCore
import DuchaQuery
import DuchaStore
import Foundation
import Testing

/// Every example query in docs/LANGUAGE.md checks and runs on the fixture.
@Suite struct DocumentationTests {
    static let examples: [String] = {
        let path = CorpusTests.folder.appendingPathComponent("../../docs/LANGUAGE.md").standardizedFileURL.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let sources = Set(Entity.allCases.flatMap { [$0.rawValue] + $0.aliases })
        var found: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("    ") {
                var query = line.trimmingCharacters(in: .whitespaces)
                if query.hasPrefix("explain ") { query = String(query.dropFirst(8)) }
                if let first = query.split(separator: " ").first, sources.contains(String(first)) { found.append(query) }
            }
            // Examples in table cells: `cases \| count`.
            for cell in line.split(separator: "`", omittingEmptySubsequences: false).enumerated() where cell.offset % 2 == 1 {
                let query = cell.element.replacingOccurrences(of: "\\|", with: "|")
                if query.contains(" | "), let first = query.split(separator: " ").first, sources.contains(String(first)) { found.append(query) }
            }
        }
        return found
    }()

    @Test func theReferenceHasExamples() {
        #expect(DocumentationTests.examples.count >= 50, "\(DocumentationTests.examples.count) examples found in docs/LANGUAGE.md")
    }

    @Test(arguments: DocumentationTests.examples)
    func exampleChecksAndRuns(query: String) throws {
        let store = try Fixture.store()
        let compilation = Compiler.compile(query, context: try Fixture.context(store))
        let statement = try #require(compilation.statement, "\(query): \(compilation.diagnostics.map(\.message))")
        try store.run(statement, columns: { _ in }, row: { _ in })
    }
}
