import DuchaCore
import DuchaQuery
import DuchaStore
import Foundation
import Testing

/// Mutates the corpus with a fixed seed. Every mutant must compile to either
/// diagnostics placed inside the text, or SQL that SQLite accepts and runs on the
/// fixture: the checker never lets through a query the store would reject.
@Suite struct CompiledSQLFuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let pieces = ["|", "(", ")", "\"", ",", ".", "..", " ", "=", "<", "~", "and", "or", "not", "in", "null",
                         "count", "where", "select", "by", "as", "desc", "today", "now", "7d", "2016-05", "2016-01-31",
                         "3", "-", "+", "市农业局", "dept", "region", "cases", "opened", "level", "alarm", "steps", "is"]

    @Test func mutantsCompileToPlacedDiagnosticsOrRunnableSQL() throws {
        let store = try Fixture.store()
        let context = try Fixture.context(store)
        let before = try Fixture.snapshot(store)
        let folder = CorpusTests.folder.appendingPathComponent("Corpus")
        let corpus = try CorpusTests.names.map {
            try String(contentsOf: folder.appendingPathComponent("\($0).dq"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let valid = corpus.filter { Compiler.compile($0, context: context).query != nil }
        var generator = Generator(state: 2016)
        var ran = 0, rejected = 0
        for round in 0..<4000 {
            var characters: [Character]
            if round % 2 == 0 {
                // Meaning-preserving shapes: swap an operator or a literal, add a stage.
                var text = valid[generator.below(valid.count)]
                let swaps = [("=", "!="), (" < ", " >= "), ("2016-01", "2016-05"), ("count", "count by dept"), ("7d", "12h 30m"),
                             ("desc", "asc"), ("and", "or"), ("name", "id")]
                let swap = swaps[generator.below(swaps.count)]
                if let range = text.range(of: swap.0) { text.replaceSubrange(range, with: swap.1) }
                let stages = [" | count", " | take 2", " | distinct", " | sort 1", " | where id > 1", " | select id",
                              " | count | assert count >= 0", " | take 3 | count", ""]
                text += stages[generator.below(stages.count)]
                characters = Array(text)
            } else {
                characters = Array(corpus[generator.below(corpus.count)])
                for _ in 0...generator.below(3) {
                    let at = generator.below(characters.count + 1)
                    switch generator.below(3) {
                    case 0 where !characters.isEmpty: characters.remove(at: min(at, characters.count - 1))
                    case 1: characters.insert(contentsOf: Array(CompiledSQLFuzzTests.pieces[generator.below(CompiledSQLFuzzTests.pieces.count)]), at: at)
                    default:
                        let piece = Array(" " + CompiledSQLFuzzTests.pieces[generator.below(CompiledSQLFuzzTests.pieces.count)] + " ")
                        characters.insert(contentsOf: piece, at: at)
                    }
                }
            }
            let text = String(characters)
            let compilation = Compiler.compile(text, context: context)
            if let statement = compilation.statement {
                do {
                    try store.run(statement, columns: { _ in }, row: { _ in })
                    for assertion in compilation.query?.assertions ?? [] {
                        _ = try store.integer(SQLPrinter.statement(assertion.failures))
                    }
                    ran += 1
                } catch {
                    Issue.record("\(text)\n\(statement.text)\n\(error)")
                }
            } else {
                #expect(!compilation.diagnostics.isEmpty, "\(text) has neither SQL nor a diagnostic")
                for diagnostic in compilation.diagnostics {
                    #expect(diagnostic.range.lowerBound >= 0 && diagnostic.range.upperBound <= text.count, "\(text): \(diagnostic)")
                }
                rejected += 1
            }
        }
        #expect(ran > 800 && rejected > 1000, "ran \(ran), rejected \(rejected)")
        print("fuzz: ran \(ran), rejected \(rejected)")
        #expect(try Fixture.snapshot(store) == before)
    }
}
