import DuchaCore
import DuchaQuery

/// The text of `.help`, generated from the dot-command table and the sources.
enum HelpText {
    static func write(topic: CommandWords.Word?, invocation: DotInvocation, to output: TextOutput) throws {
        guard let topic else {
            output.line("Sources (type a name to list it):")
            let sourceWidth = Entity.allCases.map { $0.rawValue.displayWidth }.max() ?? 0
            for entity in Entity.allCases {
                output.line("  " + entity.rawValue.padded(toWidth: sourceWidth, alignment: .left) + "  " + entity.summary)
            }
            output.line()
            output.line("Queries: SOURCE | where COND | select EXPR [as NAME], ... | sort EXPR [desc], ... | take N")
            output.line("         | count [by EXPR, ...] | group by EXPR, ... aggregate count(), sum(x), ... | distinct | assert COND \"message\" | chart bar|line")
            output.line("  e.g. cases | where opened in 2016-01..2016-04 and dept.region = \"万源市\" | count by dept")
            output.line("  .help language lists the operators, literals and functions.")
            output.line()
            output.line("Commands:")
            // Long synopses take their own line, so the summaries stay in one readable column.
            let commandWidth = ShellCommand.table.map { $0.synopsis.displayWidth }.filter { $0 <= 32 }.max() ?? 0
            for command in ShellCommand.table {
                if command.synopsis.displayWidth > commandWidth {
                    output.line("  " + command.synopsis)
                    output.line("  " + String(repeating: " ", count: commandWidth) + "  " + command.summary)
                } else {
                    output.line("  " + command.synopsis.padded(toWidth: commandWidth, alignment: .left) + "  " + command.summary)
                }
            }
            output.line()
            output.line("Dot-commands:")
            let width = DotCommand.all.map { $0.synopsis.displayWidth }.max() ?? 0
            for command in DotCommand.all {
                output.line("  " + command.synopsis.padded(toWidth: width, alignment: .left) + "  " + command.summary)
            }
            output.line()
            output.line("An entry ends with its line; it goes on after a trailing \\, and a query also while a string, a parenthesis or a trailing | is open.")
            output.line(".help TOPIC explains a command or a source. Ctrl-C cancels, Ctrl-D leaves.")
            return
        }
        let name = topic.text.hasPrefix(".") ? String(topic.text.dropFirst()) : topic.text
        if name == "language" {
            for line in HelpText.language { output.line(line) }
            return
        }
        if let command = ShellCommand.named(name) {
            output.line(command.synopsis)
            output.line("  " + command.summary)
            output.line()
            output.line(command.details)
            return
        }
        if let command = DotCommand.named(name) {
            output.line(command.synopsis)
            output.line("  " + command.summary)
            if !command.aliases.isEmpty { output.line("  also: " + command.aliases.map { "." + $0 }.joined(separator: ", ")) }
            output.line()
            output.line(command.details)
            return
        }
        if let entity = Entity.named(name) {
            output.line(entity.rawValue + " — " + entity.summary)
            output.line("  also: " + entity.aliases.joined(separator: ", "))
            let source = QuerySchema.current.source(entity)
            output.line("  fields: " + SchemaDescription.table(for: entity).columns.filter { $0.references == nil }.map(\.name).joined(separator: ", "))
            let relations = source.relations.keys.sorted()
            if !relations.isEmpty { output.line("  relations (follow with a dot, compare by name): " + relations.joined(separator: ", ")) }
            let collections = source.collections.keys.sorted()
            if !collections.isEmpty { output.line("  counts: " + collections.map { "count(\($0))" }.joined(separator: ", ")) }
            output.line("  .schema \(entity.rawValue) describes each field.")
            return
        }
        let known = DotCommand.all.map(\.name) + Entity.allCases.map(\.rawValue) + ShellCommand.table.map(\.name) + ["language"]
        throw invocation.error(0, "no help on '\(topic.text)'" + Suggestion.phrase(for: name, among: known)
            + (Suggestion.closest(to: name, among: known).isEmpty ? "; .help lists the topics" : ""))
    }

    /// `.help language`: the language on one screen; docs/LANGUAGE.md has the rest.
    static let language = [
        "Stages:    where COND · select EXPR [as NAME], ... · sort EXPR [asc|desc], ... · take N · count [by EXPR, ...]",
        "           group by EXPR, ... aggregate count(), count(distinct x), sum(x), avg(x), min(x), max(x) · distinct",
        "           assert COND \"message\"  (a script run exits with 3 when a row fails it)",
        "Paths:     dept.region.name, step.operator.name; a relation compared with text compares its name: dept = \"市农业局\"",
        "Counts:    count(cases), cases(2016-01..2016-04)  (to-many relations, optionally within a period)",
        "Compare:   = != < <= > >=  ~ (contains)  in (a, b) / in 2016-01..2016-04  between a and b  is [not] null  and or not",
        "Literals:  \"text\" 12 3.5  2016-06-15 (a date)  2016-05 (a month)  2016-01..2016-04 (whole months)",
        "           7d 12h 30m 2w 3mo 1y (durations)  today  now  enum words: alarm, closed, clerk ...",
        "Times:     opened = 2016-05 means in May; opened <= 2016-04 means by the end of April; today - 7d is a date",
        "Functions: month(t) year(t) date(t) days(a, b) hours(a, b)",
        "explain QUERY shows the tree, the names, the SQL with its parameters and the plan.",
    ]
}
