import DuchaCore
import DuchaStore

/// `trace CASE`: a case's whole story. On screen: the header, one row per step (the
/// workflow step, who and in what role, when it occurred and was recorded, the gap since
/// the step before, the time limit and any overrun, what stands out), the alerts and
/// their handling, the flags, and a picture of occurred against recorded times on one
/// axis. In csv, tsv, json and the other machine modes: the step rows only.
enum TraceView {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest)
        guard words.words.count == 1, let typed = words.words.first else {
            throw ShellError(.badArgument, "trace needs one case number, e.g. trace 2016-WY-0007 (a unique beginning is enough; Tab completes)",
                             at: position.advanced(by: words.words.dropFirst().first?.offset ?? 0))
        }
        let place = position.advanced(by: typed.offset)
        let id: Int64
        switch try session.store.findCase(typed.text) {
        case .found(let found, _): id = found
        case .ambiguous(let numbers):
            let shown = numbers.prefix(10).joined(separator: ", ") + (numbers.count > 10 ? ", …" : "")
            throw ShellError(.badArgument, "several cases start with \(typed.text): \(shown); type more of the number", at: place)
        case .unknown(let closest):
            let hint = closest.isEmpty ? "" : " (did you mean " + closest.map { "'\($0)'" }.joined(separator: " or ") + "?)"
            throw ShellError(.badArgument, "no case has the number \(typed.text)\(hint); `cases | where number ~ \"...\"` searches", at: place)
        }
        guard let timeline = try session.store.caseTimeline(id: id) else { return }
        let flags = timeline.flags(InspectionRules(calendar: session.store.calendar))
        if session.mode == .table || session.mode == .line || session.mode == .markdown {
            writeHeader(timeline, to: session.output)
        }
        let (columns, rows) = table(timeline, flags: flags, calendar: session.store.calendar)
        try session.show(columns: columns, rows: rows)
        guard session.mode == .table || session.mode == .line || session.mode == .markdown else { return }
        let output = session.output
        if !timeline.alerts.isEmpty {
            output.line("alerts:")
            for alert in timeline.alerts { output.line("  " + describe(alert)) }
        }
        let caseFlags = flags.filter { $0.step == nil }
        let stepFlags = flags.filter { $0.step != nil }
        if !flags.isEmpty {
            output.line("flags:")
            for flag in caseFlags + stepFlags { output.line("  ⚑ " + describe(flag, in: timeline)) }
        }
        if output.isTerminal, !timeline.steps.isEmpty {
            output.line("occurred ● against recorded ▲:")
            for line in TimelinePicture.lines(timeline, width: 48) { output.line("  " + line) }
        }
    }

    private static func writeHeader(_ timeline: CaseTimeline, to output: TextOutput) {
        output.line("案件 \(timeline.number) · \(timeline.item) (\(timeline.category)) · \(timeline.department), \(timeline.region)")
        var second = "opened " + ChinaTime.format(timeline.opened)
        if let decided = timeline.decided { second += " · decided " + ChinaTime.format(decided) }
        if let result = timeline.result { second += " · " + result }
        second += " · \(timeline.steps.count) step records"
        output.line(second)
    }

    /// One row per step, the same in every mode.
    static func table(_ timeline: CaseTimeline, flags: [TimelineFlag], calendar: WorkdayCalendar) -> ([ResultColumn], [[Value]]) {
        let columns = [
            ResultColumn("#", .integer), ResultColumn("step", .text), ResultColumn("operator", .text), ResultColumn("role", .text),
            ResultColumn("occurred", .instant), ResultColumn("recorded", .instant), ResultColumn("gap", .duration),
            ResultColumn("working_days", .integer), ResultColumn("limit", .integer), ResultColumn("flags", .text),
        ]
        var rows: [[Value]] = []
        for (index, step) in timeline.steps.enumerated() {
            let previous = index == 0 ? timeline.opened : timeline.steps[index - 1].occurred
            let gap = step.occurred.millisecondsSinceEpoch - previous.millisecondsSinceEpoch
            let marks = flags.filter { $0.step == index }.map { short($0) }.joined(separator: "; ")
            rows.append([
                .integer(Int64(index + 1)), step.name.map(Value.text) ?? .null, step.operatorName.map(Value.text) ?? .null,
                step.operatorRole.map(Value.text) ?? .null, .integer(step.occurred.millisecondsSinceEpoch),
                step.recorded.map { .integer($0.millisecondsSinceEpoch) } ?? .null, .integer(gap),
                .integer(Int64(calendar.workdays(from: previous, to: step.occurred))),
                step.timeLimit.map { .integer(Int64($0)) } ?? .null, marks.isEmpty ? .null : .text(marks),
            ])
        }
        return (columns, rows)
    }

    private static func short(_ flag: TimelineFlag) -> String {
        switch flag {
        case .recordedLate(_, let by): "recorded \(CellFormatter.duration(milliseconds: by)) later"
        case .outOfOrder(_, let after): "before its turn (after \(after))"
        case .leaderStepByNonLeader(_, _, let role): "leader's step by a \(role)"
        case .overTime(_, let days, let limit): "over time: \(days) of \(limit) working days"
        default: ""
        }
    }

    static func describe(_ flag: TimelineFlag, in timeline: CaseTimeline) -> String {
        func stepName(_ index: Int) -> String { "step \(index + 1) \(timeline.steps[index].name ?? "(no step)")" }
        switch flag {
        case .recordedLate(let step, let by): return "recorded late: \(stepName(step)) was recorded \(CellFormatter.duration(milliseconds: by)) after it occurred"
        case .enteredAtOnce(let span, let window):
            return "entered at once: steps spanning \(CellFormatter.duration(milliseconds: span)) were all recorded within \(CellFormatter.duration(milliseconds: window))"
        case .onePerson(let name): return "one person: \(name) recorded every step"
        case .missingStep(let name): return "missing step: the workflow's step \(name) was never recorded"
        case .outOfOrder(let step, let after): return "out of order: \(stepName(step)) was first done after \(after), which comes later in the workflow"
        case .leaderStepByNonLeader(let step, let name, let role): return "leader's review by a non-leader: \(stepName(step)) was recorded by \(name), a \(role)"
        case .overTime(let step, let days, let limit): return "over time: \(stepName(step)) took \(days) working days against a limit of \(limit)"
        case .afterAbolition(let date): return "after abolition: the case was opened on an item abolished on \(date)"
        case .unhandledAlarm(let raised): return "unhandled alarm: raised \(ChinaTime.format(raised)) and never handled"
        }
    }

    private static func describe(_ alert: CaseTimeline.Alert) -> String {
        var text = "\(ChinaTime.format(alert.raised)) \(alert.level) (\(alert.kind))" + (alert.step.map { " at \($0)" } ?? "")
        if let handled = alert.handled {
            text += " — handled \(ChinaTime.format(handled))" + (alert.handledBy.map { " by \($0)" } ?? "") + (alert.disposition.map { ": \($0)" } ?? "")
        } else {
            text += " — not handled"
        }
        return text
    }
}

/// The compact picture `trace` draws on a terminal: one line per step on a shared time
/// axis, ● where it occurred and ▲ where it was recorded, joined by a line, so a case
/// entered days after the fact shows long tails all ending in one column.
enum TimelinePicture {
    static func lines(_ timeline: CaseTimeline, width: Int) -> [String] {
        let times = timeline.steps.flatMap { [$0.occurred] + ($0.recorded.map { [$0] } ?? []) }.map(\.millisecondsSinceEpoch)
        guard let first = times.min(), let last = times.max() else { return [] }
        let span = max(1, last - first)
        func column(_ instant: Instant) -> Int { Int(((instant.millisecondsSinceEpoch - first) * Int64(width - 1) + span / 2) / span) }
        let names = timeline.steps.map { $0.name ?? "–" }
        let nameWidth = min(12, names.map(\.displayWidth).max() ?? 0)
        var lines: [String] = []
        for (step, name) in zip(timeline.steps, names) {
            var cells = Array(repeating: " ", count: width)
            let occurred = column(step.occurred)
            if let recorded = step.recorded.map(column) {
                for index in min(occurred, recorded) ... max(occurred, recorded) { cells[index] = "─" }
                cells[recorded] = "▲"
            }
            cells[occurred] = "●"
            let label = name.displayWidth > nameWidth ? String(name.prefix(nameWidth - 1)) + "…" : name
            lines.append(label.padded(toWidth: nameWidth, alignment: .left) + " │" + cells.joined() + "│")
        }
        lines.append(String(repeating: " ", count: nameWidth) + "  " + ChinaTime.format(Instant(millisecondsSinceEpoch: first))
                     + " … " + ChinaTime.format(Instant(millisecondsSinceEpoch: last)))
        return lines
    }
}
