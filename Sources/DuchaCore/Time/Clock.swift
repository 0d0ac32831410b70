/// Where the current time comes from. The executable injects the system clock, or a
/// fixed one from `--today`; everything else asks this value and never the system.
public struct Clock: Sendable {
    private let read: @Sendable () -> Instant

    /// A clock that asks `read` for the time.
    public init(_ read: @escaping @Sendable () -> Instant) {
        self.read = read
    }

    /// A clock stopped at `instant`.
    public static func fixed(_ instant: Instant) -> Clock { Clock { instant } }

    /// A clock stopped at the start of `date` in Asia/Shanghai (plus `hours`).
    public static func fixed(_ date: CivilDate, hours: Int = 0) -> Clock {
        fixed(ChinaTime.instant(date, hour: hours))
    }

    /// The current instant.
    public var now: Instant { read() }

    /// Today's date in Asia/Shanghai.
    public var today: CivilDate { ChinaTime.date(of: now) }
}
