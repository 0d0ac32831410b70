import DuchaCore
import DuchaQuery
import DuchaStore
import Foundation
import Testing

/// Completion at every point of every corpus query: it always answers, every candidate
/// fits what is being completed, and a candidate put in place of the word gives text the
/// lexer still reads.
@Suite struct CompletionTests {
    @Test func everyPrefixOfTheCorpusCompletes() throws {
        let store = try Fixture.store()
        let completer = QueryCompleter(values: try Fixture.context(store).values, pinyin: nil, commands: ["explain"])
        let folder = CorpusTests.folder.appendingPathComponent("Corpus")
        var offered = 0
        for name in CorpusTests.names {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).dq"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            for length in 0...text.count {
                let prefix = String(text.prefix(length))
                let completion = completer.complete(prefix)
                #expect(prefix.hasSuffix(completion.word), "\(prefix): word \(completion.word)")
                offered += completion.candidates.count
                for candidate in completion.candidates.prefix(5) {
                    let completed = String(prefix.dropLast(completion.word.count)) + candidate
                    #expect(Lexer.tokens(completed).last?.kind == .end)
                }
            }
        }
        #expect(offered > 2000, "only \(offered) candidates offered over the corpus")
    }

    @Test func stagesAfterAPipeAndFieldsAfterWhere() throws {
        let completer = QueryCompleter()
        #expect(completer.complete("cases | ").candidates == Parser.stageKeywords.sorted())
        #expect(completer.complete("cases | where op").candidates == ["opened"])
        #expect(completer.complete("steps | where operator.").candidates == QuerySchema.current.sources["operators"]!.names)
        #expect(completer.complete("cas").candidates == ["cases", "catalog"].filter { $0.hasPrefix("cas") })
    }

    /// Functions, `workdays` among them, are offered where values are computed.
    @Test func functionsAfterSelectAndAggregate() {
        let completer = QueryCompleter()
        #expect(completer.complete("cases | select work").candidates == ["workdays"])
        #expect(completer.complete("cases | select number, wo").candidates == ["workdays"])
        #expect(completer.complete("cases | group by dept aggregate max(wor").candidates == ["workdays"])
        #expect(completer.complete("cases | select ").candidates.contains("workdays"))
    }

    /// `chart` is offered after `|`, its styles after it, and `trend` where values are computed.
    @Test func chartAndTrend() {
        let completer = QueryCompleter()
        #expect(completer.complete("cases | count by dept | ch").candidates == ["chart"])
        #expect(completer.complete("cases | count by dept | chart ").candidates == ["bar", "line"])
        #expect(completer.complete("cases | count by dept | chart l").candidates == ["line"])
        #expect(completer.complete("cases | count by dept | chart bar ").candidates == [])
        #expect(completer.complete("departments | select name, tre").candidates == ["trend"])
        #expect(completer.complete("departments | select name, trend(ca").candidates == ["cases", "catalog"])
    }

    /// Chinese and ASCII are matched byte for byte; typed text with a letter of several
    /// Unicode forms finds a name written in the other form.
    @Test func namesMatchAcrossUnicodeForms() {
        struct Names: ValueCatalog {
            func values(in table: String, column: String) -> [String]? {
                table == "departments" && column == "name" ? ["Caf\u{E9} 局", "市农业局", "市农机站"] : nil
            }
        }
        let completer = QueryCompleter(values: Names())
        #expect(completer.complete("departments | where name = \"Cafe\u{301}").candidates == ["\"Caf\u{E9} 局\""])
        #expect(completer.complete("departments | where name = \"Caf\u{E9}").candidates == ["\"Caf\u{E9} 局\""])
        #expect(completer.complete("departments | where name = \"市农业").candidates == ["\"市农业局\""])
        #expect(completer.complete("departments | where name = \"市农").candidates == ["\"市农业局\"", "\"市农机站\""].sorted())
    }
}
