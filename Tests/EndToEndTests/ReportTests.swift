import DuchaCore
import Foundation
import Testing

/// `report bulletin` and `report orders` on the demo scenario: the sections of the 2016
/// bulletin, every figure re-runnable from the appendix, region scope, an empty period,
/// read-only databases, and files written whole or not at all.
@Suite(.serialized) struct ReportTests {
    /// The appendix entries: number, query, result.
    static func appendix(_ markdown: String) -> [(number: Int, query: String, result: String)] {
        guard let start = markdown.range(of: "## 附：数据来源") else { return [] }
        return markdown[start.upperBound...].split(separator: "\n").compactMap { line in
            guard let dot = line.firstIndex(of: "."), let number = Int(line[..<dot]),
                  let open = line.firstIndex(of: "`"), let close = line[line.index(after: open)...].firstIndex(of: "`"),
                  let arrow = line.range(of: " → ") else { return nil }
            return (number, String(line[line.index(after: open)..<close]), String(line[arrow.upperBound...]))
        }
    }

    /// The source numbers cited in the text (before the appendix).
    static func citations(_ markdown: String) -> Set<Int> {
        let body = markdown.range(of: "## 附：数据来源").map { String(markdown[..<$0.lowerBound]) } ?? markdown
        var cited: Set<Int> = []
        var rest = Substring(body)
        while let open = rest.range(of: "［") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "］") else { break }
            if let number = Int(rest[..<close.lowerBound]) { cited.insert(number) }
            rest = rest[close.upperBound...]
        }
        return cited
    }

    @Test func theBulletinCitesAQueryForEveryFigureAndEachGivesItAgain() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let generated = try runner.run(["demo", "--out", runner.file("demo.db")])
        try #require(generated.status == 0, "\(generated.standardError)")
        #expect(try runner.run(["demo.db", "--as", "王督查", "-c",
                                "order issue to 市农业局 due 2016-06-15 \"说明连续无办件原因，书面报告\" cc \"市政府督查室,市监察局,市政府法制办\" leader 张局长"]).status == 0)
        let outcome = try runner.run(["demo.db", "-c", "report bulletin 2016-01..2016-04"])
        try #require(outcome.status == 0, "\(outcome.standardError)")
        let text = outcome.standardOutput
        for part in ["# 关于全市行政权力依法规范公开运行督查情况的通报", "## 一、基本情况", "（一）办件情况", "（二）事项上网运行情况", "（三）运行较为规范的部门",
                     "## 二、存在的主要问题", "## 三、工作要求", "| 2016-001-001 | 市农业局（张局长） |", "整改情况请于2016年6月15日前书面报送，抄送市政府督查室、市监察局、市政府法制办",
                     "逾期1个工作日以上或一个月零办件的，函询", "## 附：数据来源"] {
            #expect(text.contains(part), "missing \(part)")
        }
        // Worst first: the parts of the problems section follow the findings per check.
        let sources = ReportTests.appendix(text)
        #expect(sources.count >= 20)
        #expect(Set(sources.map(\.number)) == ReportTests.citations(text), "every source cited, every citation listed")
        // Every single-number query gives its figure again, run on its own.
        var checked = 0
        for source in sources where source.result.allSatisfy({ $0.isNumber || $0 == "," }) {
            let again = try ImportTests.rows(runner, "demo.db", source.query)
            #expect(again.first.map { Int($0[0]) ?? -1 } == Int(source.result.filter(\.isNumber)), "\(source.query)")
            #expect(text.contains(source.result + "件［\(source.number)］") || text.contains(source.result + "个［\(source.number)］")
                    || text.contains("［\(source.number)］"), "\(source.query)")
            checked += 1
        }
        #expect(checked >= 10)
        // The figures people read: cases in the period, zero-case departments, as the language says.
        let cases = try ImportTests.count(runner, "demo.db", "cases | where opened in 2016-01..2016-04 | count")
        let grouped = String(cases).reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? "\($0.element)," : String($0.element) }.reversed().joined()
        #expect(text.contains("办理行政权力案件\(grouped)件［"), "\(grouped)")
        #expect(text.contains("（\(ReportTests.chinese(sectionOf: "零办件", in: text))）零办件。经检查，存在此问题的部门有62个［"))
        // The checks ran and kept their findings for the period, with an audit entry.
        #expect(try ImportTests.count(runner, "demo.db", "findings | where check_id = \"zero-cases\" and period = \"2016-01..2016-04\" | count") == 62)
        #expect(try ImportTests.count(runner, "demo.db", "audit | where command ~ \"report bulletin\" | count") == 1)
    }

    /// The Chinese number of the part whose title is `title`.
    static func chinese(sectionOf title: String, in text: String) -> String {
        guard let range = text.range(of: "）\(title)。") else { return "?" }
        let before = text[..<range.lowerBound]
        guard let open = before.lastIndex(of: "（") else { return "?" }
        return String(before[before.index(after: open)...])
    }

    @Test func aRegionAnEmptyPeriodAndBadRequests() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        try ImportEdgeCaseTests.chain(runner)
        // Read-only before any check run: the problems cannot be listed, and the bulletin says so.
        let readOnly = try runner.run(["c.db", "--read-only", "-c", "report bulletin 2016-05"])
        #expect(readOnly.status == 0 && readOnly.standardOutput.contains("数据库以只读方式打开，且尚未保存本期的检查结果"), "\(readOnly.standardOutput)\(readOnly.standardError)")
        let region = try runner.run(["c.db", "-c", "report bulletin 2016-05 for 万源市"])
        #expect(region.status == 0 && region.standardOutput.contains("# 关于万源市行政权力依法规范公开运行督查情况的通报")
                && region.standardOutput.contains("办理行政权力案件2件［"), "\(region.standardOutput.prefix(600))\(region.standardError)")
        let empty = try runner.run(["c.db", "-c", "report bulletin 2016-03"])
        #expect(empty.status == 0 && empty.standardOutput.contains("行权平台上没有任何行权案件记录")
                && empty.standardOutput.contains("督查期间没有案件数据，本期未对案件运行情况进行检查"), "\(empty.standardOutput)\(empty.standardError)")
        for (entry, message) in [
            ("report bulletin 2016-05 for 万原市", "-c:1:29: error: no region is called 万原市 (did you mean '万源市'?)"),
            ("report bulletin", "-c:1:8: error: report bulletin needs a period"),
            ("report bulletin 2016-13", "-c:1:17: error: '2016-13' is not a period"),
            ("report bulletin 2016-05 --format pdf", "-c:1:34: error: unknown format 'pdf'; report writes md or html"),
            ("report summary", "-c:1:8: error: report needs what to draft"),
        ] {
            let outcome = try runner.run(["c.db", "-c", entry])
            #expect(outcome.status == 1 && outcome.standardError.hasPrefix(message), "\(entry): \(outcome.standardError)")
        }
        // An unwritable place: a clear error, and no file, whole or partial.
        try FileManager.default.createDirectory(atPath: runner.file("locked"), withIntermediateDirectories: true)
        chmod(runner.file("locked"), 0o500)
        defer { chmod(runner.file("locked"), 0o700) }
        let refused = try runner.run(["c.db", "-c", "report bulletin 2016-05 > locked/b.html"])
        if getuid() != 0 {
            #expect(refused.status == 1 && refused.standardError.contains("cannot write locked/b.html"), "\(refused.standardError)")
        }
        let missing = try runner.run(["c.db", "-c", "report bulletin 2016-05 > nowhere/b.html"])
        #expect(missing.status == 1 && missing.standardError.hasPrefix("-c:1:27: error: cannot write nowhere/b.html: No such file or directory"), "\(missing.standardError)")
        let written = try runner.run(["c.db", "-c", "report bulletin 2016-05 for 万源市 > b.html"])
        #expect(written.status == 0 && written.standardOutput.hasPrefix("wrote b.html (html, "), "\(written.standardOutput)\(written.standardError)")
        let html = try String(contentsOfFile: runner.file("b.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script") && html.hasSuffix("</html>\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: runner.home).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func theLedgerListsOrdersWithTheirStandingAndRates() throws {
        let runner = BinaryRunner()
        defer { runner.cleanUp() }
        let db = try OrderTests.database(runner)
        #expect(try OrderTests.run(runner, db, today: "2016-06-01", "order issue to 万源市房管局 due 2016-06-03 \"先行整改\"",
                                   "order issue to 万源市房管局 due 2016-06-17 \"再次整改\"", "order 002 report", "order 002 verify", "order 002 close").status == 0)
        #expect(try OrderTests.run(runner, db, today: "2016-06-30", "order 001 escalate interview \"约谈\"").status == 0)
        let ledger = try runner.run([db, "--today", "2016-06-30", "-c", "report orders"])
        #expect(ledger.status == 0, "\(ledger.standardError)")
        let text = ledger.standardOutput
        #expect(text.contains("共下发整改通知2件［1］，已销号1件，办理中1件（其中逾期1件），撤销0件；整改完成率50.0%，按期报送率50.0%。"), "\(text)")
        #expect(text.contains("| 2016-001-001 | 万源市房管局 | 先行整改 | 2016-06-03 | 已下发 | 18 | 约谈 |  |"), "\(text)")
        #expect(text.contains("| 2016-001-002 | 万源市房管局 | 再次整改 | 2016-06-17 | 已销号 |  |  | 2016-06-01 |"), "\(text)")
        let none = try runner.run([db, "--today", "2016-06-30", "-c", "report orders 2016-03"])
        #expect(none.standardOutput.contains("2016年3月没有下发整改通知"), "\(none.standardOutput)")
    }
}
