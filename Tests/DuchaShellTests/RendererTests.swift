import Testing
import DuchaCore
@testable import DuchaShell

/// Renders `rows` under `columns` in `mode` to a string.
func render(_ mode: OutputMode, _ columns: [ResultColumn], _ rows: [[Value]], terminal: Bool = false, width: Int? = nil,
            maxRows: Int? = nil, nullText: String = "NULL") -> String {
    let output = TextOutput.memory(isTerminal: terminal, width: width)
    let renderer = mode.renderer(to: output, options: RenderOptions(formatter: CellFormatter(nullText: nullText), colour: false, maxRows: maxRows))
    renderer.begin(columns)
    rows.forEach(renderer.row)
    renderer.finish(rowCount: rows.count)
    return output.captured
}

let sampleColumns = [ResultColumn("name", .text), ResultColumn("cases", .integer), ResultColumn("opened", .instant), ResultColumn("note", .text)]
let sampleRows: [[Value]] = [
    [.text("市农业局"), .integer(0), .integer(1_451_611_800_000), .null],
    [.text("万源市房管局"), .integer(1234), .integer(1_463_709_600_000), .text("")],
    [.text("a,b \"q\""), .integer(-5), .null, .text("line1\nline2\tx")],
]

@Suite struct RendererTests {
    @Test func tableAlignsChineseByDisplayWidth() {
        #expect(render(.table, sampleColumns, sampleRows) == """
            ┌──────────────┬───────┬─────────────────────┬─────────────────┐
            │ name         │ cases │ opened              │ note            │
            ├──────────────┼───────┼─────────────────────┼─────────────────┤
            │ 市农业局     │     0 │ 2016-01-01 09:30:00 │ NULL            │
            │ 万源市房管局 │  1234 │ 2016-05-20 10:00:00 │                 │
            │ a,b "q"      │    -5 │ NULL                │ line1\\nline2\\tx │
            └──────────────┴───────┴─────────────────────┴─────────────────┘

            """)
    }

    @Test func tableOnATerminalKeepsHeadAndTail() {
        let rows = (1...10).map { [Value.integer(Int64($0)), .text("第\($0)件")] }
        let text = render(.table, [ResultColumn("n", .integer), ResultColumn("案件", .text)], rows, terminal: true, maxRows: 4)
        #expect(text == """
            ┌────┬────────┐
            │ n  │ 案件   │
            ├────┼────────┤
            │  1 │ 第1件  │
            │  2 │ 第2件  │
            │ …  │   …    │
            │  9 │ 第9件  │
            │ 10 │ 第10件 │
            └────┴────────┘
            10 rows (4 shown)

            """)
    }

    @Test func tableNarrowsToTheTerminalWidth() {
        let rows: [[Value]] = [[.text(String(repeating: "督查", count: 30)), .integer(1)]]
        let text = render(.table, [ResultColumn("finding", .text), ResultColumn("n", .integer)], rows, terminal: true, width: 40)
        for line in text.split(separator: "\n").prefix(5) {
            #expect(line.displayWidth <= 40, "\(line)")
        }
        #expect(text.contains("…"))
    }

    @Test func csvQuotesWhatNeedsQuotingAndTellsNullFromEmpty() {
        let expected = "name,cases,opened,note\n" + "市农业局,0,2016-01-01 09:30:00,\n" + "万源市房管局,1234,2016-05-20 10:00:00,\"\"\n"
            + "\"a,b \"\"q\"\"\",-5,,\"line1\nline2\tx\"\n"
        #expect(render(.csv, sampleColumns, sampleRows) == expected)
    }

    @Test func tsvEscapesTabsAndNewlines() {
        #expect(render(.tsv, sampleColumns, sampleRows) == "name\tcases\topened\tnote\n市农业局\t0\t2016-01-01 09:30:00\t\\N\n"
            + "万源市房管局\t1234\t2016-05-20 10:00:00\t\n" + "a,b \"q\"\t-5\t\\N\tline1\\nline2\\tx\n")
    }

    @Test func jsonKeepsTypes() {
        #expect(render(.json, sampleColumns + [ResultColumn("flag", .flag)], sampleRows.map { $0 + [.integer(1)] }) == """
            [
            {"name":"市农业局","cases":0,"opened":"2016-01-01T09:30:00+08:00","note":null,"flag":true},
            {"name":"万源市房管局","cases":1234,"opened":"2016-05-20T10:00:00+08:00","note":"","flag":true},
            {"name":"a,b \\"q\\"","cases":-5,"opened":null,"note":"line1\\nline2\\tx","flag":true}
            ]

            """)
        #expect(render(.json, sampleColumns, []) == "[]\n")
    }

    @Test func markdownPadsByDisplayWidthAndEscapesPipes() {
        let text = render(.markdown, [ResultColumn("部门", .text), ResultColumn("n", .integer)], [[.text("市水务局|x"), .integer(89)]])
        #expect(text == """
            | 部门        |   n |
            |-------------|----:|
            | 市水务局\\|x |  89 |

            """)
    }

    @Test func lineModeNamesEveryCell() {
        let text = render(.line, [ResultColumn("部门", .text), ResultColumn("items", .integer)], [[.text("市农业局"), .integer(332)], [.text("市水务局"), .null]], nullText: "∅")
        #expect(text == " 部门 = 市农业局\nitems = 332\n\n 部门 = 市水务局\nitems = ∅\n")
    }
}
