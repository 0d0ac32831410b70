import DuchaCore

/// A command word that is not a source (`explain`): declared once, this entry feeds
/// dispatch, `.help` and completion.
struct ShellCommand: Sendable {
    /// The word that starts it.
    let name: String
    /// What follows the name, as help shows it.
    let usage: String
    /// One line for `.help`.
    let summary: String
    /// More text for `.help NAME`, made when asked for (some lists every check), not
    /// each time the table is built to look a name up.
    var details: String { detailsText() }
    private let detailsText: @Sendable () -> String
    /// Runs the command on the text after its name, which starts at `position`.
    let run: @Sendable (_ session: Session, _ rest: String, _ position: SourcePosition) throws -> DotOutcome
    /// For a command that shares its name with a source (`orders`, `audit`): the words
    /// that, following the name, make the entry this command; otherwise it is a query.
    var shorthands: [String] = []
    /// What Tab offers after the words typed so far (after the name).
    var arguments: @Sendable (_ words: [String]) -> ArgumentCompletion = { _ in .query(after: 0) }

    init(name: String, usage: String, summary: String, details: @autoclosure @escaping @Sendable () -> String,
         run: @escaping @Sendable (_ session: Session, _ rest: String, _ position: SourcePosition) throws -> DotOutcome,
         shorthands: [String] = [], arguments: @escaping @Sendable (_ words: [String]) -> ArgumentCompletion = { _ in .query(after: 0) }) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.detailsText = details
        self.run = run
        self.shorthands = shorthands
        self.arguments = arguments
    }

    /// What comes next in a command's arguments.
    enum ArgumentCompletion {
        /// One of these words (`Completer.filesMarker` stands for file names).
        case words([String])
        /// A query, starting after this many words.
        case query(after: Int)
    }

    /// Whether the entry whose text after the name is `rest` is this command. A command
    /// whose name is also a source or an alias of one (`order`, `import`) leaves an entry
    /// that goes on with a pipe to the language: `order | count` is a query.
    func claims(_ rest: String) -> Bool {
        if Entity.named(name) != nil, rest.drop(while: { $0 == " " || $0 == "\t" }).first == "|" { return false }
        return shorthands.isEmpty || CommandWords(rest).words.first.map { shorthands.contains($0.text) } == true
    }

    /// `name usage`.
    var synopsis: String { name + (usage.isEmpty ? "" : " " + usage) }

    /// The command called `name`.
    static func named(_ name: String) -> ShellCommand? {
        table.first { $0.name == name }
    }

    /// The command the entry `name rest` is: none when `name` is a source and `rest` not one of its shorthands.
    static func named(_ name: String, claiming rest: String) -> ShellCommand? {
        named(name).flatMap { $0.claims(rest) ? $0 : nil }
    }

    /// Every command, in the order `.help` lists them.
    static let table: [ShellCommand] = [
        ShellCommand(
            name: "explain", usage: "QUERY", summary: "show how a query is compiled: tokens, tree, names, SQL, parameters, plan",
            details: "Prints the tokens, the syntax tree, what every name resolved to, the SQL with its bound parameters, and SQLite's query plan; nothing runs.",
            run: { session, rest, position in
                try QueryRunner.explain(rest, at: position, in: session)
                return .proceed
            }),
        ShellCommand(
            name: "trace", usage: "CASE", summary: "a case's whole story: every step, who, when it occurred and was recorded, alerts, flags",
            details: """
                trace 2016-WY-0007 (or a unique beginning of the number) prints the case's header, one row per step record in the \
                order they happened (equal times in the order recorded) with the gap since the step before, the time limit in \
                working days and any overrun, the alerts and how they were handled, and what stands out: steps recorded long \
                after they occurred, a multi-day case entered at once, one person doing every step, missing or out-of-order \
                steps, a leader's review by a non-leader, a case on an abolished item. On a terminal a picture shows occurred \
                against recorded times. In csv, tsv and json modes the step rows alone are written.
                """,
            run: { session, rest, position in
                try TraceView.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in words.isEmpty ? .words([Completer.caseNumbersMarker]) : .words([]) }),
        ShellCommand(
            name: "who", usage: "OPERATOR [of DEPT]", summary: "an operator's cases and steps, cases done alone, handover partners, when they record",
            details: """
                who 张三 shows the operator's department and role, the step records and cases they recorded, the share of cases \
                in which every step was theirs, to whom they pass work and from whom they receive it, and the Beijing hour and \
                weekday of their recordings, where off-hours bulk entry shows. When several share a name: who 张三 of 市农业局.
                """,
            run: { session, rest, position in
                try WhoView.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in words.count == 1 ? .words(["of"]) : .words([]) }),
        ShellCommand(
            name: "check", usage: "[NAME ...] [PERIOD] [for DEPT|REGION] [[CHECK.]PARAMETER=VALUE ...] [--save]",
            summary: "run the inspection checks (all by default), keep their findings, show a summary or one check's hits",
            details: "The checks and their parameters:\n" + CheckCatalog.all.map { check in
                "  \(check.id) · \(check.chinese) · \(check.english)" + (check.parameters.isEmpty ? "" : " [" + check.parameters.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: " ") + "]")
            }.joined(separator: "\n") + "\nPERIOD is a month (2016-05) or a range (2016-01..2016-04); by default the four whole months before today. docs/CHECKS.md defines each check.",
            run: { session, rest, position in
                try CheckCommand.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { _ in .words(CheckCatalog.all.map(\.id) + ["for"]) }),
        ShellCommand(
            name: "finding", usage: "ID", summary: "a kept finding with its evidence; for a case, its trace",
            details: "finding 12 shows the check, where and when it was found, the parameters, the value and the rows it rests on; when those are a case (or its steps or alerts) the case's trace follows.",
            run: { session, rest, position in
                try FindingView.run(rest, at: position, in: session)
                return .proceed
            }),
        ShellCommand(
            name: "variants", usage: "[for DEPT|ITEM]", summary: "the distinct step sequences cases followed, with counts, most common first",
            details: """
                A case's variant is the sequence of its workflow steps in the order they happened. variants counts them over \
                every case, or the cases of one department (variants for 市农业局) or item (by code or name).
                """,
            run: { session, rest, position in
                try ProcessViews.run(.variants, rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in words.isEmpty ? .words(["for"]) : .words([]) }),
        ShellCommand(
            name: "handovers", usage: "[for DEPT|ITEM]", summary: "work passed from one operator to another, counted, most common first",
            details: """
                A handover is two consecutive steps of one case that both have an operator, and different ones. handovers counts \
                them by pair over every case, or those of one department or item, and says how many cases had one operator.
                """,
            run: { session, rest, position in
                try ProcessViews.run(.handovers, rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in words.isEmpty ? .words(["for"]) : .words([]) }),
        ShellCommand(
            name: "import", usage: ImportOptions.usage + " | " + CSVImport.usage, summary: "import an XES event log or a CSV platform export as one unit, or undo an import",
            details: """
                import xes FILE reads the log as it streams and lands it whole or not at all. Each trace becomes a case                 (its concept:name the case number), each event a step (concept:name the activity, org:resource the operator,                 time:timestamp with its written offset, lifecycle:transition kept); every other attribute goes to `attributes`.                 The cases go to --dept (default: the log's name; created in --region when new) under a new item and workflow                 (--item, --category). --dry-run checks everything and writes nothing. `imports` lists imports;                 import undo ID removes what one brought. import csv KIND FILE reads a platform export of regions, departments, \
                workflows, items, catalog, cases, steps, alerts or logins by its header's column names (docs/IMPORT.md lists them).
                """,
            run: { session, rest, position in
                try ImportCommand.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in
                switch (words.first, words.count) {
                case (nil, _): return .words(["csv", "undo", "xes"])
                case ("xes", 1): return .words([Completer.filesMarker])
                case ("xes", _): return .words(["--category", "--dept", "--dry-run", "--item", "--region"])
                case ("csv", 1): return .words(CSVImport.Kind.allCases.map(\.rawValue))
                case ("csv", 2): return .words([Completer.filesMarker])
                case ("csv", _): return .words(["--delimiter", "--dry-run"])
                default: return .words([])
                }
            }),
        ShellCommand(
            name: "export", usage: "xes FILE [QUERY]", summary: "write cases (all, or those a query over cases lists) as an XES event log",
            details: """
                export xes FILE writes every case; export xes FILE cases | where ... writes those the query lists. Each case is a \
                trace (its number the concept:name, its kept attributes after it), each step an event with its activity, operator, \
                time with the offset it was written with, lifecycle and kept attributes, in time order. Cases of one import get \
                that log's header back. The file appears whole or not at all. Tables export with .mode csv and .output.
                """,
            run: { session, rest, position in
                try EventLogExport.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in
                switch words.count {
                case 0: return .words(["xes"])
                case 1: return .words([Completer.filesMarker])
                default: return .query(after: 2)
                }
            }),
        ShellCommand(
            name: "order", usage: OrderCommand.usage, summary: "issue a rectification order, show one with its history, or move it along its lifecycle",
            details: """
                order issue to 市农业局 due 2016-06-15 "REQUIREMENT" writes and issues an order (due in 5 workdays counts working \
                days from today, the day itself not counted; --draft keeps it a draft); for finding 12,13 cites findings, cc "A,B" \
                the copy-to list, leader and contact the department's people, round N the inspection round in the number \
                (YEAR-ROUND-SERIAL; default the setting orders.round, else 1). order N shows it with its history (N is the number \
                or its unique ending). order N ACTION moves it on: issue, plan, ack, report, verify [by NAME], return "why", \
                close [--recheck], withdraw "why", reopen "why", extend DATE "why", approve, deny "why", \
                escalate STEP "note" [doc "文号"] [target NAME], note "text". A step that is not allowed says which are. \
                Closing needs a verification by someone outside the department; --recheck re-runs the cited checks over the \
                months since issue and refuses while they still hit. Every change lands whole with a history row and an audit entry.
                """,
            run: { session, rest, position in
                try OrderCommand.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in
                switch (words.first, words.count) {
                case (nil, _): return .words(["issue", Completer.orderNumbersMarker])
                case ("issue", _): return .words(["to", "due", "in", "workdays", "for", "finding", "cc", "leader", "contact", "round", "--draft"])
                case (_, 1): return .words(OrderAction.allCases.map(\.rawValue))
                case (_, _) where words[1] == "escalate" && words.count == 2: return .words(EscalationLadder.vocabulary.keys.sorted())
                case (_, _) where words[1] == "close": return .words(["--recheck"])
                case (_, _) where words[1] == "verify": return .words(["by"])
                case (_, _) where words[1] == "escalate": return .words(["doc", "target"])
                default: return .words([])
                }
            }),
        ShellCommand(
            name: "orders", usage: "overdue | due within N workdays | summary | today | escalations | ladder [\"LADDER\"]",
            summary: "follow up orders: overdue, due soon, ageing and rates, today's reminders, escalations due, the ladder",
            details: """
                orders overdue and orders due within 5 workdays list open orders by working days left; orders summary counts \
                them by region with the completion rate (closed among issued) and the on-time rate (reports by the deadline), \
                and open orders by ageing; orders today lists what needs doing today (deadlines within three working days, \
                overdue orders, reports to verify, extensions to decide, escalations due); orders escalations lists what the \
                ladder calls for and why; orders ladder shows the ladder and orders ladder "inquiry: overdue 1, zero 1; \
                interview: overdue 10, repeat 2, zero 3; warning: overdue 20; accountability: overdue 40" sets it (steps \
                mildest first; triggers overdue N working days, repeat N-th overdue order of the department this year, zero N \
                consecutive months without a case). Anything else after orders is a query: orders | where status = issued.
                """,
            run: { session, rest, position in
                try OrdersViews.run(rest, at: position, in: session)
                return .proceed
            },
            shorthands: OrdersViews.words,
            arguments: { words in
                switch words.first {
                case "due": return .words(words.count == 1 ? ["within"] : words.count == 3 ? ["workdays"] : [])
                case "ladder": return .words([])
                default: return .words([])
                }
            }),
        ShellCommand(
            name: "audit", usage: "verify [HASH]", summary: "check the audit log's hash chain; name the first broken entry",
            details: """
                audit verify recomputes every entry's hash from its fields and the entry before it. An edited, deleted or \
                reordered entry breaks the chain from there: the first broken entry is named and the run ends with exit code 4. \
                It prints the last hash; noting it elsewhere and later running audit verify HASH proves no entry up to it was \
                cut off. `audit | ...` queries the log.
                """,
            run: { session, rest, position in
                try AuditCommand.run(rest, at: position, in: session)
                return .proceed
            },
            shorthands: ["verify"],
            arguments: { _ in .words([]) }),
        ShellCommand(
            name: "report", usage: ReportCommand.usage, summary: "draft the inspection bulletin (通报) or the rectification ledger, as Markdown or HTML",
            details: """
                report bulletin 2016-01..2016-04 [for 万源市] drafts the bulletin in the structure of the 2016 bulletin: basic \
                situation (cases by region and month, the online-run rate of items, departments that ran cases well), the main \
                problems (one part per check with hits, worst first, naming departments; the checks run over the period first \
                and keep their findings), and the requirements (the open rectification orders with deadlines, addressees and \
                copy-to lists, and the escalation ladder). Every figure cites ［n］, a query of the language listed in the \
                appendix. report orders [PERIOD] writes the rectification ledger: every order with status, deadline, working \
                days overdue, escalations, and the completion and on-time rates. --format md (the default, for editing) or \
                html (one self-contained file with inline SVG charts, for reading and printing; chosen too by a .html file \
                name); > FILE writes the file whole or not at all.
                """,
            run: { session, rest, position in
                try ReportCommand.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in
                switch (words.first, words.count) {
                case (nil, _): return .words(["bulletin", "orders"])
                case (_, _) where words.last == ">": return .words([Completer.filesMarker])
                case (_, _) where words.last == "--format": return .words(["html", "md"])
                case ("bulletin", _): return .words(["for", "--format", ">"])
                default: return .words(["--format", ">"])
                }
            }),
        ShellCommand(
            name: "calendar", usage: CalendarCommand.usage, summary: "the working-day calendar: years known, a year's holidays, counting working days, loading a year",
            details: """
                Working days follow the State Council's holiday notices, shipped for 2016–2026: Monday to Friday, except the \
                days off, plus the make-up working days (调休). calendar lists the years; calendar 2016 the year's days; \
                calendar add 2016-06-06 5 counts 5 working days on (the start day not counted: 2016-06-14); calendar import \
                FILE loads a later year from a JSON file in the holiday-cn layout (--replace replaces a known year). Deadlines \
                in years the calendar does not know are provisional.
                """,
            run: { session, rest, position in
                try CalendarCommand.run(rest, at: position, in: session)
                return .proceed
            },
            arguments: { words in
                switch (words.first, words.count) {
                case (nil, _): return .words(["add", "import"])
                case ("import", 1): return .words([Completer.filesMarker])
                case ("import", 2): return .words(["--replace"])
                default: return .words([])
                }
            }),
    ]
}
