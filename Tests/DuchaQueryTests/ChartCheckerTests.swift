import DuchaCore
import DuchaQuery
import Testing

/// `chart bar` and `chart line`: the last stage, which changes nothing in the SQL and
/// tells the shell which columns to draw.
@Suite struct ChartCheckerTests {
    static func compile(_ text: String) -> Compiler.Compilation {
        Compiler.compile(text, context: CheckerTests.context)
    }

    @Test(arguments: [
        "cases | count by month(opened)",
        "cases | where opened in 2016-01..2016-05 | count by dept.region, month(opened) | sort count desc",
        "departments | select name, terminals",
    ])
    func chartChangesNothingInTheSQL(query: String) throws {
        let plain = try #require(ChartCheckerTests.compile(query).statement)
        for style in ["bar", "line"] {
            let charted = try #require(ChartCheckerTests.compile(query + " | chart " + style).query)
            #expect(charted.statement == plain)
            #expect(charted.chart?.style.rawValue == style)
        }
        #expect(ChartCheckerTests.compile(query).query?.chart == nil)
    }

    /// The measure is the last number; the labels are the group keys, or else the first
    /// other column.
    @Test(arguments: [
        ("cases | count by month(opened) | chart bar", [0], 1),
        ("cases | count by dept.region, month(opened) | chart bar", [0, 1], 2),
        ("cases | count by year(opened) | chart line", [0], 1),
        ("cases | count by month(opened) | where count > 1 | sort count desc | chart bar", [0], 1),
        ("cases | group by dept aggregate count() as n, avg(days(opened, decided)) as days | chart bar", [0], 2),
        ("departments | select name, terminals | chart bar", [0], 1),
        ("departments | select terminals, name | chart bar", [1], 0),
        ("steps | group by operator aggregate avg(recorded - occurred) as lag | chart bar", [0], 1),
        ("cases | count by month(opened) | select month, count * 2 as twice | chart line", [0], 1),
    ])
    func theMeasureIsTheLastNumber(query: String, labels: [Int], measure: Int) throws {
        let compilation = ChartCheckerTests.compile(query)
        let chart = try #require(compilation.query?.chart, "\(query): \(compilation.diagnostics.map(\.message))")
        #expect(chart.labelColumns == labels, "\(query)")
        #expect(chart.measureColumn == measure, "\(query)")
    }

    @Test func theDumpNamesWhatIsDrawn() throws {
        let query = try #require(ChartCheckerTests.compile("cases | count by dept.region, month(opened) | chart bar").query)
        #expect(query.dump.hasSuffix("chart bar: count by region, month (drawn by the shell; not in the SQL)"))
    }

    /// Problems are marked in the query text: ⟨ and ⟩ surround where each diagnostic points.
    @Test(arguments: [
        ("cases | ⟨chart bar⟩", "nothing-to-chart", "chart draws a count or a sum by something: cases | count by month(opened) | chart bar"),
        ("alerts | where level = alarm | ⟨chart line⟩", "nothing-to-chart",
         "chart draws a count or a sum by something: alerts | where level = alarm | count by month(raised) | chart line"),
        ("departments | ⟨chart bar⟩", "nothing-to-chart", "chart draws a count or a sum by something: departments | count by region | chart bar"),
        ("cases | where opened in 2016-05 | count | ⟨chart bar⟩", "nothing-to-chart",
         "chart draws a count or a sum by something, and these rows have only count: cases | where opened in 2016-05 | count by month(opened) | chart bar"),
        ("cases | select number, dept | ⟨chart bar⟩", "nothing-to-chart",
         "chart draws a count or a sum by something: cases | count by month(opened) | chart bar; the columns here are number (text), dept (text)"),
        ("cases | count by dept | chart bar | ⟨take⟩ 3", "chart-not-last", "chart draws the rows, so it is the last stage; write take before | chart bar"),
        ("cases | count by dept | chart line | ⟨where⟩ count > 3", "chart-not-last", "chart draws the rows, so it is the last stage; write where before | chart line"),
        ("cases | count by dept | chart ⟨pie⟩", "unknown-chart", "unknown chart 'pie' (did you mean 'bar'?)"),
    ])
    func mistakesPointAtTheStage(marked: String, id: String, message: String) throws {
        let range = try #require(marked.markedRange)
        let query = marked.replacingMarkers()
        let diagnostics = ChartCheckerTests.compile(query).diagnostics
        #expect(diagnostics.count == 1, "\(query): \(diagnostics.map(\.message))")
        let first = try #require(diagnostics.first, "no diagnostic for \(query)")
        #expect(first.id == id, "\(query)")
        #expect(first.message == message || (id == "unknown-chart" && first.message.hasPrefix(message)), "\(first.message)")
        #expect(first.range == range, "\(query)")
    }
}
