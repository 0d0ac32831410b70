import DuchaCore
import DuchaStore
import Testing
@testable import DuchaShell

/// The report renderers: Markdown and HTML from one document, SVG charts, and the
/// Chinese forms of periods and numbers.
@Suite struct ReportRenderingTests {
    static let document = ReportDocument(
        title: "关于<全市>行政权力运行的通报",
        subtitle: "（草稿）督查期间：2016年1-4月",
        blocks: [
            .heading(level: 2, text: "一、基本情况"),
            .paragraph([.text("共办理案件"), .figure("1,234件", source: 1), .text("，其中*重点*部门"), .cite(2), .text("。")]),
            .table(ReportDocument.Table(columns: ["部门", "办件数"], numeric: [false, true], rows: [["市农业局|市林业局", "12"], ["A & B", "3"]], source: 2)),
            .chart(ReportDocument.Chart(kind: .bars, title: "各项检查发现的问题数", categories: ["零办件", "事后补录", "报警未处置"],
                                        series: [ReportDocument.Series(name: "问题数", values: [62, 4300, 0])], source: 2)),
            .chart(ReportDocument.Chart(kind: .lines, title: "各月办件数", categories: ["2016-01", "2016-02", "2016-03"],
                                        series: [ReportDocument.Series(name: "市级", values: [10, 20, 15]),
                                                 ReportDocument.Series(name: "万源市", values: [1, 0, 2])], source: 1)),
        ],
        sources: [ReportDocument.Source(number: 1, query: "cases | where opened in 2016-01..2016-04 | count", result: "1,234"),
                  ReportDocument.Source(number: 2, query: "departments | where name ~ \"局\" | select name", result: "2 行")],
        sourcesNote: "可原样运行复核。")

    @Test func markdownCitesSourcesAndEscapesWhatMarkdownWouldRead() {
        let text = MarkdownReport.render(ReportRenderingTests.document)
        #expect(text.hasPrefix("# 关于\\<全市\\>行政权力运行的通报\n\n*（草稿）督查期间：2016年1-4月*\n"))
        #expect(text.contains("共办理案件1,234件［1］，其中\\*重点\\*部门［2］。"))
        #expect(text.contains("| 部门 | 办件数 |\n|---|---:|\n| 市农业局\\|市林业局 | 12 |\n| A & B | 3 |\n\n数据来源［2］"))
        #expect(text.contains("**图：各月办件数**\n\n|  | 市级 | 万源市 |\n|---|---:|---:|\n| 2016-01 | 10 | 1 |"))
        #expect(text.contains("## 附：数据来源\n\n可原样运行复核。\n\n1. `cases | where opened in 2016-01..2016-04 | count` → 1,234\n"))
    }

    @Test func htmlIsOneFileWithItsChartsAndNothingFromOutside() {
        let html = HTMLReport.render(ReportRenderingTests.document)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<title>关于&lt;全市&gt;行政权力运行的通报</title>"))
        #expect(html.contains("<span class=\"cited\"><span class=\"figure\">1,234件</span><sup><a href=\"#source-1\">[1]</a></sup></span>"))
        #expect(html.contains("<td>A &amp; B</td><td class=\"number\">3</td>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-1\""))
        #expect(html.contains("id=\"chart-2\""))
        #expect(html.contains("<li id=\"source-2\"><code>departments | where name ~ &quot;局&quot; | select name</code> → 2 行</li>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("@import") && !html.contains("url("))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
    }

    @Test func barChartsDrawABarPerCategoryScaledToTheLargest() {
        let chart = ReportRenderingTests.document.blocks.compactMap { block -> ReportDocument.Chart? in
            if case .chart(let chart) = block, chart.kind == .bars { return chart } else { return nil }
        }[0]
        let svg = SVGChart.render(chart, id: "c")
        #expect(svg.components("<rect class=\"bar\"") == 3)
        let widths = svg.attributeValues("width").dropFirst().compactMap(Double.init)
        #expect(widths.count == 3 && widths[1] > widths[0] && widths[2] == 0, "\(widths)")
        #expect(svg.contains(">事后补录</text>") && svg.contains(">4,300</text>"))
    }

    @Test func lineChartsDrawALineAndALegendPerSeries() {
        let chart = ReportRenderingTests.document.blocks.compactMap { block -> ReportDocument.Chart? in
            if case .chart(let chart) = block, chart.kind == .lines { return chart } else { return nil }
        }[0]
        let svg = SVGChart.render(chart, id: "c")
        #expect(svg.components("<polyline") == 2 && svg.components("<circle") == 6)
        #expect(svg.contains(">市级</text>") && svg.contains(">万源市</text>") && svg.contains(">2016-03</text>"))
        // The axis tops out at a round number, in quarters.
        #expect(svg.contains(">20</text>") && svg.contains(">5</text>") && !svg.contains(">25</text>"))
    }

    @Test(arguments: [(0.5, 1.0), (1, 1), (7, 8), (11, 12), (12, 12), (13, 15), (23, 25), (2_721, 3_000), (43_021, 50_000), (100, 100), (101, 120)])
    func axesEndAtRoundNumbers(value: Double, ceiling: Double) {
        #expect(SVGChart.niceCeiling(value) == ceiling)
    }

    @Test(arguments: [
        ("2016-01..2016-04", "2016年1-4月"), ("2016-05", "2016年5月"), ("2015-12..2016-02", "2015年12月至2016年2月"),
        ("2016-03-01..2016-03-15", "2016年3月1日至15日"), ("2016-03-07", "2016年3月7日"), ("2016-02-20..2016-03-10", "2016年2月20日至2016年3月10日"),
    ])
    func periodsReadAsInAChineseDocument(text: String, expected: String) throws {
        let period = try #require(CheckCommand.parsePeriod(text))
        #expect(ReportText.period(period) == expected)
    }

    @Test(arguments: [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (28, "二十八")])
    func sectionNumbersInChinese(number: Int, expected: String) {
        #expect(ReportText.chineseNumber(number) == expected)
    }
}

private extension String {
    func components(_ separator: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: separator) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// The values of an attribute, in order.
    func attributeValues(_ name: String) -> [String] {
        var values: [String] = []
        var rest = self[...]
        while let range = rest.range(of: " \(name)=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return values
    }
}
