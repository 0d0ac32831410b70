import Testing
import DuchaCore
@testable import DuchaQuery

/// The acceptance examples of the language's starting design, with their trees.
let languageExamples: [(String, String)] = [
    (#"departments | where region = "万源市" | sort name"#, #"departments | where (= region "万源市") | sort name"#),
    (#"cases | where opened in 2016-01..2016-04 and dept.region = "万源市" | count"#,
     #"cases | where (and (in opened (.. 2016-01 2016-04)) (= dept.region "万源市")) | count"#),
    ("cases | where opened >= 2016-01-01 | count by dept.region, month(opened)",
     "cases | where (>= opened 2016-01-01) | count by dept.region, month(opened)"),
    (#"items | where dept = "市农业局" and category = "行政处罚" | select code, name, status"#,
     #"items | where (and (= dept "市农业局") (= category "行政处罚")) | select code, name, status"#),
    ("alerts | where level = alarm and handled is null and raised < today - 7d | count by dept",
     "alerts | where (and (and (= level alarm) (is-null handled)) (< raised (- today 7d))) | count by dept"),
    ("steps | where recorded - occurred > 3d | count by dept | sort count desc | take 10",
     "steps | where (> (- recorded occurred) 3d) | count by dept | sort count desc | take 10"),
    ("orders | where status != closed and due < today | sort due", "orders | where (and (!= status closed) (< due today)) | sort due"),
    ("departments | where cases(2016-01..2016-04) = 0 | select name, region",
     "departments | where (= cases((.. 2016-01 2016-04)) 0) | select name, region"),
    ("departments | select name, count(cases) as n | sort n desc | take 5", "departments | select name, count(cases) as n | sort n desc | take 5"),
    (#"cases | where dept.region.name = "万源市" | count | assert count > 0 "no cases""#,
     #"cases | where (= dept.region.name "万源市") | count | assert (> count 0) "no cases""#),
    ("cases | group by dept aggregate count() as n, avg(days(opened, decided))", "cases | group by dept aggregate count() as n, avg(days(opened, decided))"),
    ("cases | where result in (\"罚款\", \"给予警告\") or not decided is not null | distinct",
     "cases | where (or (in result (list \"罚款\" \"给予警告\")) (not (is-not-null decided))) | distinct"),
    ("cases | where opened between 2016-01-01 and 2016-02-01 | take 3", "cases | where (between opened 2016-01-01 2016-02-01) | take 3"),
    ("案件 ｜ where 部门 = “市水务局”", "案件 | where (= 部门 \"市水务局\")"),
    ("cases | where opened in 2016-01..2016-05 | count by month(opened) | chart bar",
     "cases | where (in opened (.. 2016-01 2016-05)) | count by month(opened) | chart bar"),
    ("departments | select name, trend(cases, 2016-01..2016-05) | chart line", "departments | select name, trend(cases, (.. 2016-01 2016-05)) | chart line"),
]

@Suite struct ParserTests {
    @Test(arguments: languageExamples)
    func languageExamplesParseCleanly(query: String, tree: String) {
        let (pipeline, diagnostics) = Parser.parse(query)
        #expect(diagnostics == [])
        #expect(pipeline.dump == tree)
    }

    /// Any prefix of a query that ends at a stage boundary is itself a valid query.
    @Test(arguments: languageExamples.map(\.0))
    func prefixesAtStageBoundariesAreQueries(query: String) {
        let pieces = query.split(separator: "|", omittingEmptySubsequences: false)
        for count in 1...pieces.count {
            let prefix = pieces.prefix(count).joined(separator: "|")
            if prefix.filter({ $0 == "\"" }).count % 2 == 1 { continue }
            #expect(Parser.parse(prefix).diagnostics == [], "\(prefix)")
        }
    }

    /// Problems are marked in the query text: ⟨ and ⟩ surround where each diagnostic points.
    @Test(arguments: [
        ("cases | ⟨wher⟩ name = 1", "unknown-stage", "unknown stage 'wher' (did you mean 'where'?); the stages are where, select, sort, take, count, group, distinct, assert, chart"),
        ("cases | where name = ⟨⟩", "expected-value", "expected a value: a field, a string, a number, a date or a month"),
        ("cases | where opened > ⟨3x⟩", "malformed-number", "'3x' is not a number, date (2016-06-15), month (2016-05) or duration (7d 12h 30m 3mo)"),
        ("cases | where name = ⟨\"万源⟩", "unterminated-string", "this string has no closing quote; add \""),
        ("⟨|⟩ count", "expected-source", "a query starts with a source, such as cases or departments"),
        ("cases | count⟨(⟩", "expected-pipe", "expected | before the next stage, or the end of the query"),
        ("cases | where a ⟨@⟩= 1", "unexpected-character", "unexpected character '@'"),
        ("cases | where a is ⟨nul⟩", "expected-null", "is must be followed by null or not null"),
        ("cases | group ⟨dept⟩", "expected-by", "group needs by: group by FIELD aggregate sum(x)"),
        ("cases | count by dept | chart ⟨pie⟩", "unknown-chart", "unknown chart 'pie' (did you mean 'bar'?); a terminal draws chart bar or chart line"),
        ("cases | count by dept | chart ⟨lien⟩", "unknown-chart", "unknown chart 'lien' (did you mean 'line'?); a terminal draws chart bar or chart line"),
        ("cases | count by dept | chart ⟨⟩", "expected-chart", "chart needs a style: chart bar or chart line"),
        ("cases | count by dept | chart ⟨|⟩ take 3", "expected-chart", "chart needs a style: chart bar or chart line"),
    ])
    func diagnosticsPointAtTheProblem(marked: String, id: String, message: String) throws {
        let range = try #require(marked.markedRange)
        let query = marked.replacingMarkers()
        let diagnostics = Parser.parse(query).diagnostics
        let first = try #require(diagnostics.first, "no diagnostic for \(query)")
        #expect(first.id == id)
        #expect(first.message == message)
        #expect(first.range.lowerBound == range.lowerBound)
        if range.upperBound > range.lowerBound { #expect(first.range.upperBound == range.upperBound) }
    }

    /// `chart` keeps its style in the tree, so the checker can place what it says about it.
    @Test func chartKeepsItsStyle() throws {
        let (pipeline, diagnostics) = Parser.parse("cases | count by dept | chart LINE")
        #expect(diagnostics == [])
        let stage = try #require(pipeline.stages.last)
        guard case .chart(let style?) = stage.kind else {
            Issue.record("not a chart: \(stage.dump)")
            return
        }
        #expect(style.text == "LINE")
        #expect(Parser.parse("cases | count by dept | chart").pipeline.dump == "cases | count by dept | chart <missing>")
    }

    @Test func severalProblemsAreReportedAtOnce() {
        let diagnostics = Parser.parse("cases | wher x | where y = | sort 3x").diagnostics
        #expect(diagnostics.map(\.id) == ["unknown-stage", "expected-value", "malformed-number"])
    }

    /// A fixed-seed fuzz: mutated corpus queries always give a tree, never a crash or hang.
    @Test func mutatedQueriesNeverCrash() {
        var random = SeededRandom(seed: 2016)
        let alphabet = Array("|()\",.=<>!~-+*/ 0123456789abc部门“”..")
        for (query, _) in languageExamples {
            for _ in 0..<200 {
                var characters = Array(query)
                for _ in 0..<(1 + random.next(4)) {
                    let index = random.next(characters.count + 1)
                    switch random.next(3) {
                    case 0 where index < characters.count: characters.remove(at: index)
                    case 1: characters.insert(alphabet[random.next(alphabet.count)], at: index)
                    default: if index < characters.count { characters[index] = alphabet[random.next(alphabet.count)] }
                    }
                }
                let mutated = String(characters)
                let (pipeline, diagnostics) = Parser.parse(mutated)
                _ = pipeline.dump
                for diagnostic in diagnostics {
                    #expect(diagnostic.range.lowerBound >= 0 && diagnostic.range.upperBound <= mutated.count, "\(mutated)")
                }
            }
        }
    }
}

extension String {
    func replacingMarkers() -> String { filter { $0 != "⟨" && $0 != "⟩" } }

    /// The characters between ⟨ and ⟩, as offsets into the text without the markers.
    var markedRange: Range<Int>? {
        guard let start = firstIndex(of: "⟨"), let end = firstIndex(of: "⟩") else { return nil }
        let lower = distance(from: startIndex, to: start)
        return lower..<distance(from: startIndex, to: end) - 1
    }
}
