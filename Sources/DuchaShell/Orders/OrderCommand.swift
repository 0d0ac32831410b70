import DuchaCore
import DuchaStore

/// `order issue to DEPT due DATE "requirement" ...` writes a rectification order;
/// `order N` shows one with its history; `order N ACTION ...` moves it along its
/// lifecycle. Every change is one transaction with a history row and an audit entry.
enum OrderCommand {
    /// The synopsis `.help` shows.
    static let usage = "issue to DEPT|REGION due DATE|in N workdays \"REQUIREMENT\" [for finding ID,...] [cc \"A,B\"] [leader NAME] [contact \"...\"] [round N] [--draft] | N [ACTION ...]"

    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = try CommandWords.arguments(rest, at: position)
        guard let first = words.first else {
            throw ShellError(.badArgument, "order needs issue or an order number, e.g. order issue to 市农业局 due 2016-06-15 \"...\" or order 2016-001-001; `orders` lists them", at: position)
        }
        let command = "order" + rest
        if first.text == "issue" {
            try issue(Array(words.dropFirst()), command: command, at: position, issueAt: position.advanced(by: first.offset), in: session)
            return
        }
        let order = try find(first, at: position, in: session)
        guard words.count > 1 else {
            try show(order, in: session)
            return
        }
        try change(order, Array(words.dropFirst()), command: command, at: position, in: session)
    }

    // MARK: Finding an order

    /// The order numbered as written, or the one whose number ends with it (`007`, `018-007`).
    static func find(_ word: CommandWords.Word, at position: SourcePosition, in session: Session) throws -> Order {
        let store = session.store
        if let order = try store.order(number: word.text) { return order }
        let numbers = try store.orderNumbers()
        let endings = numbers.filter { $0.hasSuffix("-" + word.text) }
        if endings.count == 1, let order = try store.order(number: endings[0]) { return order }
        let place = position.advanced(by: word.offset)
        if endings.count > 1 {
            throw ShellError(.badArgument, "\(word.text) ends \(endings.count) order numbers (\(endings.prefix(4).joined(separator: ", "))); write more of the number", at: place)
        }
        if numbers.isEmpty {
            throw ShellError(.badArgument, "there are no orders yet; order issue to DEPT due DATE \"requirement\" writes one", at: place)
        }
        throw ShellError(.badArgument, "no order is numbered \(word.text)" + Suggestion.phrase(for: word.text, among: numbers) + "; `orders` lists them", at: place)
    }

    // MARK: Issuing

    private static func issue(_ words: [CommandWords.Word], command: String, at position: SourcePosition, issueAt missing: SourcePosition, in session: Session) throws {
        try session.requireWritable("order issue")
        // Errors about what is missing point at `issue`.
        func place(_ word: CommandWords.Word) -> SourcePosition { position.advanced(by: word.offset) }
        var addressee: CommandWords.Word?
        var due: CivilDate?
        var dueWord: CommandWords.Word?
        var dueProvisional = false
        var requirement: CommandWords.Word?
        var findings: [Int64] = []
        var findingsWord: CommandWords.Word?
        var copyTo: [String] = []
        var leader: String?
        var contact: String?
        var round: Int?
        var draft = false
        var cursor = WordCursor(words, at: position, from: 0)
        let today = session.today
        while let word = cursor.current {
            switch word.text {
            case "to":
                addressee = try cursor.value(after: word, "to 市农业局")
            case "due":
                let next = try cursor.value(after: word, "due 2016-06-15 or due in 5 workdays")
                dueWord = next
                if next.text == "in" {
                    let count = try cursor.value(after: next, "due in 5 workdays")
                    guard let days = Int(count.text), (1...366).contains(days) else {
                        throw ShellError(.badArgument, "'\(count.text)' is not a number of working days; write due in 5 workdays (1 to 366)", at: place(count))
                    }
                    if cursor.index + 1 < words.count, ["workdays", "workday", "工作日", "个工作日"].contains(words[cursor.index + 1].text) { cursor.index += 1 }
                    let reckoned = session.store.calendar.adding(workdays: days, to: today)
                    due = reckoned.date
                    dueProvisional = reckoned.isProvisional
                } else {
                    guard let date = CivilDate(next.text) else {
                        throw ShellError(.badArgument, "'\(next.text)' is not a date; write due 2016-06-15 or due in 5 workdays", at: place(next))
                    }
                    due = date
                    dueProvisional = !session.store.calendar.knows(date)
                }
            case "for":
                var next = try cursor.value(after: word, "for finding 12,13")
                if next.text == "finding" || next.text == "findings" { next = try cursor.value(after: next, "for finding 12,13") }
                findingsWord = next
                for part in next.text.split(separator: ",") {
                    guard let id = Int64(part.trimmingBlanks()), id > 0 else {
                        throw ShellError(.badArgument, "'\(part)' is not a finding id; write for finding 12,13 (ids from `findings`)", at: place(next))
                    }
                    findings.append(id)
                }
            case "cc":
                copyTo = try cursor.value(after: word, "cc \"市政府督查室,市监察局\"").text
                    .split { $0 == "," || $0 == "，" || $0 == "、" }.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
            case "leader":
                leader = try cursor.value(after: word, "leader 张三").text
            case "contact":
                contact = try cursor.value(after: word, "contact \"李四 0818-2345678\"").text
            case "round":
                let next = try cursor.value(after: word, "round 18")
                guard let number = Int(next.text), (1...999).contains(number) else {
                    throw ShellError(.badArgument, "the round is a whole number from 1 to 999, e.g. round 18", at: place(next))
                }
                round = number
            case "--draft":
                draft = true
            default:
                if word.text.hasPrefix("-") {
                    throw ShellError(.badArgument, "unknown option \(word.text); order issue takes --draft", at: place(word))
                }
                if let earlier = requirement {
                    throw ShellError(.badArgument, "two requirements ('\(earlier.text)' and '\(word.text)'); put the requirement in quotes, or give a keyword (to, due, for, cc, leader, contact, round)", at: place(word))
                }
                requirement = word
            }
            cursor.index += 1
        }
        guard let addressee else {
            throw ShellError(.badArgument, "order issue needs an addressee: to DEPT (or a region)", at: missing)
        }
        guard let due else {
            throw ShellError(.badArgument, "order issue needs a deadline: due 2016-06-15 or due in 5 workdays", at: missing)
        }
        guard let requirement, !requirement.text.trimmingBlanks().isEmpty else {
            throw ShellError(.badArgument, "order issue needs the requirement in quotes, e.g. \"5月底前完成整改并书面报告\"", at: missing)
        }
        if requirement.text.count > OrderCommand.longestText {
            throw ShellError(.badArgument, "the requirement has \(requirement.text.count.grouped) characters; write it in at most \(OrderCommand.longestText.grouped) and refer to a document for the rest", at: place(requirement))
        }
        if due < today {
            throw ShellError(.refused, "the deadline \(due) has passed (today is \(today)); give a later date or due in N workdays", at: dueWord.map(place) ?? position)
        }
        let store = session.store
        var departmentID: Int64?
        var regionID: Int64?
        if case .department(let id)? = try store.scopeID(of: addressee.text) {
            departmentID = id
        } else if let id = try store.regionID(named: addressee.text) {
            regionID = id
        } else {
            let names = (session.values.values(in: "departments", column: "name") ?? []) + (session.values.values(in: "regions", column: "name") ?? [])
            throw ShellError(.badArgument, "no department or region is called \(addressee.text)" + Suggestion.phrase(for: addressee.text, among: names), at: place(addressee))
        }
        let existing = try store.existingFindings(findings)
        if let missing = findings.first(where: { !existing.contains($0) }), let findingsWord {
            throw ShellError(.badArgument, "there is no finding \(missing); `findings` lists them (a check run keeps them)", at: place(findingsWord))
        }
        let chosenRound = try round ?? store.setting("orders.round").flatMap { Int($0) } ?? 1
        let stamp = AuditStamp(at: session.now, actor: session.actor, command: command)
        let draftOrder = Order(departmentID: departmentID, regionID: regionID, addressee: addressee.text, leader: leader, contact: contact,
                               requirement: requirement.text.trimmingBlanks(), copyTo: copyTo, findings: findings, round: chosenRound,
                               created: stamp.at, createdBy: stamp.actor, due: due, dueIsProvisional: dueProvisional, status: .draft)
        let order = try store.writeOrder(draftOrder, issue: !draft, stamp: stamp)
        session.values.reset()
        session.output.line("order \(order.number) \(draft ? "written as a draft (order \(order.number) issue sends it)" : "issued") to \(order.addressee), due \(order.due)"
            + " (\(weekdayName(order.due)), \(store.calendar.workdays(from: today, to: order.due).count) working days from \(today))"
            + (order.dueIsProvisional ? "; provisional: the calendar does not know \(order.due.year), load it with calendar import" : ""))
    }

    // MARK: Changing

    private static func change(_ order: Order, _ words: [CommandWords.Word], command: String, at position: SourcePosition, in session: Session) throws {
        func place(_ word: CommandWords.Word) -> SourcePosition { position.advanced(by: word.offset) }
        let actionWord = words[0]
        guard let action = OrderAction(rawValue: actionWord.text) else {
            throw ShellError(.badArgument, "no order action is called '\(actionWord.text)'" + Suggestion.phrase(for: actionWord.text, among: OrderAction.allCases.map(\.rawValue))
                + "; allowed now for \(order.number) (\(order.status.rawValue)): " + OrderLifecycle.allowed(for: order).map(\.rawValue).joined(separator: ", "), at: place(actionWord))
        }
        try session.requireWritable("order \(action.rawValue)")
        var event = OrderEvent(action: action)
        var notes: [String] = []
        var recheck = false
        var cursor = WordCursor(words, at: position, from: 1)
        let ladder = try session.escalationLadder()
        while let word = cursor.current {
            switch (action, word.text) {
            case (.verify, "by"), (.escalate, "target"):
                event.target = try cursor.value(after: word, action == .verify ? "by 王五" : "target 张局长").text
            case (.escalate, "doc"):
                event.document = try cursor.value(after: word, "doc \"达督查函〔2016〕3号\"").text
            case (.close, "--recheck"):
                recheck = true
            case (.extend, _) where event.date == nil && CivilDate(word.text) != nil:
                event.date = CivilDate(word.text)
            case (.escalate, _) where event.escalation == nil && cursor.index == 1:
                guard ladder.step(word.text) != nil else {
                    throw ShellError(.badArgument, "the ladder has no step '\(word.text)'" + Suggestion.phrase(for: word.text, among: ladder.steps.map(\.name))
                        + "; it has " + ladder.steps.map { "\($0.name) (\($0.chinese))" }.joined(separator: ", "), at: place(word))
                }
                event.escalation = word.text
            default:
                if action == .extend && event.date == nil && word.text.first?.isNumber == true {
                    throw ShellError(.badArgument, "'\(word.text)' is not a date; write order \(order.number) extend 2016-06-30 \"reason\"", at: place(word))
                }
                notes.append(word.text)
            }
            cursor.index += 1
        }
        if !notes.isEmpty { event.note = notes.joined(separator: " ") }
        if let note = event.note, note.count > OrderCommand.longestText {
            throw ShellError(.badArgument, "the note has \(note.count.grouped) characters; write it in at most \(OrderCommand.longestText.grouped)", at: place(actionWord))
        }
        if action == .close && recheck {
            try recheckFindings(of: order, in: session)
        }
        let store = session.store
        var people = try store.departmentPeople(order.departmentID)
        // The leader, and the contact by the name that starts the contact text ("钱科长 0818-2345678").
        for name in [order.leader, order.contact, order.contact?.split(separator: " ").first.map(String.init)].compactMap({ $0 }) { people.insert(name) }
        let circumstances = OrderRules.Circumstances(now: session.now, today: session.today, actor: session.actor, departmentPeople: people,
                                                     calendar: store.calendar, ladder: ladder)
        let stamp = AuditStamp(at: circumstances.now, actor: session.actor, command: command)
        let result: (before: Order, after: Order)
        do {
            result = try store.changeOrder(number: order.number, event: event, stamp: stamp) { current in
                try OrderRules.apply(event, to: current, in: circumstances)
            }
        } catch let refusal as OrderRefusal {
            throw ShellError(.refused, refusal.message, at: place(actionWord))
        }
        session.values.reset()
        let (before, after) = result
        var line = "order \(after.number): \(action.rawValue) (\(action.chinese))"
        if before.status != after.status { line += "; \(before.status.rawValue) → \(after.status.rawValue)" }
        if before.due != after.due { line += "; deadline \(before.due) → \(after.due)" }
        if let requested = after.requestedDue, before.requestedDue == nil { line += "; asks for \(requested), waiting for approve or deny" }
        if let escalation = event.escalation { line += "; \(escalation) (\(ladder.step(escalation)?.chinese ?? escalation)) recorded" }
        session.output.line(line)
    }

    /// Re-runs the checks an order cites for its addressee over the months since it was
    /// issued; refuses to close while any still hits.
    private static func recheckFindings(of order: Order, in session: Session) throws {
        guard !order.findings.isEmpty else {
            throw ShellError(.refused, "order \(order.number) cites no findings, so there is nothing to re-check; close without --recheck")
        }
        let checks = try order.findings.compactMap { try session.store.finding(id: $0)?.check }
        let start = ChinaTime.date(of: order.issued ?? order.created).firstOfMonth
        let end = session.today.firstOfNextMonth
        let period = CheckPeriod(start: start, end: end, text: "\(start.description.prefix(7))..\(end.adding(days: -1).description.prefix(7))")
        let still: [(check: String, count: Int)]
        do {
            still = try CheckCommand.hits(of: Array(Set(checks)).sorted(), period: period, departmentID: order.departmentID, regionID: order.regionID, in: session)
        } catch let error as ShellError where error.code == .badArgument {
            throw ShellError(.refused, "the re-check cannot run: \(error.message); the order stays open until data for \(period.text) is there")
        }
        if !still.isEmpty {
            throw ShellError(.refused, "the re-check still finds " + still.map { "\($0.check) (\($0.count))" }.joined(separator: ", ")
                + " for \(order.addressee) in \(period.text); the order stays open (return it, or close without --recheck with a note)")
        }
    }

    // MARK: Showing

    private static func show(_ order: Order, in session: Session) throws {
        let store = session.store
        let output = session.output
        let today = session.today
        output.line("整改通知 \(order.number) · \(order.status.rawValue) (\(order.status.chinese))")
        output.line("to: \(order.addressee)" + (order.leader.map { " · leader \($0)" } ?? "") + (order.contact.map { " · contact \($0)" } ?? ""))
        output.line("requirement: \(order.requirement)")
        var deadline = "due: \(order.due) (\(weekdayName(order.due)))"
        if order.status.isOpen {
            let left = store.calendar.workdays(from: today, to: order.due).count
            deadline += left >= 0 ? " · \(left) working days left" : " · overdue by \(-left) working days"
        }
        if order.dueIsProvisional { deadline += " · provisional (the calendar does not know \(order.due.year))" }
        if let requested = order.requestedDue { deadline += " · extension to \(requested) requested" }
        output.line(deadline)
        if !order.copyTo.isEmpty { output.line("cc: " + order.copyTo.joined(separator: "、")) }
        if !order.findings.isEmpty { output.line("answers findings: " + order.findings.map(String.init).joined(separator: ", ")) }
        output.line("written \(ChinaTime.format(order.created)) by \(order.createdBy)" + (order.issued.map { " · issued \(ChinaTime.format($0)) by \(order.issuedBy ?? "")" } ?? "")
            + (order.verifiedBy.map { " · verified by \($0)" } ?? ""))
        let history = try store.orderHistory(order.id)
        let columns = [ResultColumn("at", .text), ResultColumn("actor", .text), ResultColumn("action", .text), ResultColumn("status", .text),
                       ResultColumn("due", .text), ResultColumn("note", .text)]
        let rows: [[Value]] = history.map { entry in
            var note = [entry.escalation.map { "\($0) (\(EscalationLadder.vocabulary[$0] ?? $0))" }, entry.document.map { "文号 \($0)" },
                        entry.target.map { "→ \($0)" }, entry.note].compactMap { $0 }.joined(separator: " · ")
            if note.isEmpty, let action = OrderAction(rawValue: entry.action) { note = action.chinese }
            return [.text(ChinaTime.format(entry.at)), .text(entry.actor), .text(entry.action),
                    .text((entry.from.map { $0 + " → " } ?? "") + entry.to), entry.due.map(Value.text) ?? .null, .text(note)]
        }
        try session.show(columns: columns, rows: rows)
        if !order.status.isFinal {
            output.line("next: " + OrderLifecycle.allowed(for: order).map(\.rawValue).joined(separator: ", "))
        }
    }

    /// The most characters a requirement or a note may have: a paragraph or two of an
    /// order, not a document pasted in.
    static let longestText = 4_000

    /// 周一 … 周日.
    static func weekdayName(_ date: CivilDate) -> String {
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][date.weekday - 1]
    }
}
