import DuchaCore
import DuchaQuery
import DuchaStore

/// One shell session: the open store and the settings that dot-commands change.
/// Every entry, typed or read from a script, runs through `execute`.
public final class Session {
    /// The open database.
    public private(set) var store: Store
    /// The output mode for results.
    public var mode: OutputMode
    /// Whether each entry reports how long it took.
    public var timer = false
    /// Whether scripts stop at their first failure (`--bail`).
    public var bail = false
    /// Text shown for NULL in human-readable modes.
    public var nullText = "NULL"
    /// On a terminal, the most rows a table shows before it keeps only head and tail; nil for all.
    public var maxRows: Int? = 40
    /// The date set with `.today` or `--today`, overriding the clock.
    public var todayOverride: CivilDate?
    /// Where results go now (`.output` changes it).
    public private(set) var output: TextOutput
    /// Where errors and notices go.
    public let diagnostics: TextOutput
    /// The terminal or standard output, where `.output` with no file returns.
    public let standardOutput: TextOutput
    /// Whether colours may be used on a terminal (NO_COLOR unset).
    public let colourAllowed: Bool
    /// The clock injected by the executable.
    public let clock: Clock
    /// Whether a failure to write the current output has been reported.
    var reportedOutputFailure = false
    /// How deeply `.read` is nested now.
    var readDepth = 0
    /// Opens script files for `.read`.
    let files: FileAccess
    /// Who is at the keyboard, for the audit log (`$DUCHA_ACTOR`, else `$USER`).
    public var actor = "unknown"
    /// With `--check`: queries are checked, nothing runs.
    public var checkOnly = false
    /// How errors are written: lines of text, or one JSON object per error (`--errors json`).
    public var errorFormat = ErrorFormat.text
    /// Stored names for "did you mean" on values and for completion.
    lazy var values = StoreValueCatalog(store: store)

    /// Makes a session over an open store.
    public init(store: Store, mode: OutputMode = .table, standardOutput: TextOutput, diagnostics: TextOutput,
                clock: Clock, colourAllowed: Bool, files: FileAccess = FileAccess()) {
        self.store = store
        self.mode = mode
        self.output = standardOutput
        self.standardOutput = standardOutput
        self.diagnostics = diagnostics
        self.clock = clock
        self.colourAllowed = colourAllowed
        self.files = files
    }

    /// Today for relative dates: `.today`/`--today`, else the database's story date, else the clock.
    public var today: CivilDate { today(story: (try? store.setting("story_date")) ?? nil) }

    private func today(story: String?) -> CivilDate {
        todayOverride ?? story.flatMap(CivilDate.init) ?? clock.today
    }

    /// What `now` means: the clock's moment, or the clock's time of day on the date
    /// `today` was set to, so that `now` and `today` agree.
    public var now: Instant { now(today: today) }

    private func now(today: CivilDate) -> Instant {
        let moment = clock.now
        let local = ChinaTime.local(moment)
        guard today != local.date else { return moment }
        return ChinaTime.instant(today, hour: local.hour, minute: local.minute, second: local.second)
    }

    /// What queries are checked against: today, now and the stored names. This runs for
    /// every query, so each setting it needs is read once.
    var queryContext: QueryContext {
        let today = self.today
        // Unreadable: assume they vary (the exact, slower comparisons).
        let offsetsVary: Bool
        do { offsetsVary = try store.setting(Store.writtenOffsetsSetting) == "vary" } catch { offsetsVary = true }
        return QueryContext(today: today, now: now(today: today), values: values, writtenOffsetsVary: offsetsVary)
    }

    /// Where `today` comes from, for `.today` without an argument.
    public var todaySource: String {
        if todayOverride != nil { return "set with .today or --today" }
        if (try? store.setting("story_date")).flatMap({ $0 }) != nil { return "the database's story date" }
        return "the system clock, Asia/Shanghai"
    }

    /// Sends results to `output` from now on (flushing the previous one).
    public func redirect(to output: TextOutput) {
        self.output.flush()
        self.output = output
        reportedOutputFailure = false
    }

    /// Options for the renderers, from the session's settings and the current output.
    var renderOptions: RenderOptions {
        RenderOptions(
            formatter: CellFormatter(nullText: nullText),
            colour: colourAllowed && output.isTerminal,
            maxRows: output.isTerminal ? maxRows : nil)
    }

    /// Runs a statement and renders its rows in the current mode.
    func show(_ statement: SQLStatement) throws {
        try render { renderer, begin, row in try store.run(statement, columns: begin, row: row) }
    }

    /// Renders rows made here (views such as `trace`) in the current mode.
    func show(columns: [ResultColumn], rows: [[Value]]) throws {
        try render { _, begin, row in
            try begin(columns)
            for values in rows { try row(values) }
            return rows.count
        }
    }

    /// Runs read-only SQL typed by a power user and renders its rows.
    func showRawSQL(_ sql: String) throws {
        try render { renderer, begin, row in try store.runReadOnly(sql, columns: begin, row: row) }
    }

    /// Feeds a renderer from `run`. When the statement fails after some rows, the output
    /// is still closed (a JSON array ends, a table gets its bottom line) before the error.
    private func render(_ run: (any ResultRenderer, ([ResultColumn]) throws -> Void, ([Value]) throws -> Void) throws -> Int) throws {
        let renderer = mode.renderer(to: output, options: renderOptions)
        var begun = false
        var rows = 0
        do {
            _ = try run(renderer, { renderer.begin($0); begun = true }, { renderer.row($0); rows += 1 })
            renderer.finish(rowCount: rows)
        } catch {
            if begun { renderer.finish(rowCount: rows) }
            throw error
        }
    }
}
