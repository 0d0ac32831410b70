import DuchaCore
import DuchaQuery
import DuchaStore

/// One complete entry (a dot-command or a query), with the place it starts.
public struct Entry: Sendable, Equatable {
    /// The entry's text, continuation lines joined.
    public let text: String
    /// Where its first character is.
    public let position: SourcePosition

    /// Makes an entry.
    public init(text: String, position: SourcePosition) {
        self.text = text
        self.position = position
    }
}

/// Runs entries: dot-commands and commands through their tables, everything else as a query.
enum EntryRunner {
    static func run(_ entry: Entry, in session: Session) throws -> DotOutcome {
        let leading = entry.text.prefix { $0 == " " || $0 == "\t" }.count
        let text = String(entry.text.dropFirst(leading))
        let position = entry.position.advanced(by: leading)
        if text.hasPrefix(".") { return try runDotCommand(text, at: position, in: session) }
        let first = Lexer.firstToken(text)
        guard first.kind != .end else { return .proceed }
        let firstOffset = text.distance(from: text.startIndex, to: first.text.startIndex)
        let restOffset = firstOffset + first.text.count
        if first.kind == .identifier, let command = ShellCommand.named(String(first.text), claiming: String(text.dropFirst(restOffset))) {
            if session.checkOnly && command.name != "explain" { return .proceed }
            return try command.run(session, String(text.dropFirst(restOffset)), position.advanced(by: restOffset, in: text))
        }
        guard first.kind != .identifier || Entity.named(String(first.text)) != nil else {
            let known = Entity.allCases.flatMap { [$0.rawValue] + $0.aliases } + ShellCommand.table.map(\.name)
            throw ShellError(.unknownCommand, "unknown source or command '\(first.text)'" + Suggestion.phrase(for: String(first.text), among: known)
                + "; .help lists what there is", at: position.advanced(by: firstOffset, in: text))
        }
        try QueryRunner.run(text, at: position, in: session)
        return .proceed
    }

    private static func runDotCommand(_ text: String, at position: SourcePosition, in session: Session) throws -> DotOutcome {
        let nameEnd = text.firstIndex { $0 == " " || $0 == "\t" } ?? text.endIndex
        let name = String(text[text.index(after: text.startIndex)..<nameEnd])
        guard let command = DotCommand.named(name) else {
            let names = DotCommand.all.flatMap { [$0.name] + $0.aliases }
            throw ShellError(.unknownDotCommand, "unknown command '.\(name)'" + Suggestion.phrase(for: name, among: names).replacingDots()
                + "; .help lists the commands", at: position)
        }
        // `--check` checks what scripts say and runs nothing; `.read` is followed to check its script too.
        if session.checkOnly && command.name != "read" { return .proceed }
        let rest = String(text[nameEnd...])
        let words = CommandWords(rest)
        let restOffset = text.distance(from: text.startIndex, to: nameEnd)
        if let open = words.unterminatedQuoteOffset, !command.takesRawText {
            throw ShellError(.badArgument, words.unterminatedMessage, at: position.advanced(by: restOffset + open))
        }
        let shifted = words.words.map { CommandWords.Word(text: $0.text, offset: $0.offset + restOffset) }
        return try command.run(session, DotInvocation(arguments: shifted, rest: rest, position: position))
    }
}

private extension String {
    /// Suggestions of dot-command names are shown with their dot.
    func replacingDots() -> String {
        replacingQuotedNames { "." + $0 }
    }

    func replacingQuotedNames(_ transform: (String) -> String) -> String {
        var result = ""
        var inside = false
        var name = ""
        for character in self {
            if character == "'" {
                if inside { result += transform(name); name = "" }
                inside.toggle()
                result.append(character)
            } else if inside {
                name.append(character)
            } else {
                result.append(character)
            }
        }
        return result
    }
}
