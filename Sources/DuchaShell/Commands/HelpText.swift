import DuchaCore

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
            output.line("  fields: " + SchemaDescription.table(for: entity).columns.map(\.name).joined(separator: ", "))
            output.line("  .schema \(entity.rawValue) describes each field.")
            return
        }
        let known = DotCommand.all.map(\.name) + Entity.allCases.map(\.rawValue)
        throw invocation.error(0, "no help on '\(topic.text)'" + Suggestion.phrase(for: name, among: known)
            + (Suggestion.closest(to: name, among: known).isEmpty ? "; .help lists the topics" : ""))
    }
}
