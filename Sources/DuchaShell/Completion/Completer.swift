import DuchaCore
import DuchaQuery

/// Tab completion, fed by the same tables as dispatch and help: dot-command names and
/// their arguments from the dot-command table; queries from the language's completer
/// (sources, stages, fields, enum words, stored names by prefix or pinyin).
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

    /// Stands, in a pool of candidates, for the file names that complete the word.
    static let filesMarker = "\u{0}files"
    /// Stands, in a pool of candidates, for the case numbers that complete the word.
    static let caseNumbersMarker = "\u{0}cases"
    /// Stands for the order numbers that complete the word.
    static let orderNumbersMarker = "\u{0}orders"

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
        } else if let first = completedWords.first, let command = ShellCommand.named(first.text), !command.shorthands.isEmpty,
                  completedWords.count == 1 || !command.shorthands.contains(completedWords[1].text) {
            // `orders` starts a query or one of its shorthands.
            let query = queryCompletion(line, in: session)
            guard completedWords.count == 1 else { return query }
            return Completion(word: current, candidates: Array(Set(query.candidates + command.shorthands.filter { $0.hasPrefix(current) })).sorted())
        } else if let first = completedWords.first, let command = ShellCommand.named(first.text) {
            switch command.arguments(completedWords.dropFirst().map(\.text)) {
            case .words(let words):
                pool = words
            case .query(let after):
                guard after > 0 else { return queryCompletion(line, in: session) }
                let start = words.count > after + 1 ? words[after + 1].offset : line.count
                return queryCompletion(String(line.dropFirst(start)), in: session, offerCommands: false)
            }
        } else {
            return queryCompletion(line, in: session)
        }
        var candidates = Set(pool.filter { $0 != filesMarker && $0 != caseNumbersMarker && $0 != orderNumbersMarker && $0.hasPrefix(current) })
        if pool.contains(orderNumbersMarker), let numbers = try? session.store.orderNumbers() {
            candidates.formUnion(numbers.filter { $0.hasPrefix(current) })
        }
        if pool.contains(caseNumbersMarker), let numbers = try? session.store.caseNumbers(startingWith: current, limit: 200) {
            candidates.formUnion(numbers)
        }
        if pool.contains(filesMarker) {
            for path in session.files.completions(of: current) {
                candidates.insert(path.contains(" ") ? "\"" + path + (path.hasSuffix("/") ? "" : "\"") : path)
            }
        }
        return Completion(word: current, candidates: candidates.sorted())
    }

    /// Completes a query (or a command followed by a query, such as `explain`).
    private static func queryCompletion(_ line: String, in session: Session, offerCommands: Bool = true) -> Completion {
        var text = line
        if let first = Lexer.tokens(line).first, first.kind == .identifier, ShellCommand.named(String(first.text))?.shorthands.isEmpty == true,
           line.count > first.text.count {
            text = String(line[first.text.endIndex...]).drop { $0 == " " || $0 == "\t" }.description
        }
        let completer = QueryCompleter(values: session.values,
                                       pinyin: { PinyinMatcher(typed: $0).matches },
                                       commands: offerCommands ? ShellCommand.table.map(\.name) : [])
        let completion = completer.complete(text)
        var candidates = completion.candidates
        if text == line, Lexer.tokens(line).count <= 2, !line.contains(" ") {
            candidates += DotCommand.all.map { "." + $0.name }.filter { $0.hasPrefix(completion.word) && !completion.word.isEmpty || completion.word.isEmpty }
        }
        return Completion(word: completion.word, candidates: Array(Set(candidates)).sorted())
    }
}
