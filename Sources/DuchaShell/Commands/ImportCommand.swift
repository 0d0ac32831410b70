import DuchaCore

/// Dispatches `import xes ...` and `import undo ID`.
enum ImportCommand {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = try CommandWords.arguments(rest, at: position)
        guard let kind = words.first else {
            throw ShellError(.badArgument, "import needs what to do: import xes FILE, import csv KIND FILE, or import undo ID", at: position)
        }
        let command = "import" + rest
        let place = position.advanced(by: kind.offset)
        switch kind.text {
        case "xes":
            let options = try ImportOptions(Array(words.dropFirst()), at: position)
            try EventLogImport.run(options, command: command, at: place, in: session)
        case "csv":
            try CSVImport.run(Array(words.dropFirst()), command: command, at: position, in: session)
        case "undo":
            let arguments = words.dropFirst()
            guard arguments.count == 1, let word = arguments.first, let id = Int64(word.text), id > 0 else {
                throw ShellError(.badArgument, "import undo needs one import id, e.g. import undo 3; `imports` lists them",
                                 at: arguments.first.map { position.advanced(by: $0.offset) } ?? place)
            }
            try EventLogImport.undo(id, command: command, at: position.advanced(by: word.offset), in: session)
        default:
            throw ShellError(.badArgument, "unknown import kind '\(kind.text)'" + Suggestion.phrase(for: kind.text, among: ["xes", "csv", "undo"])
                + "; expected import xes FILE, import csv KIND FILE or import undo ID", at: place)
        }
    }
}
