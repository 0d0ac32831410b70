import DuchaCore
import DuchaQuery
import DuchaStore
import Foundation
import Testing

/// The corpus: every query in `Corpus/`, snapshotted at every stage of the compiler
/// (tokens, tree, names, SQL, parameters) and as results on the fixture, or as its
/// rendered diagnostics. Snapshots live in `Snapshots/` and are rewritten only when
/// `DUCHA_UPDATE_SNAPSHOTS=1` is set; otherwise a difference fails the test.
@Suite struct CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Corpus").path)) ?? [])
        .filter { $0.hasSuffix(".dq") }.map { String($0.dropLast(3)) }.sorted()

    @Test func theCorpusIsThere() {
        #expect(CorpusTests.names.count >= 40)
    }

    @Test(arguments: CorpusTests.names)
    func snapshot(name: String) throws {
        let text = try String(contentsOf: CorpusTests.folder.appendingPathComponent("Corpus/\(name).dq"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let store = try Fixture.store()
        let actual = try CorpusTests.render(text, store: store)
        let path = CorpusTests.folder.appendingPathComponent("Snapshots/\(name).txt")
        if ProcessInfo.processInfo.environment["DUCHA_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: path, encoding: .utf8)
        #expect(expected != nil, "no snapshot for \(name); run with DUCHA_UPDATE_SNAPSHOTS=1 and review it")
        if let expected { #expect(actual == expected, "snapshot of \(name) differs") }
    }

    /// Every prefix of a corpus query that checks, cut at a stage boundary (a `|` outside
    /// quotes), checks too: a pipeline can be built one stage at a time, up to its chart.
    @Test func prefixesAtStageBoundariesCheck() throws {
        let store = try Fixture.store()
        let context = try Fixture.context(store)
        var checked = 0
        for name in CorpusTests.names {
            let text = try String(contentsOf: CorpusTests.folder.appendingPathComponent("Corpus/\(name).dq"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard Compiler.compile(text, context: context).diagnostics.isEmpty else { continue }
            var quote: Character?
            for (offset, character) in text.enumerated() {
                if let open = quote {
                    if character == (open == "“" ? "”" : open) { quote = nil }
                    continue
                }
                if character == "\"" || character == "'" || character == "“" { quote = character; continue }
                guard character == "|" || character == "｜" else { continue }
                let prefix = String(text.prefix(offset))
                #expect(Compiler.compile(prefix, context: context).diagnostics == [], "\(name): \(prefix)")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// Every stage of one query, and its result on the fixture.
    static func render(_ text: String, store: Store) throws -> String {
        let compilation = Compiler.compile(text, context: try Fixture.context(store))
        var lines = ["query:", "  " + text, "tokens:", "  " + compilation.tokens.map(\.dump).joined(separator: " "),
                     "tree:", "  " + compilation.pipeline.dump]
        guard let query = compilation.query else {
            lines.append("diagnostics:")
            for diagnostic in compilation.diagnostics {
                lines.append("  \(diagnostic.id) \(diagnostic.range.lowerBound)..<\(diagnostic.range.upperBound): \(diagnostic.message)")
                lines += diagnostic.caret(in: text).map { "    " + $0 }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let statement = query.statement
        lines += ["names:"] + query.resolutions.map { "  " + $0 }
        lines += ["sql:", "  " + statement.text, "params:", "  " + statement.parameters.map(\.sqlLiteral).joined(separator: ", ")]
        lines.append("result:")
        lines.append("  " + statement.columns.map(\.name).joined(separator: " | "))
        try store.run(statement, columns: { _ in }, row: { values in
            lines.append("  " + zip(values, statement.columns).map { CorpusTests.cell($0, $1.kind) }.joined(separator: " | "))
        })
        for assertion in query.assertions {
            let failures = try store.integer(SQLPrinter.statement(assertion.failures)) ?? -1
            lines.append("assert \"\(assertion.message)\": \(failures) failing")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ value: Value, _ kind: ColumnKind) -> String {
        switch (value, kind) {
        case (.null, _): return "NULL"
        case (.integer(let number), .instant): return ChinaTime.format(Instant(millisecondsSinceEpoch: number))
        case (.integer(let number), .duration): return "\(number)ms"
        case (.integer(let number), _): return String(number)
        case (.real(let number), _): return String((number * 1000).rounded() / 1000)
        case (.text(let text), _): return text
        case (.blob, _): return "blob"
        }
    }
}
