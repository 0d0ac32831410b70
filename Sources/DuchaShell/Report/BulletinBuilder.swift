import DuchaCore
import DuchaStore

/// Drafts the inspection bulletin (通报) of a period in the structure of the 2016
/// bulletin: basic situation, main problems (one part per check with hits, worst
/// first, naming departments), requirements (the open rectification orders and the
/// escalation ladder). Every figure comes from a query of the language, listed in the
/// appendix so that it can be run again.
struct BulletinBuilder {
    let session: Session
    let period: CheckPeriod
    /// The region the bulletin covers; nil for the whole city.
    let region: String?

    /// Open statuses as the language writes them.
    static let openStatuses = "(issued, plan_received, in_progress, returned, reopened)"

    func build() throws -> ReportDocument {
        let sources = ReportSources(session: session)
        let scope = region ?? "全市"
        let periodText = ReportText.period(period)
        let p = period.text
        let inRegion = region.map { " and dept.region = \(Self.literal($0))" } ?? ""
        var document = ReportDocument(
            title: "关于\(scope)行政权力依法规范公开运行督查情况的通报",
            subtitle: "（草稿）督查期间：\(periodText)　·　\(ReportText.date(session.today))由 ducha 根据平台数据生成")

        let departments = try sources.count("departments" + (region.map { " | where region = \(Self.literal($0))" } ?? "") + " | count")
        let cases = try sources.count("cases | where opened in \(p)\(inRegion) | count")
        document.paragraph(.text("按照督查工作安排，现对\(scope)\(periodText)行政权力依法规范公开运行情况进行督查。\(scope)共有行权部门"),
                           .figure("\(departments.value.grouped)个", source: departments.source),
                           .text("，督查期间在行权平台办理行政权力案件"), .figure("\(cases.value.grouped)件", source: cases.source),
                           .text("。现将有关情况通报如下："))
        guard cases.value > 0 || departments.value > 0 else {
            document.heading("一、基本情况")
            document.paragraph(.text("督查期间，\(scope)在行权平台上没有部门，也没有任何行权案件记录，本期无法对行政权力运行情况作出评价。请先导入平台数据（import csv、import xes）后再生成通报。"))
            document.sources = sources.sources
            document.sourcesNote = sourcesNote
            return document
        }

        // 一、基本情况
        document.heading("一、基本情况")
        if cases.value == 0 {
            document.paragraph(.text("（一）办件情况。督查期间，\(scope)行权平台上没有任何行权案件记录"), .cite(cases.source),
                               .text("，所有行权部门均为零办件，无法对案件运行情况作出评价。"))
        } else {
            try caseSituation(&document, sources: sources, total: cases, scope: scope, inRegion: inRegion)
            try itemSituation(&document, sources: sources, inRegion: inRegion)
            try goodPractice(&document, sources: sources, inRegion: inRegion)
        }

        // 二、存在的主要问题
        document.heading("二、存在的主要问题")
        if cases.value == 0 {
            document.paragraph(.text("督查期间没有案件数据，本期未对案件运行情况进行检查；请核实各部门是否已将行权案件录入平台，或平台数据是否已导入。"))
        } else if session.store.isReadOnly, try sources.count("findings | where period = \"\(period.text)\" | count").value == 0 {
            // Read-only: the checks cannot keep their findings, and none were kept before.
            document.paragraph(.text("数据库以只读方式打开，且尚未保存本期的检查结果，本节无法列出问题；请先在可写的数据库上运行 check \(period.text)，再生成通报。"))
        } else {
            let skipped = try keepFindings()
            try problems(&document, sources: sources, skipped: skipped)
        }

        // 三、工作要求
        document.heading("三、工作要求")
        try requirements(&document, sources: sources)

        document.sources = sources.sources
        document.sourcesNote = sourcesNote
        return document
    }

    private var sourcesNote: String {
        "正文中每个数字后的［n］对应下列查询，可在 ducha 中原样运行复核（today 取 \(session.today)；问题数据来自 check \(period.text) 保存的 findings）。"
    }

    // MARK: Basic situation

    private func caseSituation(_ document: inout ReportDocument, sources: ReportSources, total: (source: Int, value: Int), scope: String, inRegion: String) throws {
        let by = region == nil ? "region" : "dept"
        let byRegion = try sources.run("cases | where opened in \(period.text)\(inRegion) | count by \(by) | sort count desc")
        let parts = byRegion.rows.prefix(3).map { "\(ReportSources.text($0[0]))\(ReportSources.text($0[1]))件" }
        var spans: [ReportDocument.Span] = [.text("（一）办件情况。督查期间，\(scope)共办理行权案件"), .figure("\(total.value.grouped)件", source: total.source)]
        if !parts.isEmpty {
            spans += [.text("，办件较多的是" + ReportText.list(parts)), .cite(byRegion.source)]
        }
        let zero = try sources.count("departments | where cases(\(period.text)) = 0" + (region.map { " and region = \(Self.literal($0))" } ?? "") + " | count")
        spans += [.text("；督查期间零办件的部门有"), .figure("\(zero.value.grouped)个", source: zero.source), .text("。")]
        document.blocks.append(.paragraph(spans))
        document.blocks.append(.table(ReportDocument.Table(
            columns: [region == nil ? "县（市、区）" : "部门", "办件数", "占比"], numeric: [false, true, true],
            rows: byRegion.rows.map { [ReportSources.text($0[0]), ReportSources.text($0[1]), ReportText.percent(Int($0[1].integer ?? 0), of: total.value)] },
            source: byRegion.source)))
        // Cases per month: one line per region (or the region's total).
        let monthly = try sources.run("cases | where opened in \(period.text)\(inRegion) | count by month(opened)" + (region == nil ? ", region" : ""))
        let months = monthList()
        var series: [ReportDocument.Series] = []
        if region == nil {
            var byName: [String: [Double]] = [:]
            for row in monthly.rows {
                let name = ReportSources.text(row[1])
                if byName[name] == nil { byName[name] = Array(repeating: 0, count: months.count) }
                if let index = months.firstIndex(of: ReportSources.text(row[0])) { byName[name]![index] = Double(row[2].integer ?? 0) }
            }
            let order = byRegion.rows.map { ReportSources.text($0[0]) }
            series = order.compactMap { name in byName[name].map { ReportDocument.Series(name: name, values: $0) } }
        } else {
            var values = Array(repeating: 0.0, count: months.count)
            for row in monthly.rows { if let index = months.firstIndex(of: ReportSources.text(row[0])) { values[index] = Double(row[1].integer ?? 0) } }
            series = [ReportDocument.Series(name: region!, values: values)]
        }
        document.blocks.append(.chart(ReportDocument.Chart(kind: .lines, title: "各月办件数" + (region == nil ? "（按县市区）" : ""), categories: months,
                                                           series: series, source: monthly.source)))
    }

    private func itemSituation(_ document: inout ReportDocument, sources: ReportSources, inRegion: String) throws {
        let active = try sources.count("items | where status = active\(inRegion) | count")
        let used = try sources.count("items | where status = active and cases(\(period.text)) > 0\(inRegion) | count")
        document.paragraph(.text("（二）事项上网运行情况。在用行权事项"), .figure("\(active.value.grouped)项", source: active.source),
                           .text("，其中督查期间有办件的"), .figure("\(used.value.grouped)项", source: used.source),
                           .text("，事项上网运行率为" + ReportText.percent(used.value, of: active.value) + "；其余事项督查期间未在平台上运行。"))
    }

    /// Departments with cases in every month of the period and none of the findings about
    /// how cases are run (late recording, bulk entry, one person doing a whole case).
    private func goodPractice(_ document: inout ReportDocument, sources: ReportSources, inRegion: String) throws {
        let months = monthList()
        guard months.count <= 12 else { return }
        let everyMonth = months.map { "cases(\($0)) > 0" }.joined(separator: " and ")
        let steady = try sources.run("departments | where \(everyMonth)" + (region.map { " and region = \(Self.literal($0))" } ?? "")
                                     + " | select name, cases(\(period.text)) as cases | sort cases desc")
        let flagged = try sources.run("findings | where check_id in (\"late-recording\", \"bulk-recording\", \"one-person-case\") and (period = \"\(period.text)\" or period is null) | count by dept")
        let flaggedNames = Set(flagged.rows.map { ReportSources.text($0[0]) })
        let good = steady.rows.filter { !flaggedNames.contains(ReportSources.text($0[0])) }
        if good.isEmpty {
            document.paragraph(.text("（三）运行较为规范的部门。督查期间，没有部门做到每月均有办件且未发现事后补录、集中录入、一人办案等问题"),
                               .cite(steady.source), .cite(flagged.source), .text("。"))
        } else {
            let names = good.prefix(6).map { ReportSources.text($0[0]) }
            document.paragraph(.text("（三）运行较为规范的部门。" + ReportText.list(names) + (good.count > names.count ? "等" : "")),
                               .figure("\(good.count)个部门", source: steady.source),
                               .text("督查期间每月均有办件，且未发现事后补录、集中录入、一人办案等问题"), .cite(flagged.source),
                               .text("，基本做到了行政职权案件线上线下同步运行。"))
        }
    }

    // MARK: Problems

    /// Runs every check over the period and keeps its findings (as `check PERIOD` does),
    /// unless the database is read-only; returns the checks the data cannot support.
    private func keepFindings() throws -> [(CheckDefinition, String)] {
        let (results, skipped) = try CheckCommand.evaluate(CheckCatalog.all, parameters: CheckCommand.savedParameters(in: session), period: period,
                                                           department: nil, region: nil, in: session)
        if !session.store.isReadOnly {
            try CheckCommand.keep(results, parameters: CheckCommand.savedParameters(in: session), period: period, scope: nil,
                                  command: "check \(period.text) (report bulletin)", in: session)
        }
        return skipped
    }

    private func problems(_ document: inout ReportDocument, sources: ReportSources, skipped: [(CheckDefinition, String)]) throws {
        let inScope = region.map { " and region = \(Self.literal($0))" } ?? ""
        let counts = try sources.run("findings | where (period = \"\(period.text)\" or period is null)\(inScope) | count by check_id | sort count desc")
        let found = counts.rows.compactMap { row -> (CheckDefinition, Int)? in
            guard let check = CheckCatalog.named(ReportSources.text(row[0])) else { return nil }
            return (check, Int(row[1].integer ?? 0))
        }
        if found.isEmpty {
            document.paragraph(.text("本次督查的各项检查均未发现问题"), .cite(counts.source), .text("。"))
        }
        for (index, (check, hits)) in found.enumerated() {
            let by = check.subject == .regions ? "region" : "dept"
            let worst = try sources.run("findings | where check_id = \"\(check.id)\" and (period = \"\(period.text)\" or period is null)\(inScope) | count by \(by) | sort count desc, \(by) | take 5")
            let named = worst.rows.filter { !$0[0].isNull }
            var spans: [ReportDocument.Span] = [.text("（\(ReportText.chineseNumber(index + 1))）\(check.chinese)。")]
            let unit = Self.unit(check.subject)
            if check.subject == .departments || check.subject == .regions {
                spans += [.text(Self.sentence(check)), .figure("\(hits)\(unit)", source: counts.source)]
                if !named.isEmpty {
                    spans += [.text("，如" + ReportText.list(named.map { ReportSources.text($0[0]) }) + (hits > named.count ? "等" : "")), .cite(worst.source)]
                }
            } else {
                let places = try sources.count("findings | where check_id = \"\(check.id)\" and (period = \"\(period.text)\" or period is null)\(inScope) | select \(by) | distinct | count")
                spans += [.text(Self.sentence(check)), .figure("\(hits)\(unit)", source: counts.source), .text("，涉及"),
                          .figure("\(places.value)个\(by == "region" ? "县（市、区）" : "部门")", source: places.source)]
                if !named.isEmpty {
                    spans += [.text("，较多的有" + ReportText.list(named.map { "\(ReportSources.text($0[0]))（\(ReportSources.text($0[1]))\(Self.measure(check.subject))）" })),
                              .cite(worst.source)]
                }
            }
            spans.append(.text("。"))
            document.blocks.append(.paragraph(spans))
        }
        if !found.isEmpty {
            document.blocks.append(.chart(ReportDocument.Chart(kind: .bars, title: "各项检查发现的问题数", categories: found.map { $0.0.chinese },
                                                               series: [ReportDocument.Series(name: "问题数", values: found.map { Double($0.1) })], source: counts.source)))
        }
        if !skipped.isEmpty {
            document.paragraph(.text("因平台数据不足，以下检查本期未进行：" + ReportText.list(skipped.map { "\($0.0.chinese)（\($0.1)）" }) + "。"))
        }
    }

    /// What a check found, as the start of a sentence that a count follows.
    static func sentence(_ check: CheckDefinition) -> String {
        switch check.subject {
        case .departments: return "经检查，存在此问题的部门有"
        case .regions: return "经检查，存在此问题的县（市、区）有"
        default: return "经检查，共发现"
        }
    }

    /// The measure word for a check's subject.
    static func unit(_ subject: CheckSubject) -> String {
        switch subject {
        case .departments: return "个"
        case .regions: return "个"
        case .items, .catalog: return "项事项"
        case .workflows: return "个流程"
        case .cases: return "件案件"
        case .steps: return "条办理记录"
        case .alerts: return "条报警"
        case .operators: return "名人员"
        }
    }

    /// The measure word alone, for a count in brackets: 170件, 3个, 2名.
    static func measure(_ subject: CheckSubject) -> String {
        switch subject {
        case .cases: return "件"
        case .steps, .alerts: return "条"
        case .items, .catalog: return "项"
        case .operators: return "名"
        case .departments, .regions, .workflows: return "个"
        }
    }

    // MARK: Requirements

    private func requirements(_ document: inout ReportDocument, sources: ReportSources) throws {
        let inScope = region.map { " and (dept.region = \(Self.literal($0)) or region = \(Self.literal($0)))" } ?? ""
        let open = try sources.run("orders | where status in \(Self.openStatuses)\(inScope) | sort due, number | select number, dept, region, requirement, due, copy_to, leader")
        if open.rows.isEmpty {
            document.paragraph(.text("（一）强化整改。各级、各部门要对照督查发现的问题，举一反三，逐一落实领导、责任科室和责任人，认真整改。目前没有未办结的整改通知"),
                               .cite(open.source), .text("。"))
        } else {
            let dues = Set(open.rows.map { ReportSources.text($0[4]) }).sorted()
            var copyTo: [String] = []
            for name in open.rows.flatMap({ ReportSources.text($0[5]).split(separator: "、").map(String.init) }) where name != "—" && !copyTo.contains(name) {
                copyTo.append(name)
            }
            var spans: [ReportDocument.Span] = [.text("（一）强化整改。以下"), .figure("\(open.rows.count)个单位", source: open.source),
                                                 .text("要对照督查发现的问题，逐一落实领导、责任科室和责任人，认真整改，整改情况请于")]
            spans.append(.text(dues.compactMap(CivilDate.init).map(ReportText.date).joined(separator: "、") + "前书面报送"))
            if !copyTo.isEmpty { spans.append(.text("，抄送" + ReportText.list(copyTo))) }
            spans.append(.text("。"))
            document.blocks.append(.paragraph(spans))
            document.blocks.append(.table(ReportDocument.Table(
                columns: ["通知编号", "责任单位", "整改要求", "期限", "抄送"], numeric: [false, false, false, false, false],
                rows: open.rows.map { row in
                    let addressee = row[1].isNull ? ReportSources.text(row[2]) : ReportSources.text(row[1])
                    return [ReportSources.text(row[0]), addressee + (row[6].isNull ? "" : "（\(ReportSources.text(row[6]))）"), ReportSources.text(row[3]),
                            ReportSources.text(row[4]), ReportSources.text(row[5])]
                }, source: open.source)))
        }
        let ladder = try session.escalationLadder()
        let rungs = ladder.steps.map { step in
            step.triggers.map(Self.trigger).joined(separator: "或") + "的，" + step.chinese
        }
        document.paragraph(.text("（二）严格考核，强化责任追究。对整改不力的，按以下规定升级督办：" + rungs.joined(separator: "；") + "。"))
        let statuses = try sources.run("orders" + (region.map { " | where dept.region = \(Self.literal($0)) or region = \(Self.literal($0))" } ?? "") + " | count by status")
        if !statuses.rows.isEmpty {
            let names = statuses.rows.map { OrderStatus(rawValue: ReportSources.text($0[0]))?.chinese ?? ReportSources.text($0[0]) }
            document.blocks.append(.chart(ReportDocument.Chart(kind: .bars, title: "整改通知办理状态", categories: names,
                                                               series: [ReportDocument.Series(name: "件数", values: statuses.rows.map { Double($0[1].integer ?? 0) })],
                                                               source: statuses.source)))
        }
        if !open.rows.isEmpty {
            // Open orders by ageing, in working days against their deadlines.
            let numbers = Set(open.rows.map { ReportSources.text($0[0]) })
            let calendar = session.store.calendar
            let ageing = OrderTracking.ageing(try session.store.orders().filter { numbers.contains($0.number) }, today: session.today, calendar: calendar)
            document.blocks.append(.chart(ReportDocument.Chart(kind: .bars, title: "未办结整改通知账龄（截至\(ReportText.date(session.today))）",
                                                               categories: ageing.map(\.bucket.chinese),
                                                               series: [ReportDocument.Series(name: "件数", values: ageing.map { Double($0.count) })],
                                                               source: open.source)))
        }
    }

    /// A trigger as the requirements section writes it.
    static func trigger(_ trigger: EscalationLadder.Trigger) -> String {
        switch trigger {
        case .overdue(let n): return "逾期\(n)个工作日以上"
        case .repeatOverdue(let n): return "同一部门年内第\(n)次逾期"
        case .zeroCases(let n): return n == 1 ? "一个月零办件" : "连续\(n)个月零办件"
        }
    }

    // MARK: Helpers

    /// The months of the period, `YYYY-MM`.
    private func monthList() -> [String] {
        var months: [String] = []
        var month = period.start.firstOfMonth
        while month < period.end {
            months.append(String(month.description.prefix(7)))
            month = month.firstOfNextMonth
        }
        return months
    }

    /// A string literal of the language.
    static func literal(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
