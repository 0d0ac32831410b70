import DuchaCore

/// Turns query text into a `Pipeline`. It never throws and always ends: a missing part
/// becomes `.missing`, an unexpected token is skipped, and each problem is reported as a
/// diagnostic at its place, several per query.
public struct Parser {
    /// The stage keywords, for diagnostics and completion.
    public static let stageKeywords = ["where", "select", "sort", "take", "count", "group", "distinct", "assert", "chart"]
    /// The charts `chart` draws, for diagnostics and completion.
    public static let chartStyles = ["bar", "line"]
    /// Charts a person may ask for that a terminal draws as another: `chart pie` is
    /// best read as bars, an area as a line.
    static let chartLookalikes = ["pie": "bar", "donut": "bar", "column": "bar", "columns": "bar", "histogram": "bar",
                                  "bars": "bar", "area": "line", "lines": "line", "sparkline": "line", "trend": "line"]

    private let text: String
    private let tokens: [Token]
    private let offsets: CharacterOffsets
    /// Parentheses, calls and prefix operators open now, and binary operators so far:
    /// both are bounded so that a hostile query cannot exhaust the stack of the passes
    /// that walk the tree.
    private var nesting = 0
    private var operators = 0
    private var tooComplex = false
    static let nestingLimit = 32
    static let operatorLimit = 128
    static let listLimit = 10_000
    private var position = 0
    private var diagnostics: [Diagnostic] = []

    private init(_ text: String, tokens: [Token], offsets: CharacterOffsets) {
        self.text = text
        self.tokens = tokens
        self.offsets = offsets
    }

    /// Parses `text` into a pipeline and the problems found in it.
    public static func parse(_ text: String) -> (pipeline: Pipeline, diagnostics: [Diagnostic]) {
        parse(text, tokens: Lexer.tokens(text), offsets: CharacterOffsets(text))
    }

    /// Parses `text`, whose tokens the lexer has already made and whose character offsets
    /// are counted (the checker uses the same).
    static func parse(_ text: String, tokens: [Token], offsets: CharacterOffsets) -> (pipeline: Pipeline, diagnostics: [Diagnostic]) {
        var parser = Parser(text, tokens: tokens, offsets: offsets)
        let pipeline = parser.parsePipeline()
        return (pipeline, parser.diagnostics)
    }

    // MARK: Pipeline and stages

    private mutating func parsePipeline() -> Pipeline {
        var source: Token?
        if current.kind == .identifier {
            source = advance()
        } else {
            report("expected-source", "a query starts with a source, such as cases or departments", at: current)
        }
        var stages: [Stage] = []
        while current.kind != .end {
            guard current.kind == .pipe else {
                if current.kind == .unknown {
                    report("unexpected-character", "unexpected character '\(current.text)'", at: current)
                } else {
                    report("expected-pipe", "expected | before the next stage, or the end of the query", at: current)
                }
                skip { $0 == .pipe }
                continue
            }
            advance()
            stages.append(parseStage())
        }
        return Pipeline(source: source, stages: stages)
    }

    private mutating func parseStage() -> Stage {
        guard current.kind == .identifier else {
            let keyword = current
            report("expected-stage", "expected a stage after |: " + Parser.stageKeywords.joined(separator: ", "), at: current)
            if current.kind != .pipe && current.kind != .end { advance() }
            return Stage(keyword: keyword, kind: .unknown)
        }
        let keyword = advance()
        switch keyword.text.lowercased() {
        case "where": return Stage(keyword: keyword, kind: .filter(parseExpression()))
        case "select": return Stage(keyword: keyword, kind: .select(parseList { $0.parseProjection() }))
        case "sort": return Stage(keyword: keyword, kind: .sort(parseList { $0.parseSortKey() }))
        case "take": return Stage(keyword: keyword, kind: .take(parseExpression()))
        case "distinct": return Stage(keyword: keyword, kind: .distinct)
        case "count":
            guard isKeyword("by") else { return Stage(keyword: keyword, kind: .count(by: [])) }
            advance()
            return Stage(keyword: keyword, kind: .count(by: parseList { $0.parseExpression() }))
        case "group":
            expectKeyword("by", "group needs by: group by FIELD aggregate sum(x)")
            let keys = parseList { $0.parseExpression() }
            expectKeyword("aggregate", "after group by ..., write aggregate count(), sum(x), avg(x), min(x) or max(x)")
            return Stage(keyword: keyword, kind: .group(by: keys, aggregates: parseList { $0.parseProjection() }))
        case "assert":
            let condition = parseExpression()
            var message: Token?
            if current.kind == .string { message = advance() }
            return Stage(keyword: keyword, kind: .assertion(condition, message: message))
        case "chart":
            return Stage(keyword: keyword, kind: .chart(style: parseChartStyle()))
        default:
            let suggestion = Suggestion.phrase(for: String(keyword.text), among: Parser.stageKeywords)
            report("unknown-stage", "unknown stage '\(keyword.text)'\(suggestion); the stages are " + Parser.stageKeywords.joined(separator: ", "), at: keyword)
            skip { $0 == .pipe }
            return Stage(keyword: keyword, kind: .unknown)
        }
    }

    /// The word after `chart`: `bar` or `line`; a missing or unknown one is reported here.
    private mutating func parseChartStyle() -> Token? {
        let styles = Parser.chartStyles.joined(separator: " or chart ")
        guard current.kind == .identifier else {
            report("expected-chart", "chart needs a style: chart \(styles)", at: current)
            return nil
        }
        let style = advance()
        let word = style.text.lowercased()
        guard !Parser.chartStyles.contains(word) else { return style }
        let suggestion = Parser.chartLookalikes[word].map { " (did you mean '\($0)'?)" }
            ?? Suggestion.phrase(for: String(style.text), among: Parser.chartStyles)
        report("unknown-chart", "unknown chart '\(style.text)'\(suggestion); a terminal draws chart \(styles)", at: style)
        return style
    }

    private mutating func parseProjection() -> Projection {
        let expression = parseExpression()
        guard isKeyword("as") else { return Projection(expression: expression, alias: nil) }
        advance()
        guard current.kind == .identifier else {
            report("expected-name", "expected a name after as", at: current)
            return Projection(expression: expression, alias: nil)
        }
        return Projection(expression: expression, alias: advance())
    }

    private mutating func parseSortKey() -> SortKey {
        let expression = parseExpression()
        if isKeyword("desc") {
            advance()
            return SortKey(expression: expression, descending: true)
        }
        if isKeyword("asc") { advance() }
        return SortKey(expression: expression, descending: false)
    }

    private mutating func parseList<T>(_ element: (inout Parser) -> T) -> [T] {
        var items = [element(&self)]
        while current.kind == .comma {
            advance()
            items.append(element(&self))
        }
        return items
    }

    // MARK: Expressions, lowest precedence first

    /// Parses one expression.
    mutating func parseExpression() -> Expression {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Parser.nestingLimit else { return giveUp() }
        return parseOr()
    }

    /// Counts an operator, or gives up on a query past the limits.
    private mutating func advanceOperator() -> Token {
        operators += 1
        if operators > Parser.operatorLimit { _ = giveUp() }
        return advance()
    }

    /// Reports a query too complex to check and skips the rest of it.
    private mutating func giveUp() -> Expression {
        if !tooComplex {
            tooComplex = true
            report("too-complex", "this query nests more than \(Parser.nestingLimit) deep or has more than \(Parser.operatorLimit) operators; "
                + "split it, or use in (...) or a range instead of many comparisons", at: current)
        }
        skip { _ in false }
        return .missing(at: offset(of: current.text.startIndex))
    }

    private mutating func parseOr() -> Expression {
        var left = parseAnd()
        while isKeyword("or") {
            let op = advanceOperator()
            left = .binary(operator: op, left: left, right: parseAnd())
        }
        return left
    }

    private mutating func parseAnd() -> Expression {
        var left = parseNot()
        while isKeyword("and") {
            let op = advanceOperator()
            left = .binary(operator: op, left: left, right: parseNot())
        }
        return left
    }

    private mutating func parseNot() -> Expression {
        guard isKeyword("not") else { return parseComparison() }
        let op = advanceOperator()
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Parser.nestingLimit else { return giveUp() }
        return .unary(operator: op, operand: parseNot())
    }

    private mutating func parseComparison() -> Expression {
        let left = parseRange()
        switch current.kind {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .contains:
            let op = advance()
            return .binary(operator: op, left: left, right: parseRange())
        case .identifier where isKeyword("in"):
            let op = advance()
            return .binary(operator: op, left: left, right: parseRange())
        case .identifier where isKeyword("between"):
            advance()
            let lower = parseRange()
            expectKeyword("and", "between needs and: x between 1 and 5")
            return .between(left, lower: lower, upper: parseRange())
        case .identifier where isKeyword("is"):
            advance()
            var negated = false
            if isKeyword("not") {
                advance()
                negated = true
            }
            expectKeyword("null", "is must be followed by null or not null")
            return .isNull(left, negated: negated)
        default:
            return left
        }
    }

    private mutating func parseRange() -> Expression {
        let lower = parseAdditive()
        guard current.kind == .range else { return lower }
        advance()
        return .range(lower: lower, upper: parseAdditive())
    }

    private mutating func parseAdditive() -> Expression {
        var left = parseMultiplicative()
        while current.kind == .plus || current.kind == .minus {
            let op = advanceOperator()
            left = .binary(operator: op, left: left, right: parseMultiplicative())
        }
        return left
    }

    private mutating func parseMultiplicative() -> Expression {
        var left = parseUnary()
        while current.kind == .star || current.kind == .slash {
            let op = advanceOperator()
            left = .binary(operator: op, left: left, right: parseUnary())
        }
        return left
    }

    private mutating func parseUnary() -> Expression {
        guard current.kind == .minus else { return parsePrimary() }
        let op = advanceOperator()
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Parser.nestingLimit else { return giveUp() }
        return .unary(operator: op, operand: parseUnary())
    }

    private mutating func parsePrimary() -> Expression {
        switch current.kind {
        case .duration:
            // `3d 12h 30m` is one length of time: the parts are added.
            var total = Expression.literal(advance())
            while current.kind == .duration {
                operators += 1
                if operators > Parser.operatorLimit { return giveUp() }
                let plus = Token(kind: .plus, text: current.text.prefix(0), leadingTrivia: current.leadingTrivia.prefix(0))
                total = .binary(operator: plus, left: total, right: .literal(advance()))
            }
            return total
        case .string, .number, .date, .month:
            return .literal(advance())
        case .identifier:
            let name = advance()
            if current.kind == .openParenthesis {
                advance()
                var arguments: [Expression] = []
                if isKeyword("distinct") {
                    // `count(distinct x)`: the keyword marks the argument.
                    let keyword = advance()
                    arguments = [.unary(operator: keyword, operand: parseExpression())]
                } else if current.kind != .closeParenthesis {
                    arguments = parseList { $0.parseExpression() }
                }
                expect(.closeParenthesis, "expected ) to close the arguments of \(name.text)")
                return .call(name: name, arguments: arguments)
            }
            var path = [name]
            while current.kind == .dot {
                advance()
                guard current.kind == .identifier else {
                    report("expected-name", "expected a field name after .", at: current)
                    break
                }
                path.append(advance())
            }
            return .path(path)
        case .openParenthesis:
            advance()
            let first = parseExpression()
            if current.kind == .comma {
                var items = [first]
                while current.kind == .comma {
                    advance()
                    guard items.count < Parser.listLimit else {
                        report("too-long", "a list of more than \(Parser.listLimit) values; use a range, or split the query", at: current)
                        tooComplex = true
                        skip { _ in false }
                        break
                    }
                    items.append(parseExpression())
                }
                expect(.closeParenthesis, "expected ) to close the list")
                return .list(items)
            }
            expect(.closeParenthesis, "expected ) to close the parenthesis")
            return first
        case .unterminatedString:
            report("unterminated-string", "this string has no closing quote; add \(current.text.first == "“" ? "”" : String(current.text.first ?? "\""))", at: current)
            return .literal(advance())
        case .malformedNumber:
            report("malformed-number", "'\(current.text)' is not a number, date (2016-06-15), month (2016-05) or duration (7d 12h 30m 3mo)", at: current)
            return .literal(advance())
        case .unknown:
            report("unexpected-character", "unexpected character '\(current.text)'", at: current)
            advance()
            return parsePrimary()
        default:
            report("expected-value", "expected a value: a field, a string, a number, a date or a month", at: current)
            return .missing(at: offset(of: current.text.startIndex))
        }
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isKeyword(_ word: String) -> Bool {
        current.kind == .identifier && current.text.lowercased() == word
    }

    private mutating func expectKeyword(_ word: String, _ message: String) {
        if isKeyword(word) { advance() } else { report("expected-\(word)", message, at: current) }
    }

    private mutating func expect(_ kind: Token.Kind, _ message: String) {
        if current.kind == kind { advance() } else { report("expected-\(kind.rawValue)", message, at: current) }
    }

    private mutating func skip(until stop: (Token.Kind) -> Bool) {
        while current.kind != .end && !stop(current.kind) { advance() }
    }

    private mutating func report(_ id: String, _ message: String, at token: Token) {
        // Past the limits the rest was skipped: what is missing there is not news.
        if tooComplex && id != "too-complex" { return }
        let start = offset(of: token.text.startIndex)
        let range = start..<start + token.text.count
        // One diagnostic per place: recovery can stumble over the same token twice.
        if diagnostics.contains(where: { $0.range.lowerBound == start }) { return }
        diagnostics.append(Diagnostic(id, message, at: range))
    }

    private func offset(of index: String.Index) -> Int {
        offsets.offset(of: index)
    }
}
