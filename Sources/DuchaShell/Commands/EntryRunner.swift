import DuchaCore
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

/// Runs entries: dot-commands through their table, source names as listings.
enum EntryRunner {
    static func run(_ entry: Entry, in session: Session) throws -> DotOutcome {
        let leading = entry.text.prefix { $0 == " " || $0 == "\t" }.count
        let text = String(entry.text.dropFirst(leading))
        let position = entry.position.advanced(by: leading)
        if text.hasPrefix(".") { return try runDotCommand(text, at: position, in: session) }
        let words = CommandWords(text).words
        guard let first = words.first else { return .proceed }
        guard let entity = Entity.named(first.text) else {
            let known = Entity.allCases.flatMap { [$0.rawValue] + $0.aliases }
            throw ShellError(.unknownCommand, "unknown source or command '\(first.text)'" + Suggestion.phrase(for: first.text, among: known)
                + "; .help lists what there is", at: position.advanced(by: first.offset))
        }
        if words.count > 1 {
            throw ShellError(.unknownCommand, "only a plain listing of '\(entity.rawValue)' is available; for filters and counts use .sql SELECT ...",
                             at: position.advanced(by: words[1].offset))
        }
        do {
            try session.show(Store.listing(of: entity))
        } catch let error as StoreError {
            throw ShellError(error).placed(at: position)
        }
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
        let rest = String(text[nameEnd...])
        let words = CommandWords(rest)
        let restOffset = text.distance(from: text.startIndex, to: nameEnd)
        if let open = words.unterminatedQuoteOffset {
            throw ShellError(.badArgument, "unterminated string; close it with \"", at: position.advanced(by: restOffset + open))
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
