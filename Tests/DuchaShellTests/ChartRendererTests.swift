import DuchaCore
import DuchaQuery
import DuchaStore
import Testing
@testable import DuchaShell

/// Draws `rows` under `columns` as `chart` in `width` columns, as the shell does for people.
func drawChart(_ chart: Chart, _ columns: [ResultColumn], _ rows: [[Value]], width: Int, fenced: Bool = false) -> String {
    let output = TextOutput.memory()
    let renderer = ChartRenderer(output: output, options: RenderOptions(), chart: chart, width: width, fenced: fenced)
    renderer.begin(columns)
    rows.forEach(renderer.row)
    renderer.finish(rowCount: rows.count)
    return output.captured
}

/// Charts and sparklines: exact drawings at a given width, and what scripts get instead.
@Suite struct ChartRendererTests {
    static let bar = Chart(style: .bar, labelColumns: [0], measureColumn: 1)
    static let line = Chart(style: .line, labelColumns: [0], measureColumn: 1)
    static let departments = [ResultColumn("dept", .text), ResultColumn("count", .integer)]
    static let departmentRows: [[Value]] = [
        [.text("市农业局"), .integer(1234)], [.text("万源市房管局"), .integer(617)], [.text("水文局"), .integer(5)],
        [.text("达州市"), .integer(0)], [.text("x"), .null], [.text("退款"), .integer(-3)],
    ]
    static let months = [ResultColumn("month", .text), ResultColumn("count", .integer)]
    static let monthRows: [[Value]] = [
        [.text("2016-01"), .integer(0)], [.text("2016-02"), .integer(3)], [.text("2016-03"), .integer(5)],
        [.text("2016-04"), .integer(9)], [.text("2016-05"), .integer(2)],
    ]

    /// Labels padded by display width (a Chinese character is two columns); the longest
    /// bar fills what the labels and values leave of 40 columns (21 blocks); 617 is 10½
    /// blocks, 5 at least an eighth; zero has no bar, NULL and below zero say so.
    @Test func barChartAlignsChineseLabelsAndDrawsEighths() {
        #expect(drawChart(ChartRendererTests.bar, ChartRendererTests.departments, ChartRendererTests.departmentRows, width: 40) == """
            count by dept
            市农业局     █████████████████████ 1,234
            万源市房管局 ██████████▌ 617
            水文局       ▏ 5
            达州市        0
            x             NULL
            退款          -3 (below zero: no bar)

            """)
        for line in drawChart(ChartRendererTests.bar, ChartRendererTests.departments, ChartRendererTests.departmentRows.prefix(3).map { $0 }, width: 40)
            .split(separator: "\n") {
            #expect(line.displayWidth <= 40, "\(line)")
        }
    }

    /// In a narrow chart long labels are cut by display width (to two fifths of it), so the
    /// bars still line up; a wide character that would straddle the cut leaves a blank.
    @Test func barChartCutsLongLabels() {
        let rows: [[Value]] = [[.text("万源市人力资源社会保障局"), .integer(8)], [.text("市农业局"), .integer(3)]]
        #expect(drawChart(ChartRendererTests.bar, ChartRendererTests.departments, rows, width: 30) == """
            count by dept
            万源市人力…  ███████████████ 8
            市农业局     █████▋ 3

            """)
    }

    /// Several label columns (group keys) name a bar together; a real measure keeps two decimals.
    @Test func barChartJoinsLabelsAndRoundsDecimals() {
        let columns = [ResultColumn("region", .text), ResultColumn("month", .text), ResultColumn("days", .real)]
        let rows: [[Value]] = [[.text("万源市"), .text("2016-01"), .real(12.345)], [.text("市级"), .text("2016-01"), .real(1234.5)]]
        #expect(drawChart(Chart(style: .bar, labelColumns: [0, 1], measureColumn: 2), columns, rows, width: 40) == """
            days by region, month
            万源市 2016-01 ▏ 12.35
            市级 2016-01   █████████████████ 1,234.5

            """)
    }

    /// Columns of stacked eighths over 8 rows: the scale's top and bottom on the left,
    /// the values under their columns, the first and last months on the axis line.
    @Test func lineChartStacksEighths() {
        #expect(drawChart(ChartRendererTests.line, ChartRendererTests.months, ChartRendererTests.monthRows, width: 40) == """
            count by month
            9 ┤            ███
              │            ███
              │            ███
              │        ▄▄▄ ███
              │        ███ ███
              │    ▅▅▅ ███ ███
              │    ███ ███ ███ ▆▆▆
            0 ┤    ███ ███ ███ ███
              └───────────────────
                0   3   5   9   2
               2016-01     2016-05

            """)
    }

    /// When the values do not fit under their columns, the lowest and highest are named;
    /// more categories than columns keep the last (8 of 12 in 16 columns) and say how many
    /// were left out.
    @Test func lineChartInANarrowWidth() {
        let rows: [[Value]] = (1...12).map { [.text(String(format2: $0)), .integer(Int64($0) * 1000)] }
        let text = drawChart(ChartRendererTests.line, ChartRendererTests.months, rows, width: 16)
        #expect(text == """
            count by month
            12,000 ┤      ▃█
                   │     ▅██
                   │   ▃████
                   │  ▅█████
                   │▃███████
                   │████████
                   │████████
                 0 ┤████████
                   └────────
                    lowest 5,000 (05), highest 12,000 (12)
                    05    12
            the first 4 of 12 categories do not fit; where or take chooses which to draw

            """)
    }

    @Test func chartsInMarkdownAreFencedAndEmptyResultsSaySo() {
        let text = drawChart(ChartRendererTests.bar, ChartRendererTests.departments, [[.text("市农业局"), .integer(2)]], width: 20, fenced: true)
        #expect(text == "```text\ncount by dept\n市农业局 █████████ 2\n```\n")
        #expect(drawChart(ChartRendererTests.line, ChartRendererTests.months, [], width: 40) == "count by month\n(no rows to chart)\n")
    }

    /// Each sparkline is scaled to its own largest count: ▁ is none, any other count at least ▂.
    @Test(arguments: [([0, 3, 5, 9, 2], "▁▃▅█▃"), ([0, 0, 0], "▁▁▁"), ([1, 100], "▂█"), ([7], "█"), ([], "")])
    func sparklinesScaleToTheirRow(counts: [Int], drawn: String) {
        #expect(Sparkline.draw(counts) == drawn)
    }

    @Test func sparklinesAreDrawnInTablesAndLeftAloneOtherwise() {
        let columns = [ResultColumn("name", .text), ResultColumn("trend", .text)]
        let rows: [[Value]] = [[.text("市农业局"), .text("0,3,5,9,2")], [.text("市水文局"), .text("0,0,0,0,0")], [.text("y"), .null]]
        let output = TextOutput.memory()
        let renderer = SparklineRenderer(drawing: [1], into: OutputMode.table.renderer(to: output, options: RenderOptions()))
        renderer.begin(columns)
        rows.forEach(renderer.row)
        renderer.finish(rowCount: rows.count)
        #expect(output.captured == """
            ┌──────────┬───────┐
            │ name     │ trend │
            ├──────────┼───────┤
            │ 市农业局 │ ▁▃▅█▃ │
            │ 市水文局 │ ▁▁▁▁▁ │
            │ y        │ NULL  │
            └──────────┴───────┘

            """)
        #expect(render(.csv, columns, rows) == "name,trend\n市农业局,\"0,3,5,9,2\"\n市水文局,\"0,0,0,0,0\"\ny,\n")
    }

    // MARK: Through the shell

    /// A session over a small store: two departments, cases in January, March and April.
    static func session(mode: OutputMode, width: Int?) throws -> (Session, TextOutput) {
        let output = TextOutput.memory(width: width)
        let session = Session(store: try Store.inMemory(), mode: mode, standardOutput: output, diagnostics: TextOutput.memory(),
                              clock: .fixed(CivilDate("2016-05-20")!), colourAllowed: false)
        let at = { (day: String) in Value.integer(ChinaTime.instant(CivilDate(day)!, hour: 9).millisecondsSinceEpoch) }
        var cases: [[Value]] = []
        for (index, (department, day)) in [(1, "2016-01-05"), (1, "2016-03-02"), (1, "2016-03-09"), (1, "2016-04-01"), (2, "2016-03-31")].enumerated() {
            cases.append([.text("2016-SJ-\(index + 1)"), 1, .integer(Int64(department)), at(day), nil, nil, at(day)])
        }
        for (table, rows) in [("regions", [["市级", "SJ", "city"]] as [[Value]]),
                              ("departments", [["市农业局", 1, nil, "online", 3], ["万源市房管局", 1, nil, "online", 1]]),
                              ("items", [["SJ-1", "农药经营许可", "行政许可", 1, nil, "active", nil, nil]]),
                              ("cases", cases)] {
            let inserter = try session.store.inserter(for: table)
            for row in rows {
                try inserter.set(row)
                try inserter.insert()
            }
        }
        return (session, output)
    }

    static func run(_ query: String, mode: OutputMode, width: Int? = nil) throws -> String {
        let (session, output) = try session(mode: mode, width: width)
        try QueryRunner.run(query, at: SourcePosition(source: "t", line: 1, column: 1), in: session)
        return output.captured
    }

    /// People get the chart, sized to the output's width; scripts get the rows.
    @Test func aChartQueryIsDrawnForPeopleAndPlainForScripts() throws {
        let query = "cases | count by dept | chart bar"
        #expect(try ChartRendererTests.run(query, mode: .table, width: 30) == """
            count by dept
            万源市房管局 ███▊ 1
            市农业局     ███████████████ 4

            """)
        #expect(try ChartRendererTests.run(query, mode: .csv) == "dept,count\n万源市房管局,1\n市农业局,4\n")
        #expect(try ChartRendererTests.run(query, mode: .tsv) == "dept\tcount\n万源市房管局\t1\n市农业局\t4\n")
        #expect(try ChartRendererTests.run(query, mode: .json) == "[\n{\"dept\":\"万源市房管局\",\"count\":1},\n{\"dept\":\"市农业局\",\"count\":4}\n]\n")
        // A file or pipe has no terminal width: 80 columns.
        let wide = try ChartRendererTests.run("cases | count by month(opened) | chart line", mode: .line)
        #expect(wide.hasPrefix("count by month\n3 ┤"), "\(wide)")
        #expect(wide.contains("2016-01"))
    }

    /// `trend` is drawn in tables and given as counts to csv and json.
    @Test func trendIsASparklineForPeopleAndCountsForScripts() throws {
        let query = "departments | select name, trend(cases, 2016-01..2016-05) | sort name"
        #expect(try ChartRendererTests.run(query, mode: .table) == """
            ┌──────────────┬───────┐
            │ name         │ trend │
            ├──────────────┼───────┤
            │ 万源市房管局 │ ▁▁█▁▁ │
            │ 市农业局     │ ▅▁█▅▁ │
            └──────────────┴───────┘

            """)
        #expect(try ChartRendererTests.run(query, mode: .csv) == "name,trend\n万源市房管局,\"0,0,1,0,0\"\n市农业局,\"1,0,2,1,0\"\n")
        #expect(try ChartRendererTests.run(query, mode: .json) == "[\n{\"name\":\"万源市房管局\",\"trend\":\"0,0,1,0,0\"},\n{\"name\":\"市农业局\",\"trend\":\"1,0,2,1,0\"}\n]\n")
    }
}

private extension String {
    /// A month number as two digits, `04`.
    init(format2 number: Int) {
        self = number < 10 ? "0\(number)" : "\(number)"
    }
}
