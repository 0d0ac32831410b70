import DuchaCore
import DuchaStore

/// The rectification ledger (整改台账): every order issued in a period (all when none is
/// given) with its status, deadline, working days overdue and escalations, and the
/// completion and on-time rates.
struct LedgerBuilder {
    let session: Session
    let period: CheckPeriod?

    func build() throws -> ReportDocument {
        let sources = ReportSources(session: session)
        let today = session.today
        let calendar = session.store.calendar
        let periodText = period.map(ReportText.period) ?? "全部"
        var document = ReportDocument(title: "行政权力运行督查整改台账",
                                      subtitle: "整改通知下发时间：\(periodText)　·　截至\(ReportText.date(today))　·　由 ducha 根据整改记录生成")
        let filter = period.map { " | where issued in \($0.text)" } ?? ""
        let listed = try sources.run("orders\(filter) | sort number | select number")
        let numbers = Set(listed.rows.map { ReportSources.text($0[0]) })
        let orders = try session.store.orders().filter { numbers.contains($0.number) }
        guard !orders.isEmpty else {
            document.paragraph(.text("\(periodText)没有下发整改通知"), .cite(listed.source), .text("。"))
            document.sources = sources.sources
            document.sourcesNote = "［n］对应下列查询，可在 ducha 中原样运行复核（today 取 \(today)）。"
            return document
        }
        let rates = OrderTracking.rates(orders, today: today)
        let escalated = try sources.run("order_history | where action = \"escalate\" | select order, escalation, at")
        var escalations: [String: [String]] = [:]
        for row in escalated.rows {
            let step = ReportSources.text(row[1])
            escalations[ReportSources.text(row[0]), default: []].append(EscalationLadder.vocabulary[step] ?? step)
        }
        document.paragraph(.text("共下发整改通知"), .figure("\(rates.issued + rates.withdrawn)件", source: listed.source),
                           .text("，已销号\(rates.closed)件，办理中\(rates.open)件（其中逾期\(rates.overdue)件），撤销\(rates.withdrawn)件；整改完成率"
                                 + (rates.completionRate.map { ($0 * 100).formatted(decimals: 1) + "%" } ?? "—")
                                 + "，按期报送率" + (rates.onTimeRate.map { ($0 * 100).formatted(decimals: 1) + "%" } ?? "—") + "。"))
        let rows: [[String]] = orders.map { order in
            let left = OrderTracking.workdaysLeft(order, today: today, calendar: calendar)
            let overdue = OrderTracking.isOverdue(order, today: today) ? String(-left) : ""
            return [order.number, order.addressee, order.requirement, order.due.description + (order.dueIsProvisional ? "（暂定）" : ""),
                    order.status.chinese, overdue, ReportText.list(escalations[order.number] ?? []),
                    order.closed.map { ChinaTime.date(of: $0).description } ?? ""]
        }
        document.blocks.append(.table(ReportDocument.Table(
            columns: ["通知编号", "责任单位", "整改要求", "期限", "状态", "逾期工作日", "升级督办", "销号日期"],
            numeric: [false, false, false, false, false, true, false, false], rows: rows, source: listed.source)))
        let ageing = OrderTracking.ageing(orders, today: today, calendar: calendar)
        document.blocks.append(.chart(ReportDocument.Chart(kind: .bars, title: "办理中整改通知的账龄", categories: ageing.map(\.bucket.chinese),
                                                           series: [ReportDocument.Series(name: "件数", values: ageing.map { Double($0.count) })],
                                                           source: listed.source)))
        if !escalated.rows.isEmpty {
            document.paragraph(.text("已升级督办"), .figure("\(escalated.rows.count)次", source: escalated.source), .text("。"))
        }
        document.sources = sources.sources
        document.sourcesNote = "［n］对应下列查询，可在 ducha 中原样运行复核（today 取 \(today)）；逾期按国务院节假日安排计算工作日。"
        return document
    }
}
