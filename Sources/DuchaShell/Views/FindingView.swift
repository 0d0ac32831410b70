import DuchaCore
import DuchaStore

/// `finding ID`: a kept finding with its evidence; a finding about cases (or their steps
/// or alerts) opens the case's trace.
enum FindingView {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest).words
        guard words.count == 1, let id = Int64(words[0].text) else {
            throw ShellError(.badArgument, "finding needs a finding's id, e.g. finding 12; `findings` lists them", at: position.advanced(by: words.first?.offset ?? 0))
        }
        guard let finding = try session.store.finding(id: id) else {
            throw ShellError(.badArgument, "there is no finding \(id); `findings` lists them (a check run keeps them)", at: position.advanced(by: words[0].offset))
        }
        let title = CheckCatalog.named(finding.check).map { "\($0.chinese) · \($0.english)" } ?? ""
        let output = session.output
        output.line("finding \(finding.id): \(finding.check) v\(finding.version) · \(title)")
        output.line("where: " + [finding.department, finding.region].compactMap { $0 }.joined(separator: ", ")
            + (finding.period.map { " · period \($0)" } ?? "") + " · found " + ChinaTime.format(finding.found))
        output.line("parameters \(finding.parameters) · measure \(finding.measure)")
        let subject = try session.store.subjectLabels(finding.table, ids: [finding.subject])[finding.subject] ?? "#\(finding.subject)"
        output.line("found (\(finding.table)): \(subject)")
        if let table = finding.evidenceTable, !finding.evidence.isEmpty {
            let labels = try session.store.subjectLabels(table, ids: Array(finding.evidence.prefix(20)))
            output.line("resting on \(finding.evidence.count) \(table): " + finding.evidence.prefix(20).map { "#\($0)" + (labels[$0].map { " \($0)" } ?? "") }.joined(separator: ", ")
                + (finding.evidence.count > 20 ? ", …" : ""))
        }
        var cases: [Int64] = []
        switch finding.table {
        case "cases": cases = [finding.subject]
        case "steps", "alerts": cases = try [finding.subject].compactMap { try session.store.caseID(ofStep: $0, in: finding.table) }
        default: break
        }
        for caseID in cases {
            guard let number = try session.store.subjectLabels("cases", ids: [caseID])[caseID] else { continue }
            output.line("")
            try TraceView.run(" \"" + number.replacingQuotes() + "\"", at: position, in: session)
        }
    }
}

private extension String {
    /// The text with `"` and `\` escaped for a double-quoted command word.
    func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
