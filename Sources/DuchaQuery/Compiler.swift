import DuchaCore

/// The language's compiler as a table of pure stages: text → tokens → syntax tree →
/// checked query (names resolved, SQL tree built) → SQL text with bound parameters.
/// Each stage has a text dump, and `explain` shows them.
public enum Compiler {
    /// What compiling one query produced, stage by stage.
    public struct Compilation: Sendable {
        /// The tokens, trivia kept.
        public let tokens: [Token]
        /// The syntax tree.
        public let pipeline: Pipeline
        /// The checked query; nil when there are diagnostics.
        public let query: CheckedQuery?
        /// Every problem found, in text order.
        public let diagnostics: [Diagnostic]

        /// The SQL statement, when the query checked.
        public var statement: SQLStatement? { query?.statement }
    }

    /// Compiles `text`. Parsing and checking both run, so a query with several mistakes
    /// gets all of them reported at once.
    public static func compile(_ text: String, schema: QuerySchema = .current, context: QueryContext) -> Compilation {
        let tokens = Lexer.tokens(text)
        let offsets = CharacterOffsets(text)
        let (pipeline, syntaxDiagnostics) = Parser.parse(text, tokens: tokens, offsets: offsets)
        // A query past the parser's limits is not checked: its tree was cut short.
        if syntaxDiagnostics.contains(where: { $0.id == "too-complex" || $0.id == "too-long" }) {
            return Compilation(tokens: tokens, pipeline: pipeline, query: nil, diagnostics: syntaxDiagnostics)
        }
        let (query, checkDiagnostics) = Checker.check(pipeline, text: text, offsets: offsets, schema: schema, context: context)
        var diagnostics = syntaxDiagnostics
        for diagnostic in checkDiagnostics where !diagnostics.contains(where: { $0.range.overlaps(diagnostic.range) || $0.range == diagnostic.range }) {
            diagnostics.append(diagnostic)
        }
        diagnostics.sort { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        return Compilation(tokens: tokens, pipeline: pipeline, query: diagnostics.isEmpty ? query : nil, diagnostics: diagnostics)
    }
}
