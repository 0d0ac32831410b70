import DuchaCore
import DuchaStore

/// `who OPERATOR [of DEPT]`: an operator's department and role, the cases and steps they
/// recorded, the share of cases they handled alone, to whom they pass work and from whom
/// they receive it, and when they record (hour of day, weekday), where off-hours bulk
/// entry shows. In machine modes: rows of (section, name, count).
enum WhoView {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest).words
        guard let nameWord = words.first, words.count == 1 || (words.count == 3 && words[1].text == "of") else {
            throw ShellError(.badArgument, "who needs an operator's name, e.g. who 张三, or who 张三 of 市农业局 when several share it",
                             at: position.advanced(by: words.dropFirst().first?.offset ?? 0))
        }
        let department = words.count == 3 ? words[2].text : nil
        let found = try session.store.operators(named: nameWord.text, department: department)
        guard let first = found.first else {
            let names = session.values.values(in: "operators", column: "name") ?? []
            throw ShellError(.badArgument, "no operator is called \(nameWord.text)\(department.map { " in \($0)" } ?? "")"
                + Suggestion.phrase(for: nameWord.text, among: names), at: position.advanced(by: nameWord.offset))
        }
        guard found.count == 1 else {
            let listed = found.prefix(8).map { "\($0.department) (\($0.role))" }.joined(separator: ", ") + (found.count > 8 ? ", …" : "")
            throw ShellError(.badArgument, "\(found.count) operators are called \(nameWord.text): \(listed); say which: who \(nameWord.text) of DEPARTMENT",
                             at: position.advanced(by: nameWord.offset))
        }
        guard let profile = try session.store.operatorProfile(id: first.id) else { return }
        guard session.mode == .table || session.mode == .line || session.mode == .markdown else {
            try session.show(columns: [ResultColumn("section", .text), ResultColumn("name", .text), ResultColumn("count", .integer)], rows: rows(profile))
            return
        }
        let output = session.output
        output.line("\(profile.name) · \(profile.role) · \(profile.department)")
        let share = profile.cases == 0 ? 0 : Double(profile.alone * 1000 / profile.cases) / 10
        output.line("\(profile.steps.grouped) step records in \(profile.cases.grouped) cases; alone in \(profile.alone.grouped) of them (\(share)%)")
        output.line("steps:")
        for (name, count) in profile.byStep { output.line("  \(count.grouped.padded(toWidth: 7, alignment: .right))  \(name)") }
        output.line("hands work to:" + (profile.handedTo.isEmpty ? " nobody" : ""))
        for (name, count) in profile.handedTo.prefix(10) { output.line("  \(count.grouped.padded(toWidth: 7, alignment: .right))  \(name)") }
        output.line("receives work from:" + (profile.receivedFrom.isEmpty ? " nobody" : ""))
        for (name, count) in profile.receivedFrom.prefix(10) { output.line("  \(count.grouped.padded(toWidth: 7, alignment: .right))  \(name)") }
        guard profile.byHour.contains(where: { $0 > 0 }) else {
            output.line("recorded: no recording times are known (imported steps carry only when they occurred)")
            return
        }
        output.line("recorded, by hour (Beijing time):")
        output.line("  " + histogram(profile.byHour))
        output.line("  0     6     12    18   23")
        let days = ["一", "二", "三", "四", "五", "六", "日"]
        output.line("recorded, by weekday: " + zip(days, profile.byWeekday).map { "周\($0) \($1)" }.joined(separator: "  "))
    }

    static func rows(_ profile: OperatorProfile) -> [[Value]] {
        var rows: [[Value]] = [
            [.text("operator"), .text("\(profile.name) · \(profile.role) · \(profile.department)"), .integer(profile.id)],
            [.text("total"), .text("steps"), .integer(Int64(profile.steps))],
            [.text("total"), .text("cases"), .integer(Int64(profile.cases))],
            [.text("total"), .text("cases alone"), .integer(Int64(profile.alone))],
        ]
        rows += profile.byStep.map { [.text("step"), .text($0.name), .integer(Int64($0.count))] }
        rows += profile.handedTo.map { [.text("hands to"), .text($0.name), .integer(Int64($0.count))] }
        rows += profile.receivedFrom.map { [.text("receives from"), .text($0.name), .integer(Int64($0.count))] }
        rows += profile.byHour.enumerated().map { [.text("hour"), .text(String($0.offset)), .integer(Int64($0.element))] }
        rows += profile.byWeekday.enumerated().map { [.text("weekday"), .text(String($0.offset + 1)), .integer(Int64($0.element))] }
        return rows
    }

    /// One block character per value, its height relative to the largest.
    static func histogram(_ values: [Int]) -> String {
        let blocks = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = max(1, values.max() ?? 1)
        return values.map { $0 == 0 ? "·" : blocks[max(1, $0 * 8 / top)] }.joined()
    }
}
