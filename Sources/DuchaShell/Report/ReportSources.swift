import DuchaCore

/// Runs the queries a report's figures come from and numbers them for its appendix:
/// every figure in the text cites the query that gave it, which an inspector can type
/// again. The same query text gets the same number.
final class ReportSources {
    private let session: Session
    private(set) var sources: [ReportDocument.Source] = []

    init(session: Session) { self.session = session }

    /// Runs `query` and returns its number and rows; `result` says briefly what it gave.
    func run(_ query: String, result: (_ rows: [[Value]]) -> String = { "\($0.count) 行" }) throws -> (source: Int, rows: [[Value]]) {
        let rows = try QueryRunner.rows(query, in: session).rows
        if let known = sources.first(where: { $0.query == query }) { return (known.number, rows) }
        let number = sources.count + 1
        sources.append(ReportDocument.Source(number: number, query: query, result: result(rows)))
        return (number, rows)
    }

    /// Runs a query that gives one number (`... | count`).
    func count(_ query: String) throws -> (source: Int, value: Int) {
        let (source, rows) = try run(query) { rows in rows.first?.first.map(ReportSources.text) ?? "0" }
        return (source, Int(rows.first?.first?.integer ?? 0))
    }

    /// A cell as report text: names as written, numbers grouped, NULL as a dash.
    static func text(_ value: Value) -> String {
        switch value {
        case .null: return "—"
        case .integer(let number): return Int(number).grouped
        case .real(let number): return ReportText.number(number)
        case .text(let text): return text
        case .blob(let bytes): return "\(bytes.count) bytes"
        }
    }
}
