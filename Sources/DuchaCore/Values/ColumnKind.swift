/// What a column holds, so that renderers can show it as a person expects
/// (instants in local time, flags as yes/no) while the value stays as stored.
public enum ColumnKind: String, Sendable, Hashable {
    /// Whole numbers.
    case integer
    /// Decimal numbers.
    case real
    /// Text.
    case text
    /// Milliseconds since the epoch, shown in Asia/Shanghai local time.
    case instant
    /// A calendar date stored as `YYYY-MM-DD` text.
    case date
    /// 0 or 1, shown as a check mark or nothing.
    case flag
    /// A length of time in milliseconds, shown as `3d 4h 12m`.
    case duration
    /// Bytes.
    case blob
    /// Not known in advance (raw SQL); shown by the value's own type.
    case any

    /// Whether values of this kind are right-aligned in tables.
    public var isNumeric: Bool { self == .integer || self == .real }
}

/// The name and kind of one result column.
public struct ResultColumn: Hashable, Sendable {
    /// The column's heading.
    public let name: String
    /// What the column holds.
    public let kind: ColumnKind

    /// Makes a column description.
    public init(_ name: String, _ kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }
}
