import DuchaCore

/// Tab completion, fed by the same tables as dispatch and help: dot-command names,
/// their arguments, and source names (with their aliases, Chinese ones included).
public struct Completer {
    /// The candidates for the word that ends at the cursor.
    public struct Completion: Equatable, Sendable {
        /// The partial word being completed.
        public let word: String
        /// Full replacements for that word, sorted.
        public let candidates: [String]

        /// The longest text every candidate starts with.
        public var commonPrefix: String {
            guard var prefix = candidates.first else { return word }
            for candidate in candidates.dropFirst() {
                while !candidate.hasPrefix(prefix) { prefix.removeLast() }
            }
            return prefix
        }
    }

    /// Completes `line`, the text before the cursor.
    static func complete(_ line: String, in session: Session) -> Completion {
        let words = CommandWords(line).words
        let endsWithBlank = line.last.map { $0 == " " || $0 == "\t" } ?? true
        let current = endsWithBlank ? "" : (words.last?.text ?? "")
        let completedWords = endsWithBlank ? words : Array(words.dropLast())
        let pool: [String]
        if line.trimmingBlanks().hasPrefix(".") {
            if completedWords.isEmpty {
                let typed = current.hasPrefix(".") ? String(current.dropFirst()) : current
                let names = DotCommand.all.map { "." + $0.name }.filter { $0.hasPrefix("." + typed) }
                return Completion(word: current, candidates: names.sorted())
            }
            let name = String(completedWords[0].text.dropFirst())
            guard let command = DotCommand.named(name) else { return Completion(word: current, candidates: []) }
            pool = command.completions(session, completedWords.count - 1)
        } else if completedWords.isEmpty {
            pool = Entity.allCases.map(\.rawValue) + Entity.allCases.flatMap(\.aliases).filter { $0.unicodeScalars.contains { $0.value > 0x7F } }
                + DotCommand.all.map { "." + $0.name }
        } else {
            pool = []
        }
        let matches = Set(pool.filter { $0.hasPrefix(current) })
        return Completion(word: current, candidates: matches.sorted())
    }
}
