import DuchaCore
import DuchaStore

/// `variants [for DEPT|ITEM]` and `handovers [for DEPT|ITEM]`: how cases actually ran,
/// counted over every case (or one department's, or one item's), most common first.
enum ProcessViews {
    enum View {
        case variants, handovers
    }

    static func run(_ view: View, _ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest).words
        var scope = CaseScope.all
        var scopeName: String?
        if !words.isEmpty {
            guard words.count == 2, words[0].text == "for" else {
                throw ShellError(.badArgument, "write \(view == .variants ? "variants" : "handovers") or \(view == .variants ? "variants" : "handovers") for DEPARTMENT (or an item's code or name)",
                                 at: position.advanced(by: words[0].offset))
            }
            let name = words[1].text
            guard let found = try session.store.scopeID(of: name) else {
                let departments = session.values.values(in: "departments", column: "name") ?? []
                let items = session.values.values(in: "items", column: "code") ?? []
                throw ShellError(.badArgument, "no department or item is called \(name)" + Suggestion.phrase(for: name, among: departments + items),
                                 at: position.advanced(by: words[1].offset))
            }
            scope = found
            scopeName = name
        }
        let counts: ProcessCounts
        do {
            counts = try session.store.processCounts(scope)
        } catch let error as StoreError {
            throw ShellError(error).placed(at: position)
        }
        let table = session.mode == .table || session.mode == .line || session.mode == .markdown
        switch view {
        case .variants:
            let variants = counts.variants(names: try session.store.names(of: "workflow_steps"))
            let columns = [ResultColumn("rank", .integer), ResultColumn("cases", .integer), ResultColumn("share", .real),
                           ResultColumn("steps", .integer), ResultColumn("variant", .text)]
            let rows: [[Value]] = variants.enumerated().map { index, variant in
                [.integer(Int64(index + 1)), .integer(Int64(variant.count)), .real(share(variant.count, of: counts.cases)),
                 .integer(Int64(variant.activities.count)), .text(variant.activities.joined(separator: " → "))]
            }
            try session.show(columns: columns, rows: rows)
            if table {
                session.output.line("\(counts.cases.grouped) cases\(scopeName.map { " of \($0)" } ?? ""), \(variants.count.grouped) variants; share in % of cases")
            }
        case .handovers:
            let handovers = counts.handovers(names: try session.store.names(of: "operators"))
            let columns = [ResultColumn("rank", .integer), ResultColumn("from", .text), ResultColumn("to", .text),
                           ResultColumn("handovers", .integer), ResultColumn("share", .real)]
            let rows: [[Value]] = handovers.enumerated().map { index, handover in
                [.integer(Int64(index + 1)), .text(handover.from), .text(handover.to), .integer(Int64(handover.count)),
                 .real(share(handover.count, of: counts.handoverTotal))]
            }
            try session.show(columns: columns, rows: rows)
            if table {
                session.output.line("\(counts.handoverTotal.grouped) handovers between \(handovers.count.grouped) pairs in \(counts.cases.grouped) cases"
                    + "\(scopeName.map { " of \($0)" } ?? ""); \(counts.onePersonCases.grouped) cases had one operator; share in % of handovers")
            }
        }
    }

    private static func share(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : (Double(part) * 1000 / Double(whole)).rounded() / 10
    }
}
