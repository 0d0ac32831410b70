import DuchaCore

/// The type of a checked expression: what the checker knows about a value before any
/// row is read.
public enum ValueType: String, Hashable, Sendable {
    /// Whole numbers.
    case integer
    /// Decimal numbers.
    case real
    /// Text.
    case text
    /// A moment: milliseconds since the epoch (`opened`, `now`).
    case instant
    /// A calendar day (`due`, `2016-06-15`, `today`).
    case date
    /// A span of whole days: a month `2016-05` or a range `2016-01..2016-04`.
    case period
    /// A length of time in milliseconds (`3d`, `recorded - occurred`).
    case duration
    /// 0 or 1.
    case flag
    /// True or false: a comparison, `and`, `or`, `not`.
    case condition
    /// A range of numbers, `1..5`.
    case numberRange = "number range"
    /// Counts per month, as text `0,3,5,9,2` (`trend(cases, 2016-01..2016-05)`), drawn
    /// as a sparkline for people.
    case monthlyCounts = "monthly counts"
    /// `null`.
    case null
    /// Not known (raw values).
    case any

    /// Whether values of this type are numbers.
    var isNumeric: Bool { self == .integer || self == .real || self == .flag }

    /// Whether values of this type are points in time.
    var isTime: Bool { self == .instant || self == .date }

    /// The kind a result column of this type has.
    var columnKind: ColumnKind {
        switch self {
        case .integer: return .integer
        case .real: return .real
        case .text, .period, .numberRange, .monthlyCounts: return .text
        case .instant: return .instant
        case .date: return .date
        case .duration: return .duration
        case .flag, .condition: return .flag
        case .null, .any: return .any
        }
    }

    /// The type of a stored column of this kind.
    init(_ kind: ColumnKind) {
        switch kind {
        case .integer: self = .integer
        case .real: self = .real
        case .text: self = .text
        case .instant: self = .instant
        case .date: self = .date
        case .flag: self = .flag
        case .duration: self = .duration
        case .blob, .any: self = .any
        }
    }

    /// The type as a person reads it in a message: "a date", "an instant".
    var described: String {
        switch self {
        case .integer: return "a whole number"
        case .real: return "a number"
        case .text: return "text"
        case .instant: return "a time"
        case .date: return "a date"
        case .period: return "a period"
        case .duration: return "a duration"
        case .flag: return "a yes/no field"
        case .condition: return "a condition"
        case .numberRange: return "a range of numbers"
        case .monthlyCounts: return "counts per month"
        case .null: return "null"
        case .any: return "a value"
        }
    }
}
