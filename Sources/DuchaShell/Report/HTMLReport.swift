import DuchaCore

/// A report as one self-contained HTML file for reading and printing: inline stylesheet,
/// charts as inline SVG, no script and nothing fetched from the network.
enum HTMLReport {
    static func render(_ document: ReportDocument) -> String {
        let e = SVGChart.escaped
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(document.title))</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            <main>
            <h1>\(e(document.title))</h1>
            <p class="subtitle">\(e(document.subtitle))</p>

            """
        var charts = 0
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                let tag = "h\(min(6, max(2, level)))"
                out += "<\(tag)>\(e(text))</\(tag)>\n"
            case .paragraph(let spans):
                out += "<p>" + spans.map(span).joined() + "</p>\n"
            case .table(let table):
                out += "<table>\n<thead><tr>" + table.columns.enumerated().map { index, column in
                    "<th\(table.numeric.indices.contains(index) && table.numeric[index] ? " class=\"number\"" : "")>\(e(column))</th>"
                }.joined() + "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>" + row.enumerated().map { index, cell in
                        "<td\(table.numeric.indices.contains(index) && table.numeric[index] ? " class=\"number\"" : "")>\(e(cell))</td>"
                    }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
                if let source = table.source { out += "<p class=\"source\">数据来源" + reference(source) + "</p>\n" }
            case .chart(let chart):
                charts += 1
                out += "<figure>\n" + SVGChart.render(chart, id: "chart-\(charts)") + "\n"
                out += "<figcaption>图\(charts)" + (chart.source.map { "　数据来源" + reference($0) } ?? "") + "</figcaption>\n</figure>\n"
            }
        }
        if !document.sources.isEmpty {
            out += "<section class=\"sources\">\n<h2>附：数据来源</h2>\n<p>\(e(document.sourcesNote))</p>\n<ol>\n"
            for source in document.sources {
                out += "<li id=\"source-\(source.number)\"><code>\(e(source.query))</code> → \(e(source.result))</li>\n"
            }
            out += "</ol>\n</section>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    private static func span(_ span: ReportDocument.Span) -> String {
        switch span {
        case .text(let text): return SVGChart.escaped(text)
        case .figure(let figure, let source): return "<span class=\"cited\"><span class=\"figure\">\(SVGChart.escaped(figure))</span>" + reference(source) + "</span>"
        case .cite(let source): return reference(source)
        }
    }

    private static func reference(_ source: Int) -> String {
        "<sup><a href=\"#source-\(source)\">[\(source)]</a></sup>"
    }

    static let stylesheet = """
        body { margin: 0; background: #f4f4f2; color: #1d1d1f;
               font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", serif; }
        main { max-width: 780px; margin: 0 auto; padding: 32px 40px 48px; background: #fff; line-height: 1.9; font-size: 16px; }
        h1 { text-align: center; font-size: 24px; line-height: 1.5; margin: 8px 0 4px; color: #b0191e; }
        .subtitle { text-align: center; color: #666; font-size: 14px; margin-top: 0; }
        h2 { font-size: 19px; margin: 28px 0 8px; }
        h3 { font-size: 17px; margin: 20px 0 6px; }
        p { text-indent: 2em; margin: 6px 0; }
        p.subtitle, p.source, figcaption { text-indent: 0; }
        .figure { font-weight: 600; }
        sup { line-height: 0; }
        sup a { color: #1f5fa8; text-decoration: none; font-size: 11px; }
        .cited { white-space: nowrap; }
        table { border-collapse: collapse; margin: 10px 0; width: 100%; font-size: 14px; line-height: 1.5; }
        th, td { border: 1px solid #c8c8c8; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #eef1f5; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .source { font-size: 12px; color: #666; }
        figure { margin: 16px 0; }
        figcaption { font-size: 13px; color: #444; text-align: center; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: 0 auto;
                    font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif; }
        svg .title { font-size: 14px; font-weight: 600; fill: #1d1d1f; }
        svg .label, svg .value { font-size: 13px; fill: #333; }
        svg .axis, svg .legend { font-size: 12px; fill: #555; }
        svg .grid { stroke: #e2e2e2; stroke-width: 1; }
        .sources { font-size: 13px; line-height: 1.6; }
        .sources li { margin: 4px 0; }
        .sources code { overflow-wrap: break-word; font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; background: #f3f3f3; padding: 0 3px; }
        @media print { body { background: #fff; } main { padding: 0; max-width: none; } figure, table { break-inside: avoid; } }
        """
}
