import DuchaCore
import DuchaStore

/// `check [NAME ...] [PERIOD] [for DEPT|REGION] [[CHECK.]PARAMETER=VALUE ...] [--save]`:
/// runs the built-in checks (all by default), keeps each hit as a finding, and shows a
/// summary (several checks) or the hits (one check); in csv, tsv and json modes one row
/// per finding. Checks the data cannot support are skipped with the reason. Parameters
/// default to the catalog's values, or to those saved with `--save` (settings
/// `check.ID.PARAMETER`).
enum CheckCommand {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest).words
        var checks: [CheckDefinition] = []
        var period: CheckPeriod?
        var scopeName: String?
        var given: [(check: String?, name: String, value: Int64)] = []
        var save = false
        var index = 0
        func place(_ word: CommandWords.Word) -> SourcePosition { position.advanced(by: word.offset) }
        while index < words.count {
            let word = words[index]
            if word.text == "for" {
                guard index + 1 < words.count else { throw ShellError(.badArgument, "for needs a department or region, e.g. for 市农业局", at: place(word)) }
                scopeName = words[index + 1].text
                index += 2
                continue
            }
            if word.text == "--save" {
                save = true
            } else if let equals = word.text.firstIndex(of: "=") {
                var name = String(word.text[..<equals]), text = String(word.text[word.text.index(after: equals)...])
                var owner: String?
                if let dot = name.lastIndex(of: ".") {
                    owner = String(name[..<dot])
                    name = String(name[name.index(after: dot)...])
                    guard let check = CheckCatalog.named(owner!) else {
                        throw ShellError(.badArgument, "no check is called '\(owner!)'" + Suggestion.phrase(for: owner!, among: CheckCatalog.all.map(\.id)), at: place(word))
                    }
                    guard check.parameter(name) != nil else {
                        throw ShellError(.badArgument, "\(check.id) has no parameter '\(name)'" + Suggestion.phrase(for: name, among: check.parameters.map(\.name))
                            + (check.parameters.isEmpty ? "; it takes none" : "; it takes " + check.parameters.map(\.name).joined(separator: ", ")), at: place(word))
                    }
                }
                let known = Set(CheckCatalog.all.flatMap { $0.parameters.map(\.name) })
                guard known.contains(name) else {
                    throw ShellError(.badArgument, "no check has the parameter '\(name)'" + Suggestion.phrase(for: name, among: known.sorted())
                        + "; .help check lists them", at: place(word))
                }
                text = text.trimmingBlanks()
                guard let value = Int64(text), value >= 0, value <= CheckCommand.largestParameter else {
                    throw ShellError(.badArgument, "\(name) takes a whole number from 0 to \(CheckCommand.largestParameter), e.g. \(name)=3",
                                     at: place(word).advanced(by: word.text.distance(from: word.text.startIndex, to: equals) + 1))
                }
                given.append((owner, name, value))
            } else if let parsed = parsePeriod(word.text) {
                period = parsed
            } else if let check = CheckCatalog.named(word.text) {
                checks.append(check)
            } else if word.text.first?.isNumber == true {
                throw ShellError(.badArgument, "'\(word.text)' is not a period; write a month 2016-05, a range 2016-01..2016-04 or days 2016-03-01..2016-03-15", at: place(word))
            } else {
                throw ShellError(.badArgument, "no check is called '\(word.text)'" + Suggestion.phrase(for: word.text, among: CheckCatalog.all.map(\.id))
                    + "; .help check lists them", at: place(word))
            }
            index += 1
        }
        if checks.isEmpty { checks = CheckCatalog.all }
        if save { try session.requireWritable("check --save") }
        // Each check's parameters: saved settings, then what was given (a bare name applies
        // to every check that has the parameter).
        var parameters = try savedParameters(in: session)
        var saved: [(key: String, value: String)] = []
        for item in given {
            for check in CheckCatalog.all where (item.check == nil || item.check == check.id) && check.parameter(item.name) != nil {
                parameters[check.id, default: [:]][item.name] = item.value
                if save { saved.append(("check.\(check.id).\(item.name)", String(item.value))) }
            }
        }
        let today = session.today
        let chosen = period ?? defaultPeriod(today: today)
        let store = session.store
        var scope: (department: Int64?, region: Int64?)?
        if let scopeName {
            if case .department(let id)? = try store.scopeID(of: scopeName) {
                scope = (id, nil)
            } else if let region = try store.regionID(named: scopeName) {
                scope = (nil, region)
            } else {
                let names = (session.values.values(in: "departments", column: "name") ?? []) + (session.values.values(in: "regions", column: "name") ?? [])
                throw ShellError(.badArgument, "no department or region is called \(scopeName)" + Suggestion.phrase(for: scopeName, among: names), at: position)
            }
        }
        let (results, skipped) = try evaluate(checks, parameters: parameters, period: chosen, department: scope?.department, region: scope?.region,
                                              in: session, at: position)
        if !store.isReadOnly {
            try keep(results, parameters: parameters, period: chosen, scope: scope, settings: saved, command: "check" + rest, in: session)
        }
        try show(results, skipped: skipped, period: chosen, in: session)
    }

    /// Keeps the hits of a run as findings (replacing those of an earlier run of the same
    /// checks, period and scope) with the settings saved with it, in one audited transaction.
    static func keep(_ results: [(check: CheckDefinition, hits: [CheckHit])], parameters: [String: [String: Int64]], period: CheckPeriod,
                     scope: (department: Int64?, region: Int64?)?, settings: [(key: String, value: String)] = [], command: String, in session: Session) throws {
        let runs = results.map { result in
            FindingRun(check: result.check, hits: result.hits,
                       parameters: "{" + result.check.parameters.map { "\"\($0.name)\":\(parameters[result.check.id]?[$0.name] ?? $0.defaultValue)" }.joined(separator: ",") + "}",
                       period: result.check.usesPeriod ? period.text : nil)
        }
        try session.store.keepFindings(runs, settings: settings, department: scope?.department, region: scope?.region,
                                       stamp: AuditStamp(at: session.clock.now, actor: session.actor, command: command))
    }

    /// Parameters saved with `--save` (settings `check.ID.PARAMETER`), by check.
    static func savedParameters(in session: Session) throws -> [String: [String: Int64]] {
        var parameters: [String: [String: Int64]] = [:]
        for check in CheckCatalog.all {
            for parameter in check.parameters {
                if let saved = try session.store.setting("check.\(check.id).\(parameter.name)").flatMap({ Int64($0) }),
                   saved >= 0, saved <= CheckCommand.largestParameter {
                    parameters[check.id, default: [:]][parameter.name] = saved
                }
            }
        }
        return parameters
    }

    /// Runs checks over a period, for one department or region or everywhere, and
    /// returns their hits; checks the data cannot support come back with the reason.
    static func evaluate(_ checks: [CheckDefinition], parameters: [String: [String: Int64]], period: CheckPeriod, department: Int64?, region: Int64?,
                         in session: Session, at position: SourcePosition? = nil) throws
        -> (results: [(check: CheckDefinition, hits: [CheckHit])], skipped: [(CheckDefinition, String)]) {
        let store = session.store
        guard let days = try store.caseDays() else {
            throw ShellError(.badArgument, "the database has no cases; import or generate data first (import xes, import csv, ducha demo)", at: position)
        }
        if checks.contains(where: \.usesPeriod), period.end <= days.first || period.start > days.last {
            throw ShellError(.badArgument, "the period \(period.text) lies outside the data: cases were opened from \(days.first) to \(days.last)", at: position)
        }
        let met = try store.dataProfile()
        var results: [(check: CheckDefinition, hits: [CheckHit])] = []
        var skipped: [(CheckDefinition, String)] = []
        let runnable = checks.filter { check in
            guard let need = check.needs.first(where: { !met.contains($0) }) else { return true }
            skipped.append((check, need.missing))
            return false
        }
        // The step checks share one pass over the steps.
        var swept = try store.sweepSteps(runnable.filter { StepSweep.checks.contains($0.id) }, parameters: parameters, period: period, today: session.today)
        swept.merge(try store.sweepCaseMonths(runnable, parameters: parameters, period: period)) { first, _ in first }
        for check in runnable {
            if InterruptSignal.isPending { throw ShellError(.interrupted, "interrupted") }
            var hits = try swept[check.id] ?? store.runCheck(check, parameters: parameters, period: period, today: session.today)
            if department != nil || region != nil {
                hits = hits.filter { (department == nil || $0.department == department) && (region == nil || $0.region == region) }
            }
            results.append((check, hits))
        }
        return (results, skipped)
    }

    /// How many hits each named check still has for a department or region over a
    /// period, with the saved parameters; checks without hits are left out.
    static func hits(of checkIDs: [String], period: CheckPeriod, departmentID: Int64?, regionID: Int64?, in session: Session) throws -> [(check: String, count: Int)] {
        let checks = checkIDs.compactMap(CheckCatalog.named)
        let (results, _) = try evaluate(checks, parameters: savedParameters(in: session), period: period, department: departmentID, region: regionID, in: session)
        return results.filter { !$0.hits.isEmpty }.map { ($0.check.id, $0.hits.count) }
    }

    private static func show(_ results: [(check: CheckDefinition, hits: [CheckHit])], skipped: [(CheckDefinition, String)], period: CheckPeriod, in session: Session) throws {
        let store = session.store
        let departmentIDs = Set(results.flatMap { $0.hits.compactMap(\.department) })
        let departments = try store.subjectLabels("departments", ids: Array(departmentIDs))
        let regions = try store.subjectLabels("regions", ids: Array(Set(results.flatMap { $0.hits.compactMap(\.region) })))
        let human = session.mode == .table || session.mode == .line || session.mode == .markdown
        if human && results.count > 1 {
            let columns = [ResultColumn("check", .text), ResultColumn("title", .text), ResultColumn("hits", .integer),
                           ResultColumn("departments", .integer), ResultColumn("worst", .text)]
            let rows: [[Value]] = results.map { result in
                var byDepartment: [Int64: Int] = [:]
                for hit in result.hits { if let department = hit.department { byDepartment[department, default: 0] += 1 } }
                let worst = byDepartment.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
                return [.text(result.check.id), .text(result.check.chinese), .integer(Int64(result.hits.count)), .integer(Int64(byDepartment.count)),
                        worst.map { .text((departments[$0.key] ?? "") + " (\($0.value))") } ?? .null]
            }
            try session.show(columns: columns, rows: rows)
            session.output.line("period \(period.text) where a check looks at one; `check NAME` lists a check's hits; findings are kept in `findings`")
        } else if human, let only = results.first {
            // One check on screen: its hits by department, most first (every hit is in
            // `findings`, and csv or json list them one per row).
            session.output.line("\(only.check.id) · \(only.check.chinese) · \(only.check.english): \(only.check.definition)"
                + (only.check.usesPeriod ? " (period \(period.text))" : ""))
            var byDepartment: [Int64?: [CheckHit]] = [:]
            for hit in only.hits { byDepartment[hit.department, default: []].append(hit) }
            let ordered = byDepartment.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : ($0.key ?? -1) < ($1.key ?? -1) }
            let examples = try store.subjectLabels(only.check.subject.table, ids: ordered.prefix(500).compactMap { $0.value.max { $0.value < $1.value }?.subject })
            let columns = [ResultColumn("department", .text), ResultColumn("region", .text), ResultColumn("hits", .integer),
                           ResultColumn("largest", .integer), ResultColumn("example", .text)]
            let rows: [[Value]] = ordered.map { department, hits in
                let largest = hits.max { $0.value < $1.value }!
                let region = hits.first?.region.flatMap { regions[$0] }
                return [department.flatMap { departments[$0] }.map(Value.text) ?? .null, region.map(Value.text) ?? .null,
                        .integer(Int64(hits.count)), .integer(largest.value), examples[largest.subject].map(Value.text) ?? .integer(largest.subject)]
            }
            try session.show(columns: columns, rows: rows)
            session.output.line("\(only.hits.count.grouped) hits; `findings | where check_id = \"\(only.check.id)\"` keeps them, and .mode csv lists them one per row")
        } else {
            let columns = [ResultColumn("check", .text), ResultColumn("subject", .text), ResultColumn("id", .integer), ResultColumn("found", .text),
                           ResultColumn("department", .text), ResultColumn("region", .text), ResultColumn("value", .integer)]
            var rows: [[Value]] = []
            for result in results {
                let labels = try store.subjectLabels(result.check.subject.table, ids: result.hits.map(\.subject))
                for hit in result.hits {
                    rows.append([.text(result.check.id), .text(result.check.subject.table), .integer(hit.subject), labels[hit.subject].map(Value.text) ?? .null,
                                 hit.department.flatMap { departments[$0] }.map(Value.text) ?? .null, hit.region.flatMap { regions[$0] }.map(Value.text) ?? .null,
                                 .integer(hit.value)])
                }
            }
            try session.show(columns: columns, rows: rows)
        }
        for (check, reason) in skipped {
            session.diagnostics.line("note: \(check.id) was not run: \(reason)")
        }
    }

    /// The largest value a parameter takes (hours, days, percents ...): beyond it numbers
    /// mean nothing for a check and would overflow its arithmetic.
    static let largestParameter: Int64 = 1_000_000

    /// The four whole months before the month of `today`.
    static func defaultPeriod(today: CivilDate) -> CheckPeriod {
        let end = today.firstOfMonth
        let start = end.adding(months: -4)
        return CheckPeriod(start: start, end: end, text: "\(start.description.prefix(7))..\(end.adding(days: -1).description.prefix(7))")
    }

    /// `2016-05`, `2016-01..2016-04`, `2016-03-01..2016-03-15`, `2016-03-01`.
    static func parsePeriod(_ text: String) -> CheckPeriod? {
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2, let first = parts.first, let last = parts.last,
              let start = startDay(first), let end = endDay(last), start < end else { return nil }
        return CheckPeriod(start: start, end: end, text: text)
    }

    private static func startDay(_ text: String) -> CivilDate? {
        if let date = CivilDate(text) { return date }
        return CivilDate(text + "-01")
    }

    private static func endDay(_ text: String) -> CivilDate? {
        if let date = CivilDate(text) { return date.adding(days: 1) }
        return CivilDate(text + "-01")?.firstOfNextMonth
    }
}

private extension String {
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = self[...]
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

private extension Substring {
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index ..< self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
