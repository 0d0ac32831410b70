import DuchaCore

/// Completion for queries, from the grammar and the schema: sources at the start,
/// stages after `|`, the styles after `chart`, the fields of the rows after
/// `where`/`select`/`sort`/`by`, the words of an enumerated field after a comparison
/// with it, and stored names inside strings (or bare after `=`), matched by prefix or,
/// through `pinyin`, by what is typed in Latin letters.
public struct QueryCompleter {
    /// What to complete and with what.
    public struct Completion: Equatable, Sendable {
        /// The text before the cursor that the candidates replace.
        public let word: String
        /// Full replacements for `word`, sorted.
        public let candidates: [String]

        /// Makes a completion.
        public init(word: String, candidates: [String]) {
            self.word = word
            self.candidates = candidates
        }
    }

    /// The schema names are resolved against.
    public var schema: QuerySchema = .current
    /// Stored values, for names inside strings.
    public var values: (any ValueCatalog)?
    /// For a word typed in lower-case Latin letters, whether it names a stored name (by its
    /// pinyin): made once per word, then asked of each name that does not start with it.
    public var pinyin: ((_ typed: String) -> (_ name: String) -> Bool)?
    /// Words that may also start an entry (commands such as `explain`).
    public var commands: [String] = []

    /// Makes a completer.
    public init(schema: QuerySchema = .current, values: (any ValueCatalog)? = nil,
                pinyin: ((_ typed: String) -> (_ name: String) -> Bool)? = nil, commands: [String] = []) {
        self.schema = schema
        self.values = values
        self.pinyin = pinyin
        self.commands = commands
    }

    /// Words that may follow a complete value inside a condition.
    static let conditionWords = ["and", "or", "is", "in", "between", "not"]

    /// The candidates for the text before the cursor.
    public func complete(_ text: String) -> Completion {
        let tokens = Array(Lexer.tokens(text).dropLast())
        let endsInBlank = tokens.isEmpty || text.last.map { $0 == " " || $0 == "\t" || $0 == "\u{3000}" } == true
        // Inside an open string: stored names of the field it is compared with.
        if let last = tokens.last, last.kind == .unterminatedString {
            return quotedValues(typed: String(last.text), content: last.stringValue, before: Array(tokens.dropLast()))
        }
        let partial = !endsInBlank && tokens.last?.kind == .identifier ? tokens.last! : nil
        let word = partial.map { String($0.text) } ?? ""
        let before = partial == nil ? tokens : Array(tokens.dropLast())
        if !endsInBlank && partial == nil && tokens.last?.kind != .pipe && tokens.last?.kind != .openParenthesis
            && tokens.last?.kind != .dot && tokens.last?.kind != .comma {
            return Completion(word: "", candidates: [])
        }
        let pool = candidates(before: before, word: word)
        return Completion(word: word, candidates: filter(pool, by: word))
    }

    // MARK: Context

    private func candidates(before: [Token], word: String) -> [String] {
        guard let previous = before.last else {
            // Sources by name and by Chinese name (English singulars work but would crowd the list).
            return Entity.allCases.map(\.rawValue) + Entity.allCases.flatMap(\.aliases).filter { !$0.allSatisfy(\.isASCII) } + commands
        }
        let stage = currentStage(before)
        let scope = scopeNames(before)
        switch previous.kind {
        case .pipe:
            return Parser.stageKeywords
        case .dot:
            return names(afterDotIn: before)
        case .comma, .openParenthesis:
            let inList = comparedValues(before: before)
            if !inList.isEmpty { return inList }
            return scope + (stage == "select" || stage == "aggregate" ? Checker.functions : [])
        case .equal, .notEqual, .contains:
            return comparedValues(before: before) + ["today", "now"]
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return ["today", "now"] + scope
        case .identifier:
            let keyword = Checker.normalized(previous.text)
            if before.count == 1 { return [] }
            switch keyword {
            case "where", "and", "or", "not", "by", "sort", "assert", "between":
                return scope
            case "select", "aggregate":
                return scope + Checker.functions
            case "in":
                return comparedValues(before: before)
            case "is":
                return ["null", "not"]
            case "group":
                return ["by"]
            case "count":
                return stage == "count" ? ["by"] : []
            case "chart":
                return stage == "chart" ? Parser.chartStyles : []
            default:
                switch stage {
                case "sort": return ["asc", "desc"]
                case "select": return ["as"]
                case "where", "assert": return QueryCompleter.conditionWords
                case "group": return ["aggregate"]
                default: return []
                }
            }
        case .closeParenthesis, .string, .number, .date, .month, .duration:
            return stage == "where" || stage == "assert" ? QueryCompleter.conditionWords : (stage == "sort" ? ["asc", "desc"] : [])
        default:
            return []
        }
    }

    /// The keyword of the stage the cursor is in (`where`, `select` ...), "" before any.
    private func currentStage(_ tokens: [Token]) -> String {
        guard let pipe = tokens.lastIndex(where: { $0.kind == .pipe }), pipe + 1 < tokens.count else { return "" }
        let keyword = Checker.normalized(tokens[pipe + 1].text)
        if keyword == "group", tokens[(pipe + 1)...].contains(where: { Checker.normalized($0.text) == "aggregate" }) { return "aggregate" }
        return keyword
    }

    /// The table the rows come from, when no stage has reshaped them.
    private func sourceTable(_ tokens: [Token]) -> String? {
        guard let first = tokens.first, first.kind == .identifier else { return nil }
        return Entity.named(String(first.text))?.rawValue
    }

    /// The names in scope at the cursor: the source's fields and relations, or the
    /// columns an earlier select/count/group produced.
    private func scopeNames(_ tokens: [Token]) -> [String] {
        guard let table = sourceTable(tokens) else { return [] }
        let pipes = tokens.indices.filter { tokens[$0].kind == .pipe }
        let shaped = pipes.dropLast().contains { index in
            index + 1 < tokens.count && ["select", "count", "group"].contains(Checker.normalized(tokens[index + 1].text))
        }
        guard shaped, let lastPipe = pipes.last else {
            return schema.sources[table]?.names ?? []
        }
        let prefix = tokens[..<lastPipe].map { String($0.leadingTrivia) + $0.text }.joined()
        let context = QueryContext(today: CivilDate(year: 2000, month: 1, day: 1)!, now: Instant(millisecondsSinceEpoch: 0))
        return Compiler.compile(prefix, schema: schema, context: context).query?.select.columns.map(\.alias).filter { !$0.hasPrefix("sort ") } ?? []
    }

    /// The names after `a.b.`: those of the row the path leads to.
    private func names(afterDotIn tokens: [Token]) -> [String] {
        guard let table = sourceTable(tokens) else { return [] }
        var path: [String] = []
        var index = tokens.count - 2
        while index >= 0, tokens[index].kind == .identifier {
            path.insert(Checker.normalized(tokens[index].text), at: 0)
            guard index >= 1, tokens[index - 1].kind == .dot else { break }
            index -= 2
        }
        guard case .success(.relation(_, let relation)) = schema.resolve(path, from: table) else { return [] }
        return schema.sources[relation.target]?.names ?? []
    }

    // MARK: Values

    /// The field a comparison's left side names, resolved from the source; `tokens`
    /// end with the comparison (`dept =`, `level in (alarm,`).
    private func comparedField(before tokens: [Token]) -> (words: [String]?, stored: (String, String)?) {
        guard let table = sourceTable(tokens) else { return (nil, nil) }
        var end: Int
        if let open = tokens.lastIndex(where: { $0.kind == .openParenthesis }), open > 0,
           Checker.normalized(tokens[open - 1].text) == "in", !tokens[open...].contains(where: { $0.kind == .closeParenthesis }) {
            end = open - 1
        } else if let last = tokens.last,
                  Checker.normalized(last.text) == "in" || [.equal, .notEqual, .contains].contains(last.kind) {
            end = tokens.count - 1
        } else {
            return (nil, nil)
        }
        var path: [String] = []
        var index = end - 1
        while index >= 0, tokens[index].kind == .identifier {
            path.insert(Checker.normalized(tokens[index].text), at: 0)
            guard index >= 1, tokens[index - 1].kind == .dot else { break }
            index -= 2
        }
        guard !path.isEmpty else { return (nil, nil) }
        switch schema.resolve(path, from: table) {
        case .success(.field(let through, let field)):
            if let words = field.values { return (words, nil) }
            if field.name == "name" || field.name == "code" { return (nil, (through.last?.target ?? table, field.column)) }
        case .success(.relation(_, let relation)):
            if let label = SchemaDescription.table(named: relation.target)?.labelColumn { return (nil, (relation.target, label)) }
        default: break
        }
        return (nil, nil)
    }

    /// Words of an enumerated field, or stored names (quoted), after `=` or `in`.
    private func comparedValues(before tokens: [Token]) -> [String] {
        let field = comparedField(before: tokens)
        if let words = field.words { return words }
        if let (table, column) = field.stored { return (values?.values(in: table, column: column) ?? []).map { "\"" + $0 + "\"" } }
        return []
    }

    private func quotedValues(typed: String, content: String, before: [Token]) -> Completion {
        let field = comparedField(before: before)
        let open = typed.first.map(String.init) ?? "\""
        let close = open == "“" ? "”" : open
        let pool: [String]
        if let words = field.words {
            pool = words
        } else if let (table, column) = field.stored {
            pool = values?.values(in: table, column: column) ?? []
        } else {
            pool = []
        }
        return Completion(word: typed, candidates: filter(pool, by: content).map { open + $0 + close })
    }

    // MARK: Matching

    /// The names that start with `word`, or that `pinyin` says it names. Typed
    /// ASCII and Chinese are compared byte for byte (they have one Unicode form, and SQLite's
    /// `=` compares bytes too), which keeps a pool of 21,000 operators quick; typed text with
    /// letters that have several forms (é, or é written as e and a mark) is compared as
    /// Swift compares text.
    private func filter(_ pool: [String], by word: String) -> [String] {
        let bare = word.hasPrefix("\"") ? String(word.dropFirst()) : word
        let oneForm = word.unicodeScalars.allSatisfy {
            $0.isASCII || (0x2000...0x206F).contains($0.value) || (0x2E80...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
        }
        func starts(_ name: String, with prefix: String) -> Bool {
            oneForm ? name.utf8.starts(with: prefix.utf8) : name.hasPrefix(prefix)
        }
        // Marks by position: hashing each of thousands of Chinese names into a set costs
        // more than matching them.
        var matched = pool.map { starts($0, with: word) || (!bare.isEmpty && starts(unquoted($0), with: bare)) }
        if let pinyin, !bare.isEmpty, bare.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let names = pinyin(bare.lowercased())
            for (index, name) in pool.enumerated() where !matched[index] && !name.utf8.allSatisfy({ $0 < 0x80 }) {
                matched[index] = names(unquoted(name))
            }
        }
        return Set(pool.indices.lazy.filter { matched[$0] }.map { pool[$0] }).sorted()
    }

    private func unquoted(_ name: String) -> String {
        let bytes = name.utf8
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return name }
        return String(Substring(bytes.dropFirst().dropLast()))
    }
}
