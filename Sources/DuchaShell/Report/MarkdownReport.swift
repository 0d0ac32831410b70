import DuchaCore
import DuchaStore

/// A report as Markdown, for editing: figures carry their source as ［n］, tables are
/// pipe tables, charts are their data as a table, and the appendix lists the queries.
enum MarkdownReport {
    static func render(_ document: ReportDocument) -> String {
        var out = "# \(escaped(document.title))\n\n*\(escaped(document.subtitle))*\n"
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let level, let text):
                out += String(repeating: "#", count: min(6, level)) + " " + text + "\n"
            case .paragraph(let spans):
                out += spans.map(text).joined() + "\n"
            case .table(let table):
                out += pipeTable(table.columns, table.rows, numeric: table.numeric)
                if let source = table.source { out += "\n数据来源［\(source)］\n" }
            case .chart(let chart):
                out += "**图：\(chart.title)**\n\n"
                let columns = [""] + chart.series.map(\.name)
                let rows = chart.categories.indices.map { index in
                    [chart.categories[index]] + chart.series.map { ReportText.number($0.values[index]) }
                }
                out += pipeTable(columns, rows, numeric: [false] + chart.series.map { _ in true })
                if let source = chart.source { out += "\n数据来源［\(source)］\n" }
            }
        }
        if !document.sources.isEmpty {
            out += "\n## 附：数据来源\n\n\(document.sourcesNote)\n\n"
            for source in document.sources {
                out += "\(source.number). `\(source.query.replacingBackticks())` → \(source.result)\n"
            }
        }
        return out
    }

    private static func text(_ span: ReportDocument.Span) -> String {
        switch span {
        case .text(let text): return escaped(text)
        case .figure(let figure, let source): return escaped(figure) + "［\(source)］"
        case .cite(let source): return "［\(source)］"
        }
    }

    private static func pipeTable(_ columns: [String], _ rows: [[String]], numeric: [Bool]) -> String {
        func cell(_ text: String) -> String { escaped(text).replacingPipes() }
        var out = "| " + columns.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { numeric.indices.contains($0) && numeric[$0] ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// The text with Markdown's emphasis and code characters escaped.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "*_`#[]<>\\".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}

private extension String {
    /// A query inside backticks: a backtick in it would end the code span.
    func replacingBackticks() -> String {
        var out = ""
        for character in self { out += character == "`" ? "'" : String(character) }
        return out
    }
}

/// Numbers and periods as a Chinese document writes them.
enum ReportText {
    /// 1,234 for whole numbers, 12.5 otherwise.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return Int(value).grouped }
        return value.formatted(decimals: 1)
    }

    /// 87.5%.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : (Double(part) * 100 / Double(whole)).formatted(decimals: 1) + "%"
    }

    /// 2016年1-4月, 2016年5月, 2015年12月至2016年2月, 2016年3月1日至15日.
    static func period(_ period: CheckPeriod) -> String {
        let start = period.start, last = period.end.adding(days: -1)
        if start.day == 1 && period.end.day == 1 {
            if start.year == last.year {
                return start.month == last.month ? "\(start.year)年\(start.month)月" : "\(start.year)年\(start.month)-\(last.month)月"
            }
            return "\(start.year)年\(start.month)月至\(last.year)年\(last.month)月"
        }
        if start.year == last.year && start.month == last.month {
            return start.day == last.day ? "\(start.year)年\(start.month)月\(start.day)日" : "\(start.year)年\(start.month)月\(start.day)日至\(last.day)日"
        }
        return "\(start.year)年\(start.month)月\(start.day)日至\(last.year)年\(last.month)月\(last.day)日"
    }

    /// 2016年6月15日.
    static func date(_ date: CivilDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    /// 一, 二, … for section numbers up to 99.
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 0..<10: return digits[n]
        case 10: return "十"
        case 11..<20: return "十" + digits[n - 10]
        case 20..<100: return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        default: return String(n)
        }
    }

    /// A、B、C (the Chinese list comma).
    static func list(_ items: [String]) -> String { items.joined(separator: "、") }
}
