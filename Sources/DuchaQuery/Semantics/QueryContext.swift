import DuchaCore

/// What a query's meaning depends on besides its text and the schema: the day and
/// moment `today` and `now` stand for, and the stored values names are checked against.
public struct QueryContext {
    /// What `today` means.
    public var today: CivilDate
    /// What `now` means.
    public var now: Instant
    /// Stored values for "did you mean" on values; nil checks names only.
    public var values: (any ValueCatalog)?
    /// Whether some times are kept with an offset other than Beijing's (imported event
    /// logs): calendar questions then read each time's own offset. When all are Beijing
    /// times, the plain comparisons are exact and cheaper.
    public var writtenOffsetsVary: Bool

    /// Makes a context.
    public init(today: CivilDate, now: Instant, values: (any ValueCatalog)? = nil, writtenOffsetsVary: Bool = true) {
        self.today = today
        self.now = now
        self.values = values
        self.writtenOffsetsVary = writtenOffsetsVary
    }
}
