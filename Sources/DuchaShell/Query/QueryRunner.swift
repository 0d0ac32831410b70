import DuchaCore
import DuchaQuery
import DuchaStore

/// Runs queries of the language: compile, show the rows, then check the assertions.
/// `explain` shows every stage of the compiler and SQLite's plan instead.
enum QueryRunner {
    /// Compiles `text` (which starts at `position`), runs it and renders its rows;
    /// throws an invalid-query error with every diagnostic, or an assertion failure.
    static func run(_ text: String, at position: SourcePosition, in session: Session) throws {
        let query = try compile(text, at: position, in: session)
        if session.checkOnly { return }
        do {
            try show(query, in: session)
            for assertion in query.assertions {
                let failures = try session.store.integer(SQLPrinter.statement(assertion.failures)) ?? 0
                guard failures == 0 else {
                    let rows = failures == 1 ? "1 row does not hold" : "\(failures) rows do not hold"
                    var error = ShellError([Diagnostic("assertion-failed", "\(assertion.message) (\(rows))", at: assertion.range)],
                                           in: text, at: position)
                    error.code = .assertionFailed
                    throw error
                }
            }
        } catch let error as StoreError {
            throw ShellError(error).placed(at: position)
        }
    }

    /// `explain QUERY`: the tokens, the syntax tree, what each name resolved to, the SQL and its
    /// parameters, and SQLite's plan for it.
    static func explain(_ text: String, at position: SourcePosition, in session: Session) throws {
        let query = try compile(text, at: position, in: session)
        if session.checkOnly { return }
        let statement = query.statement
        let output = session.output
        output.line("tokens: " + Lexer.tokens(text).map(\.dump).joined(separator: " "))
        output.line("tree:   " + Parser.parse(text).pipeline.dump)
        output.line("names:")
        for line in query.resolutions { output.line("  " + line) }
        output.line("sql:    " + statement.text)
        output.line("params: " + (statement.parameters.isEmpty ? "none" : statement.parameters.enumerated()
            .map { "?\($0.offset + 1) = " + $0.element.sqlLiteral }.joined(separator: ", ")))
        if let chart = query.chart {
            output.line("render: chart \(chart.style.rawValue), drawn by the shell in table, line and markdown modes; "
                + "the SQL is the pipeline without it, and csv, tsv and json get its rows")
        }
        if !query.sparklineColumns.isEmpty {
            output.line("render: " + query.sparklineColumns.map { statement.columns[$0].name }.joined(separator: ", ")
                + " drawn as sparklines in table, line and markdown modes; csv, tsv and json get the counts")
        }
        output.line("plan:")
        do {
            for line in try session.store.queryPlan(statement) { output.line("  " + line) }
            for (index, assertion) in query.assertions.enumerated() {
                let check = SQLPrinter.statement(assertion.failures)
                output.line("assert \(index + 1): " + check.text)
                output.line("  params: " + check.parameters.map(\.sqlLiteral).joined(separator: ", "))
            }
        } catch let error as StoreError {
            throw ShellError(error).placed(at: position)
        }
    }

    /// Compiles and runs `text`, returning its columns and rows (for reports that cite
    /// the queries their figures come from).
    static func rows(_ text: String, in session: Session) throws -> (columns: [ResultColumn], rows: [[Value]]) {
        let query = try compile(text, at: SourcePosition(source: "report", line: 1, column: 1), in: session)
        var columns: [ResultColumn] = []
        var rows: [[Value]] = []
        do {
            try session.store.run(query.statement, columns: { columns = $0 }, row: { rows.append($0) })
        } catch let error as StoreError {
            throw ShellError(error)
        }
        return (columns, rows)
    }

    /// Renders the rows of `query` in the session's mode. For people (table, line,
    /// markdown) a chart is drawn instead of a table, and monthly counts as sparklines;
    /// scripts (csv, tsv, json) get the rows as they are.
    private static func show(_ query: CheckedQuery, in session: Session) throws {
        guard session.mode.isForPeople, query.chart != nil || !query.sparklineColumns.isEmpty else {
            try session.show(query.statement)
            return
        }
        let output = session.output
        let options = session.renderOptions
        var renderer = query.chart.map { chart -> any ResultRenderer in
            ChartRenderer(output: output, options: options, chart: chart, width: output.terminalWidth ?? ChartRenderer.defaultWidth,
                          fenced: session.mode == .markdown)
        } ?? session.mode.renderer(to: output, options: options)
        if !query.sparklineColumns.isEmpty { renderer = SparklineRenderer(drawing: query.sparklineColumns, into: renderer) }
        // As `Session.show`: a statement that fails after some rows still closes the output.
        var begun = false
        var rows = 0
        do {
            _ = try session.store.run(query.statement, columns: { renderer.begin($0); begun = true }, row: { renderer.row($0); rows += 1 })
            renderer.finish(rowCount: rows)
        } catch {
            if begun { renderer.finish(rowCount: rows) }
            throw error
        }
    }

    private static func compile(_ text: String, at position: SourcePosition, in session: Session) throws -> CheckedQuery {
        let compilation = Compiler.compile(text, context: session.queryContext)
        guard let query = compilation.query else { throw ShellError(compilation.diagnostics, in: text, at: position) }
        return query
    }
}
