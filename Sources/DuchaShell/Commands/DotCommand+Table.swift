import DuchaCore
import DuchaStore

extension DotCommand {
    private static let nothing: @Sendable (Session, Int) -> [String] = { _, _ in [] }
    /// Candidates for a file argument come from the file system (see `Completer`).
    private static let files: @Sendable (Session, Int) -> [String] = { _, _ in [Completer.filesMarker] }

    static let table: [DotCommand] = [
        DotCommand(
            name: "help", aliases: [], usage: "[TOPIC]", summary: "list commands and sources, or explain one",
            details: "Without a topic, lists every dot-command and source. With one, explains that command (.help mode) or source (.help cases).",
            completions: { _, index in index == 0 ? DotCommand.table.map(\.name) + Entity.allCases.map(\.rawValue) : [] },
            run: { session, invocation in
                try HelpText.write(topic: invocation.arguments.first, invocation: invocation, to: session.output)
                return .proceed
            }),
        DotCommand(
            name: "quit", aliases: ["exit", "q"], usage: "", summary: "leave the shell (Ctrl-D does too)",
            details: "Ends the session, also from inside a script run with .read or the startup file. History is already saved after every entry.",
            completions: nothing,
            run: { _, _ in .quit }),
        setting(
            name: "mode", usage: "[" + OutputMode.allCases.map(\.rawValue).joined(separator: "|") + "]",
            summary: "show or set the output mode",
            details: OutputMode.allCases.map { "  \($0.rawValue.padded(toWidth: 9, alignment: .left)) \($0.summary)" }.joined(separator: "\n"),
            choices: OutputMode.allCases.map(\.rawValue),
            current: { $0.mode.rawValue },
            assign: { session, word, invocation in
                guard let mode = OutputMode(rawValue: word.text) else {
                    throw invocation.error(0, "unknown mode '\(word.text)'" + Suggestion.phrase(for: word.text, among: OutputMode.allCases.map(\.rawValue))
                        + "; expected one of " + OutputMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                session.mode = mode
            }),
        setting(
            name: "timer", usage: "[on|off]", summary: "show how long each entry takes",
            details: "With on, every entry is followed by its wall-clock time.",
            choices: ["on", "off"],
            current: { $0.timer ? "on" : "off" },
            assign: { session, _, invocation in session.timer = try invocation.onOff(0) }),
        DotCommand(
            name: "output", aliases: [], usage: "[FILE]", summary: "send results to FILE, or back to the screen",
            details: "Results go to FILE (created or truncated) until .output with no file. Errors still go to the screen.",
            completions: files,
            run: { session, invocation in
                try invocation.expectAtMost(1)
                guard let word = invocation.arguments.first else {
                    session.redirect(to: session.standardOutput)
                    return .proceed
                }
                do {
                    session.redirect(to: try TextOutput.file(word.text))
                } catch let error as ShellError {
                    throw error.placed(at: invocation.place(ofArgument: 0))
                }
                return .proceed
            }),
        DotCommand(
            name: "read", aliases: [], usage: "FILE", summary: "run the entries of a script file",
            details: "Runs FILE line by line as if typed; errors name FILE:LINE:COL. Scripts may .read others, up to 16 deep.",
            completions: files,
            run: { session, invocation in
                guard let word = invocation.arguments.first else {
                    throw invocation.error(0, ".read needs a file name: .read FILE")
                }
                try invocation.expectAtMost(1)
                return try InputLoop.runScript(path: word.text, in: session, at: invocation.place(ofArgument: 0))
            }),
        DotCommand(
            name: "schema", aliases: [], usage: "[SOURCE]", summary: "describe the sources and their fields",
            details: "Without a source, lists every source with its row count. With one, lists its fields: name, kind, what it holds.",
            completions: { _, index in index == 0 ? Entity.allCases.map(\.rawValue) + ["workflow_steps", "labels", "settings"] : [] },
            run: { session, invocation in
                try invocation.expectAtMost(1)
                try SchemaListing.show(invocation.arguments.first, invocation: invocation, in: session)
                return .proceed
            }),
        DotCommand(
            name: "tables", aliases: ["sources"], usage: "", summary: "list the sources with their row counts",
            details: "The same as .schema without an argument.",
            completions: nothing,
            run: { session, invocation in
                try invocation.expectAtMost(0)
                try SchemaListing.show(nil, invocation: invocation, in: session)
                return .proceed
            }),
        setting(
            name: "today", usage: "[DATE|off]", summary: "show or fix the date that 'today' means",
            details: "Relative dates (today, now, due within ...) use this date. Default: --today, else the database's story date, else the system clock in Asia/Shanghai. 'off' returns to the default.",
            choices: ["off"],
            current: { "\($0.today) (\($0.todaySource))" },
            assign: { session, word, invocation in
                if word.text == "off" {
                    session.todayOverride = nil
                } else if let date = CivilDate(word.text) {
                    session.todayOverride = date
                } else {
                    throw invocation.error(0, "'\(word.text)' is not a date; write YYYY-MM-DD, e.g. .today 2016-05-20, or .today off")
                }
            }),
        setting(
            name: "as", usage: "[NAME]", summary: "show or set who is recorded in the audit log and order history",
            details: "Changes (orders, findings, settings, imports) are recorded under this name. Default: --as NAME, else $DUCHA_ACTOR, else the login name. Put .as NAME in the startup file to set it for every session.",
            choices: [],
            current: { $0.actor },
            assign: { session, word, invocation in
                let name = word.text.trimmingBlanks()
                guard !name.isEmpty, name.count <= 64 else {
                    throw invocation.error(0, "write a name of 1 to 64 characters, e.g. .as 王督查")
                }
                session.actor = name
            }),
        setting(
            name: "maxrows", usage: "[N]", summary: "rows a table shows on the terminal before it elides the middle",
            details: "On a terminal, results longer than N rows show their first and last rows and a count. 0 shows all. Files and pipes always get every row.",
            choices: [],
            current: { $0.maxRows.map(String.init) ?? "0 (all)" },
            assign: { session, word, invocation in
                guard let number = Int(word.text), number >= 0 else {
                    throw invocation.error(0, "'\(word.text)' is not a row count; write a whole number such as 40, or 0 for all rows")
                }
                session.maxRows = number == 0 ? nil : number
            }),
        setting(
            name: "nullvalue", usage: "[TEXT]", summary: "text shown for NULL (default NULL)",
            details: "Sets what human-readable modes print for a missing value. CSV leaves the field empty and JSON writes null whatever this says.",
            choices: [],
            current: { $0.nullText },
            assign: { session, word, _ in session.nullText = word.text }),
        DotCommand(
            name: "sql", aliases: [], usage: "STATEMENT", summary: "run read-only SQL on the store (for power users)",
            details: "Runs one SELECT (or WITH, or a read-only PRAGMA) as written. Any statement that would change the database is refused. Times are stored as milliseconds since 1970 UTC: datetime(opened/1000, 'unixepoch', '+8 hours') shows local time.",
            completions: nothing,
            run: { session, invocation in
                let sql = invocation.rest.trimmingBlanks()
                guard !sql.isEmpty else { throw invocation.error(0, ".sql needs a statement, e.g. .sql SELECT count(*) FROM cases") }
                do {
                    try session.showRawSQL(sql)
                } catch let error as StoreError {
                    throw ShellError(error).placed(at: invocation.place(ofArgument: 0))
                }
                return .proceed
            }, takesRawText: true),
        DotCommand(
            name: "complete", aliases: [], usage: "TEXT", summary: "list what Tab would offer after TEXT",
            details: "Prints, one per line, the completions Tab offers at the end of TEXT (spaces after .complete are skipped; end TEXT with a space to complete a new word). For scripts and editor integrations.",
            completions: nothing,
            run: { session, invocation in
                let text = String(invocation.rest.drop { $0 == " " || $0 == "\t" })
                for candidate in Completer.complete(text, in: session).candidates { session.output.line(candidate) }
                return .proceed
            }, takesRawText: true),
    ]
}

extension DotCommand {
    /// A command that shows a session setting without an argument and sets it with one:
    /// `.NAME` prints `NAME: value`, `.NAME VALUE` hands the word to `assign`.
    static func setting(name: String, usage: String, summary: String, details: String, choices: [String],
                        current: @escaping @Sendable (Session) -> String,
                        assign: @escaping @Sendable (Session, CommandWords.Word, DotInvocation) throws -> Void) -> DotCommand {
        DotCommand(
            name: name, aliases: [], usage: usage, summary: summary, details: details,
            completions: { _, index in index == 0 ? choices : [] },
            run: { session, invocation in
                guard let word = invocation.arguments.first else {
                    session.output.line("\(name): \(current(session))")
                    return .proceed
                }
                try invocation.expectAtMost(1)
                try assign(session, word, invocation)
                return .proceed
            })
    }
}

extension DotInvocation {
    /// Refuses extra arguments, pointing at the first one too many.
    func expectAtMost(_ count: Int) throws {
        if arguments.count > count {
            throw error(count, "unexpected '\(arguments[count].text)'; this command takes at most \(count) argument\(count == 1 ? "" : "s")")
        }
    }

    /// Reads argument `index` as on or off.
    func onOff(_ index: Int) throws -> Bool {
        switch arguments[index].text {
        case "on", "yes", "1": return true
        case "off", "no", "0": return false
        default: throw error(index, "expected on or off, not '\(arguments[index].text)'")
        }
    }
}
