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
    /// More text for `.help NAME`.
    let details: String
    /// Runs the command on the text after its name, which starts at `position`.
    let run: @Sendable (_ session: Session, _ rest: String, _ position: SourcePosition) throws -> DotOutcome

    /// `name usage`.
    var synopsis: String { name + (usage.isEmpty ? "" : " " + usage) }

    /// The command called `name`.
    static func named(_ name: String) -> ShellCommand? {
        table.first { $0.name == name }
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
    ]
}
