import DuchaCore

/// What a dot-command asks the input loop to do next.
enum DotOutcome {
    case proceed
    case quit
}

/// One dot-command: declared once, this entry feeds dispatch, `.help` and completion.
struct DotCommand: Sendable {
    /// The name without the dot.
    let name: String
    /// Other names accepted.
    let aliases: [String]
    /// The arguments, as help shows them.
    let usage: String
    /// One line for `.help`.
    let summary: String
    /// More text for `.help NAME`.
    let details: String
    /// Candidates for argument `index` (from 0), given the words so far.
    let completions: @Sendable (_ session: Session, _ index: Int) -> [String]
    /// Runs the command with its argument words.
    let run: @Sendable (_ session: Session, _ invocation: DotInvocation) throws -> DotOutcome
    /// Whether the command reads the rest of the line as it is (quotes included, even unclosed).
    var takesRawText = false

    /// `.name usage`.
    var synopsis: String { "." + name + (usage.isEmpty ? "" : " " + usage) }

    /// The command called `name` (or an alias of it).
    static func named(_ name: String) -> DotCommand? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Every dot-command, in the order `.help` lists them.
    static var all: [DotCommand] { DotCommand.table }
}

/// A dot-command as typed: its argument words, the raw text after the name, and where it is.
struct DotInvocation {
    /// The words after the command name.
    let arguments: [CommandWords.Word]
    /// Everything after the command name, untouched (for `.sql`).
    let rest: String
    /// Where the entry starts.
    let position: SourcePosition

    /// The place of argument `index`, or of the end of the line when it is missing.
    func place(ofArgument index: Int) -> SourcePosition {
        index < arguments.count ? position.advanced(by: arguments[index].offset) : position
    }

    /// An error about argument `index`, placed at it.
    func error(_ index: Int, _ message: String) -> ShellError {
        ShellError(.badArgument, message, at: place(ofArgument: index))
    }
}
