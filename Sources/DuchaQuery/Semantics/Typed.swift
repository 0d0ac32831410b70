import DuchaCore

/// A checked expression: its SQL, its type, and what the checker knows beyond that.
struct Typed {
    /// The expression as SQL.
    var sql: SQLExpression
    /// Its type.
    var type: ValueType
    /// Its value, when it is known while checking (literals, `today - 7d`).
    var constant: Constant?
    /// The values it can take, when the schema or the data say.
    var domain: Domain?
    /// The result column name it gets in `select` or `count by` without `as`.
    var name: String
    /// Whether it is an aggregate (`sum(x)`, `count()`).
    var aggregate = false
    /// Where it is written, in characters.
    var range: Range<Int>?
    /// For a relation shown by its name: the key that tells its rows apart (two
    /// operators may share a name), which grouping uses.
    var identity: SQLExpression?
    /// For a count of a to-many relation: the rows counted, so that comparing the count
    /// with 0 asks whether any exist (which stops at the first row).
    /// `EXISTS (SELECT ...)` over those rows (an indirect enum: the tree stays off the stack).
    var counted: SQLExpression?
    /// For a time kept with the UTC offset it was written with (imported steps): that
    /// offset in minutes, NULL meaning UTC. Calendar questions (months, dates) use the
    /// local time as written; without it they use Asia/Shanghai.
    var localOffset: SQLExpression?

    /// A value known while checking.
    enum Constant: Hashable {
        case text(String)
        case integer(Int64)
        case real(Double)
        case date(CivilDate)
        /// Whole days from `start` up to, not including, `end`.
        case period(start: CivilDate, end: CivilDate)
        case instant(Instant)
        /// Calendar months and a fixed length besides.
        case duration(milliseconds: Int64, months: Int)
        case numberRange(Double, Double)
        case bool(Bool)
        case null
    }

    /// Where a field's values come from, for checking values and completion.
    enum Domain: Hashable {
        /// A fixed set of words (`level`: warning, alarm).
        case words([String])
        /// The values stored in a column (`dept` → departments.name).
        case stored(table: String, column: String)
    }

    /// The number of milliseconds in a day, and in an hour.
    static let day: Int64 = 86_400_000
    static let hour: Int64 = 3_600_000
}

extension Typed.Constant {
    /// A duration's length in milliseconds, counting a month as 30 days.
    var approximateMilliseconds: Int64? {
        guard case .duration(let milliseconds, let months) = self else { return nil }
        return milliseconds + Int64(months) * 30 * Typed.day
    }
}
