/// A point in time, as milliseconds since 1970-01-01T00:00:00Z. The store keeps every
/// time of day as an instant; calendar questions go through `ChinaTime`.
public struct Instant: Hashable, Comparable, Sendable {
    /// Milliseconds since the Unix epoch, UTC.
    public let millisecondsSinceEpoch: Int64

    /// Makes an instant from milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The instant `milliseconds` later.
    public func adding(milliseconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// The instant `seconds` later.
    public func adding(seconds: Int64) -> Instant { adding(milliseconds: seconds * 1000) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

/// Milliseconds in common units, for readable arithmetic on instants.
public enum Milliseconds {
    /// One second.
    public static let second: Int64 = 1000
    /// One minute.
    public static let minute: Int64 = 60 * second
    /// One hour.
    public static let hour: Int64 = 60 * minute
    /// One day of 24 hours.
    public static let day: Int64 = 24 * hour
}
