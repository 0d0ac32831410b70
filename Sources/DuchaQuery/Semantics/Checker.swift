import DuchaCore

/// Checks a parsed pipeline against the schema and builds its SQL tree in the same pass:
/// every name is resolved (with "did you mean" when it is not there), every value gets a
/// type, dates and periods are turned into bounds on stored instants, and each stage
/// either extends the current SELECT or wraps it as a subquery. Pure: the only outside
/// knowledge is the `QueryContext`.
public struct Checker {
    /// Checks `pipeline`, parsed from `text`. The query is nil when a diagnostic was reported.
    public static func check(_ pipeline: Pipeline, text: String, schema: QuerySchema = .current,
                             context: QueryContext) -> (query: CheckedQuery?, diagnostics: [Diagnostic]) {
        check(pipeline, text: text, offsets: CharacterOffsets(text), schema: schema, context: context)
    }

    /// `check`, with the text's character offsets the parser already counted.
    static func check(_ pipeline: Pipeline, text: String, offsets: CharacterOffsets, schema: QuerySchema,
                      context: QueryContext) -> (query: CheckedQuery?, diagnostics: [Diagnostic]) {
        var checker = Checker(text: text, offsets: offsets, schema: schema, context: context)
        let query = checker.checkPipeline(pipeline)
        return (checker.diagnostics.isEmpty ? query : nil, checker.diagnostics)
    }

    let text: String
    let offsets: CharacterOffsets
    let schema: QuerySchema
    let context: QueryContext
    var diagnostics: [Diagnostic] = []
    var resolutions: [String] = []
    var state: BuildState
    var subqueries = 0
    /// While checking sort keys, names may mean the current result columns first.
    var namesIncludeOutputs = false
    /// While sorting totals or distinct rows, names mean their columns only.
    var namesOnlyOutputs = false
    /// Whether aggregates (`sum(x)`, `count()`) may appear in what is being checked.
    var aggregatesAllowed = false

    private init(text: String, offsets: CharacterOffsets, schema: QuerySchema, context: QueryContext) {
        self.text = text
        self.offsets = offsets
        self.schema = schema
        self.context = context
        self.state = BuildState(table: "", select: SQLSelect(columns: [], from: .table(""), alias: ""))
    }

    // MARK: Pipeline

    private mutating func checkPipeline(_ pipeline: Pipeline) -> CheckedQuery? {
        guard let sourceToken = pipeline.source else { return nil }
        guard let entity = Entity.named(String(sourceToken.text)) else {
            let known = Entity.allCases.flatMap { [$0.rawValue] + $0.aliases }
            report("unknown-source", "unknown source '\(sourceToken.text)'" + Suggestion.phrase(for: String(sourceToken.text), among: known)
                + "; the sources are " + Entity.allCases.map(\.rawValue).joined(separator: ", "), at: sourceToken)
            return nil
        }
        state = BuildState(table: entity.rawValue, select: SQLSelect(columns: [], from: .table(entity.rawValue), alias: entity.rawValue))
        resolutions.append("source \(sourceToken.text) → \(entity.rawValue)")
        var assertions: [CheckedQuery.Assertion] = []
        var chartStage: (stage: Stage, style: Token)?
        for stage in pipeline.stages {
            if let chartStage {
                reportStageAfterChart(stage, chart: chartStage.stage)
                return nil
            }
            switch stage.kind {
            case .filter(let condition): applyFilter(condition)
            case .select(let projections): applySelect(projections)
            case .sort(let keys): applySort(keys)
            case .take(let count): applyTake(count, keyword: stage.keyword)
            case .count(let keys): applyGrouping(keys.map { Projection(expression: $0, alias: nil) }, aggregates: nil)
            case .group(let keys, let aggregates): applyGrouping(keys.map { Projection(expression: $0, alias: nil) }, aggregates: aggregates)
            case .distinct: applyDistinct()
            case .assertion(let condition, let message):
                if let assertion = assertion(condition, message: message, keyword: stage.keyword) { assertions.append(assertion) }
            case .chart(let style):
                // A missing or unknown style was reported by the parser.
                guard let style, Chart.Style(rawValue: style.text.lowercased()) != nil else { return nil }
                chartStage = (stage, style)
            case .unknown: return nil
            }
        }
        let listing = state.isTable && !state.projected
        finish()
        resolutions.append("columns " + state.select.columns.map { "\($0.alias) \($0.kind.rawValue)" }.joined(separator: ", "))
        let sparklines = state.outputs.indices.filter { state.outputs[$0].typed.type == .monthlyCounts }
        if !sparklines.isEmpty {
            resolutions.append("sparklines " + sparklines.map { state.outputs[$0].name }.joined(separator: ", "))
        }
        var chart: Chart?
        // What a chart needs is judged on rows that checked: an earlier mistake is news enough.
        if let chartStage, diagnostics.isEmpty {
            chart = self.chart(chartStage.stage, style: chartStage.style, listing: listing, pipeline: pipeline)
            guard let chart else { return nil }
            resolutions.append(describe(chart))
        }
        return CheckedQuery(select: state.select, assertions: assertions, resolutions: resolutions, chart: chart, sparklineColumns: sparklines)
    }

    /// Gives the final SELECT its columns and a stable order when the pipeline did not.
    private mutating func finish() {
        guard !state.projected else { return }
        setListingColumns()
        if state.isTable && state.select.ordering.isEmpty {
            state.select.ordering = [SQLSelect.Ordering(.column(table: state.select.fromAlias, name: "id"))]
        }
    }

    // MARK: Stages

    private mutating func applyFilter(_ condition: Expression) {
        if state.projected || state.grouped || state.limited || state.select.distinct { wrap() }
        guard let checked = check(condition), let filter = asCondition(checked, condition) else { return }
        state.select.filter = state.select.filter.map { .binary("AND", $0, filter.sql) } ?? filter.sql
    }

    private mutating func applySelect(_ projections: [Projection]) {
        if state.projected || state.grouped || state.limited || state.select.distinct { wrap() }
        aggregatesAllowed = true
        defer { aggregatesAllowed = false }
        var outputs: [Output] = []
        for projection in projections {
            guard let checked = check(projection.expression) else { continue }
            outputs.append(Output(name: projection.alias.map { String($0.text) } ?? checked.name, typed: checked))
        }
        let aggregated = outputs.filter(\.typed.aggregate)
        if !aggregated.isEmpty && aggregated.count != outputs.count {
            let plain = zip(projections, outputs).first { !$0.1.typed.aggregate }?.0.expression
            report("aggregate-mixed", "select mixes totals with per-row values; write group by FIELD aggregate "
                + "sum(x), ... to total per group", at: range(of: plain ?? projections[0].expression))
            return
        }
        setColumns(outputs)
        if !aggregated.isEmpty { state.grouped = true }
    }

    private mutating func applySort(_ keys: [SortKey]) {
        if state.limited { wrap() }
        // After totals or distinct rows only their columns can order them; otherwise
        // the columns come first and the source's fields stay in reach.
        namesIncludeOutputs = state.projected
        namesOnlyOutputs = state.grouped || state.select.distinct
        defer { (namesIncludeOutputs, namesOnlyOutputs) = (false, false) }
        var ordering: [SQLSelect.Ordering] = []
        for key in keys {
            // A result column is sorted by its position, not computed again.
            if namesIncludeOutputs, case .path(let names) = key.expression, names.count == 1,
               let index = state.outputs.firstIndex(where: { $0.name == Checker.normalized(names[0].text) }) {
                ordering.append(SQLSelect.Ordering(.ordinal(index + 1), descending: key.descending))
                continue
            }
            guard let checked = check(key.expression) else { continue }
            ordering.append(SQLSelect.Ordering(checked.sql, descending: key.descending))
        }
        // Ties keep the group order, so a sorted count is the same on every run.
        if state.grouped {
            ordering += state.select.ordering.filter { old in !ordering.contains { $0.expression == old.expression } }
        }
        state.select.ordering = ordering
    }

    private mutating func applyTake(_ count: Expression, keyword: Token) {
        if state.limited { wrap() }
        guard case .literal(let token) = count, token.kind == .number, let limit = Int64(token.text), limit >= 0 else {
            report("expected-count", "take needs a whole number of rows, such as take 10", at: count.firstToken.map(range(of:)) ?? range(of: keyword))
            return
        }
        state.select.limit = .parameter(.integer(limit))
        state.limited = true
    }

    /// `count`, `count by KEYS`, and `group by KEYS aggregate AGGREGATES`.
    private mutating func applyGrouping(_ keys: [Projection], aggregates: [Projection]?) {
        if state.projected || state.grouped || state.limited || state.select.distinct { wrap() }
        var outputs: [Output] = []
        for key in keys {
            guard let checked = check(key.expression) else { continue }
            if checked.aggregate {
                report("aggregate-in-key", "a group key cannot be a total; totals go after aggregate", at: range(of: key.expression))
                continue
            }
            outputs.append(Output(name: checked.name, typed: checked))
        }
        let keyCount = outputs.count
        if let aggregates {
            aggregatesAllowed = true
            defer { aggregatesAllowed = false }
            for aggregate in aggregates {
                guard let checked = check(aggregate.expression) else { continue }
                guard checked.aggregate else {
                    report("expected-aggregate", "after aggregate write totals: count(), count(distinct x), sum(x), avg(x), min(x) or max(x)",
                           at: range(of: aggregate.expression))
                    continue
                }
                outputs.append(Output(name: aggregate.alias.map { String($0.text) } ?? checked.name, typed: checked))
            }
        } else {
            outputs.append(Output(name: "count", typed: Typed(sql: .function("count", [.star]), type: .integer, name: "count", aggregate: true)))
        }
        let keys = outputs.prefix(keyCount)
        setColumns(outputs)
        state.keyCount = keyCount
        // Keys by their column's position: the expression is computed once per row.
        state.select.grouping = keys.enumerated().map { $0.element.typed.identity ?? .ordinal($0.offset + 1) }
        state.select.ordering = keys.indices.map { SQLSelect.Ordering(.ordinal($0 + 1)) }
        state.grouped = true
    }

    private mutating func applyDistinct() {
        if state.grouped || state.limited || state.select.distinct { wrap() }
        if !state.projected { setListingColumns() }
        state.select.distinct = true
    }

    /// The check an `assert` stage makes: the rows reaching it that fail the condition,
    /// counted. The pipeline itself goes on unchanged.
    private mutating func assertion(_ condition: Expression, message: Token?, keyword: Token) -> CheckedQuery.Assertion? {
        let saved = (state, subqueries)
        defer { (state, subqueries) = saved }
        if state.projected || state.grouped || state.limited || state.select.distinct { wrap() }
        guard let checked = check(condition), let holds = asCondition(checked, condition) else { return nil }
        let fails = SQLExpression.unary("NOT", .function("coalesce", [holds.sql, .parameter(.integer(0))]))
        state.select.filter = state.select.filter.map { .binary("AND", $0, fails) } ?? fails
        state.select.columns = [SQLSelect.Column(.function("count", [.star]), as: "failures", kind: .integer)]
        state.select.ordering = []
        let end = message.map { range(of: $0).upperBound } ?? range(of: condition).upperBound
        let written = message?.stringValue ?? "assertion failed: " + source(of: condition)
        return CheckedQuery.Assertion(failures: state.select, message: written, range: range(of: keyword).lowerBound..<end)
    }

    // MARK: Building

    /// One result column with what the checker knows about it.
    struct Output {
        var name: String
        var typed: Typed
    }

    /// The SELECT being built and what its rows are.
    struct BuildState {
        /// The stored table the rows come from, or "" when they come from a subquery.
        var table: String
        /// The SELECT so far.
        var select: SQLSelect
        /// The fields of the subquery the rows come from.
        var fields: [Output] = []
        /// Join aliases by relation path (`department.region`).
        var joins: [String: String] = [:]
        /// The explicit result columns, when a stage has set them.
        var outputs: [Output] = []
        var projected = false
        var grouped = false
        var limited = false
        /// How many of the first columns are group keys, when the rows are totals per
        /// group (`count by`, `group by`); 0 otherwise. A chart names its bars by them.
        var keyCount = 0

        var isTable: Bool { !table.isEmpty }
    }

    mutating func setColumns(_ outputs: [Output]) {
        // A query has a handful of columns: a list is searched faster than a set is made.
        var taken: [String] = []
        var named: [Output] = []
        for var output in outputs {
            var name = output.name
            var suffix = 2
            while taken.contains(name) {
                name = output.name + "_\(suffix)"
                suffix += 1
            }
            taken.append(name)
            output.name = name
            named.append(output)
        }
        state.outputs = named
        state.keyCount = 0
        state.select.columns = named.map { SQLSelect.Column($0.typed.sql, as: $0.name, kind: $0.typed.type.columnKind) }
        state.projected = true
    }

    /// Turns the SELECT so far into a subquery whose columns are the fields of the next
    /// stage. Its order is carried outward through hidden sort columns.
    mutating func wrap() {
        if !state.projected { setListingColumns() }
        subqueries += 1
        let alias = "q\(subqueries)"
        var inner = state.select
        var outerOrdering: [SQLSelect.Ordering] = []
        for (index, ordering) in inner.ordering.enumerated() {
            if case .ordinal(let position) = ordering.expression, position <= inner.columns.count {
                outerOrdering.append(SQLSelect.Ordering(.column(table: alias, name: inner.columns[position - 1].alias), descending: ordering.descending))
            } else if let column = inner.columns.first(where: { $0.expression == ordering.expression }) {
                outerOrdering.append(SQLSelect.Ordering(.column(table: alias, name: column.alias), descending: ordering.descending))
            } else {
                let hidden = "sort \(index + 1)"
                inner.columns.append(SQLSelect.Column(ordering.expression, as: hidden, kind: .any))
                outerOrdering.append(SQLSelect.Ordering(.column(table: alias, name: hidden), descending: ordering.descending))
            }
        }
        let fields = state.outputs.map { output in
            Output(name: output.name, typed: Typed(sql: .column(table: alias, name: output.name), type: output.typed.type,
                                                   domain: output.typed.domain, name: output.name))
        }
        var outer = SQLSelect(columns: fields.map { SQLSelect.Column($0.typed.sql, as: $0.name, kind: $0.typed.type.columnKind) },
                              from: .select(inner), alias: alias)
        outer.ordering = outerOrdering
        let keyCount = state.keyCount
        state = BuildState(table: "", select: outer, fields: fields)
        state.keyCount = keyCount
    }

    /// Every column of the rows, foreign keys shown as the label of the row they point at;
    /// the columns added for imports (`import`, `lifecycle`, `utc_offset`) are selected by name.
    mutating func setListingColumns() {
        guard state.isTable else {
            state.outputs = state.fields
            state.select.columns = state.fields.map { SQLSelect.Column($0.typed.sql, as: $0.name, kind: $0.typed.type.columnKind) }
            return
        }
        guard let table = SchemaDescription.table(named: state.table), let source = schema.sources[state.table] else { return }
        var outputs: [Output] = []
        for column in table.columns where !column.defaulted {
            if column.references != nil, let relation = source.relations[column.relationName] {
                outputs.append(Output(name: column.relationName, typed: label(of: [relation], name: column.relationName)))
            } else if let field = source.fields[column.name] {
                outputs.append(Output(name: column.name, typed: typed(field, alias: state.select.fromAlias, name: column.name)))
            }
        }
        let ordering = state.select.ordering
        setColumns(outputs)
        state.projected = false
        state.select.ordering = ordering
    }

    // MARK: Reporting

    mutating func report(_ id: String, _ message: String, at range: Range<Int>) {
        if diagnostics.contains(where: { $0.range == range && $0.id == id }) { return }
        diagnostics.append(Diagnostic(id, message, at: range))
    }

    mutating func report(_ id: String, _ message: String, at token: Token) {
        report(id, message, at: range(of: token))
    }

    func offset(of index: String.Index) -> Int {
        offsets.offset(of: index)
    }

    func range(of token: Token) -> Range<Int> {
        let start = offset(of: token.text.startIndex)
        return start..<start + token.text.count
    }

    func range(of expression: Expression) -> Range<Int> {
        if case .missing(let at) = expression { return at..<at }
        guard let first = expression.firstToken, let last = expression.lastToken else { return 0..<0 }
        let start = offset(of: first.text.startIndex)
        var end = offset(of: last.text.endIndex)
        if case .call = expression { end += 1 }
        return start..<min(max(end, start), offsets.characterCount)
    }

    /// The expression as written, for column names and messages.
    func source(of expression: Expression) -> String {
        guard let first = expression.firstToken, let last = expression.lastToken else { return "" }
        var end = last.text.endIndex
        if case .call = expression, end < text.endIndex, text[end] == ")" { end = text.index(after: end) }
        return String(text[first.text.startIndex..<max(end, first.text.startIndex)])
    }
}
