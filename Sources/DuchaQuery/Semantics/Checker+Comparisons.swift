import DuchaCore

extension Checker {
    // MARK: Comparisons

    /// `left OP right` for `= != < <= > >=`, with dates, months and ranges meaning
    /// what a person means against stored times: `opened = 2016-05` is "opened in May",
    /// `opened <= 2016-04` is "opened by the end of April".
    mutating func compare(_ op: String, _ left: Typed, _ right: Typed, at place: Range<Int>) -> Typed? {
        if left.type == .null || right.type == .null {
            report("compare-null", "nothing equals null; write \(left.type == .null ? "FIELD" : left.name) is \(op == "!=" ? "not " : "")null", at: place)
            return nil
        }
        // A time field against a date, month, range or moment known now.
        if left.type.isTime, let constant = right.constant, let bounds = bounds(of: constant, for: left) {
            return Typed(sql: Checker.prefiltered(left, op, Checker.within(bounds.value, op, bounds.bounds), bounds.bounds), type: .condition, name: "")
        }
        if right.type.isTime, let constant = left.constant, let bounds = bounds(of: constant, for: right) {
            let flipped = Checker.flipped(op)
            return Typed(sql: Checker.prefiltered(right, flipped, Checker.within(bounds.value, flipped, bounds.bounds), bounds.bounds), type: .condition, name: "")
        }
        if left.type == .period || right.type == .period {
            report("type-mismatch", "a month or range is compared with a date or time field, such as opened in 2016-01..2016-04; "
                + "here it meets \((left.type == .period ? right : left).type.described)", at: place)
            return nil
        }
        if right.type == .numberRange || left.type == .numberRange {
            let (value, range) = right.type == .numberRange ? (left, right) : (right, left)
            guard op == "=" || op == "!=", value.type.isNumeric || value.type == .any,
                  case .numberRange(let low, let high) = range.constant else {
                report("type-mismatch", "a range of numbers goes with = or in and a number, such as terminals in 1..5", at: place)
                return nil
            }
            let inside = SQLExpression.binary("AND", .binary(">=", value.sql, .parameter(.real(low))), .binary("<=", value.sql, .parameter(.real(high))))
            return Typed(sql: op == "=" ? inside : .unary("NOT", inside), type: .condition, name: "")
        }
        if let existence = Checker.existence(op, left, right) ?? Checker.existence(Checker.flipped(op), right, left) {
            return Typed(sql: existence, type: .condition, name: "")
        }
        guard let (l, r) = comparable(left, right, at: place) else { return nil }
        if op == "=" || op == "!=" {
            guard checkValue(left, against: right, at: place), checkValue(right, against: left, at: place) else { return nil }
        }
        return Typed(sql: .binary(op == "!=" ? "<>" : op, l, r), type: .condition, name: "")
    }

    /// `cases(P) = 0` as NOT EXISTS and `cases(P) > 0` as EXISTS: the answer is known at
    /// the first row, where a count would read them all.
    static func existence(_ op: String, _ count: Typed, _ other: Typed) -> SQLExpression? {
        guard let exists = count.counted, case .integer(let n)? = other.constant else { return nil }
        switch (op, n) {
        case ("=", 0), ("<", 1), ("<=", 0): return .unary("NOT", exists)
        case ("!=", 0), (">", 0), (">=", 1): return exists
        default: return nil
        }
    }

    /// The two sides as SQL of one kind, or nil after saying why they do not compare.
    private mutating func comparable(_ left: Typed, _ right: Typed, at place: Range<Int>) -> (SQLExpression, SQLExpression)? {
        switch (left.type, right.type) {
        case (.any, _), (_, .any): return (left.sql, right.sql)
        case (.instant, .instant), (.date, .date), (.text, .text), (.duration, .duration): return (left.sql, right.sql)
        case (.instant, .date): return (Checker.localTime("%Y-%m-%d", left.sql, offset: left.localOffset), right.sql)
        case (.date, .instant): return (left.sql, Checker.localTime("%Y-%m-%d", right.sql, offset: right.localOffset))
        case let (a, b) where a.isNumeric && b.isNumeric: return (left.sql, right.sql)
        case (.duration, .integer), (.duration, .real), (.integer, .duration), (.real, .duration):
            report("type-mismatch", "a duration is compared with a duration such as 3d, 12h or 30m, not with a bare number", at: place)
            return nil
        default:
            report("type-mismatch", "cannot compare \(left.type.described) with \(right.type.described)" + Checker.comparisonHint(left, right), at: place)
            return nil
        }
    }

    private static func comparisonHint(_ left: Typed, _ right: Typed) -> String {
        if left.type.isTime || right.type.isTime { return "; compare times with dates (2016-06-15), months (2016-05), ranges or today - 7d" }
        if left.type == .text || right.type == .text { return "; text goes in quotes, such as \"市农业局\"" }
        return ""
    }

    /// Checks a known value against the words or stored values of what it is compared
    /// with: `level = alarmm` and `dept = "市农业"` are caught with "did you mean".
    private mutating func checkValue(_ value: Typed, against other: Typed, at place: Range<Int>) -> Bool {
        guard case .text(let written) = value.constant, let domain = other.domain else { return true }
        switch domain {
        case .words(let words):
            guard !words.contains(written) else { return true }
            report("unknown-value", "'\(written)' is not a value of \(other.name)" + Suggestion.phrase(for: written, among: words)
                + "; the values are " + words.joined(separator: ", "), at: value.range ?? place)
            return false
        case .stored(let table, let column):
            // A value that is stored is right; only one that is not needs every stored value,
            // for "did you mean". Nothing stored (a new database) is nothing to check against.
            guard let catalog = context.values, catalog.contains(written, in: table, column: column) == false,
                  let stored = catalog.values(in: table, column: column), !stored.isEmpty, !stored.contains(written) else { return true }
            let near = Suggestion.closest(to: written, among: stored, limit: 3)
            let containing = near.isEmpty ? stored.filter { $0.contains(written) }.prefix(3).map { $0 } : near
            let hint = containing.isEmpty ? "" : " (did you mean " + containing.map { "\"\($0)\"" }.joined(separator: " or ") + "?)"
            report("unknown-value", "no \(Checker.noun(table)) has the \(column) \"\(written)\"" + hint, at: value.range ?? place)
            return false
        }
    }

    /// The half-open bounds a constant covers against a time field, as stored values
    /// (instants in milliseconds, dates as `YYYY-MM-DD` text), with the value to hold
    /// against them: a time kept with its written offset meets days of its own local
    /// time, other times days of Asia/Shanghai.
    private func bounds(of constant: Typed.Constant, for field: Typed) -> (value: SQLExpression, bounds: Bounds)? {
        let type = field.type
        if case .instant(let instant) = constant {
            if type == .instant { return (field.sql, .point(.integer(instant.millisecondsSinceEpoch))) }
            let day = ChinaTime.date(of: instant)
            return (field.sql, .interval(.text(day.description), .text(day.adding(days: 1).description)))
        }
        guard let (start, end) = Checker.days(of: constant) else { return nil }
        if type == .instant {
            if field.localOffset != nil {
                return (Checker.writtenLocal(field.sql, offset: field.localOffset),
                        .interval(.integer(Int64(start.daysSinceEpoch) * Typed.day), .integer(Int64(end.daysSinceEpoch) * Typed.day)))
            }
            return (field.sql, .interval(.integer(ChinaTime.instant(start).millisecondsSinceEpoch), .integer(ChinaTime.instant(end).millisecondsSinceEpoch)))
        }
        return (field.sql, .interval(.text(start.description), .text(end.description)))
    }

    /// For a time kept with its written offset, `condition` (on the local time) behind a
    /// test of the stored instant against the days widened by the largest offset (14
    /// hours): plain integer comparisons turn away most rows before the arithmetic.
    static func prefiltered(_ field: Typed, _ op: String, _ condition: SQLExpression, _ bounds: Bounds) -> SQLExpression {
        guard field.localOffset != nil, op == "=", case .interval(.integer(let lower), .integer(let upper)) = bounds else { return condition }
        let widened = SQLExpression.binary("AND", .binary(">=", field.sql, .parameter(.integer(lower - 14 * Typed.hour))),
                                           .binary("<", field.sql, .parameter(.integer(upper + 14 * Typed.hour))))
        return .binary("AND", widened, condition)
    }

    /// A single stored value, or the half-open interval [lower, upper).
    enum Bounds {
        case point(Value)
        case interval(Value, Value)
    }

    /// `value OP bounds`: inside the interval for `=`, before its start for `<`, after
    /// its end for `>`, and so on.
    static func within(_ value: SQLExpression, _ op: String, _ bounds: Bounds) -> SQLExpression {
        switch bounds {
        case .point(let point):
            return .binary(op == "!=" ? "<>" : op, value, .parameter(point))
        case .interval(let lower, let upper):
            switch op {
            case "=": return .binary("AND", .binary(">=", value, .parameter(lower)), .binary("<", value, .parameter(upper)))
            case "!=": return .binary("OR", .binary("<", value, .parameter(lower)), .binary(">=", value, .parameter(upper)))
            case "<": return .binary("<", value, .parameter(lower))
            case "<=": return .binary("<", value, .parameter(upper))
            case ">": return .binary(">=", value, .parameter(upper))
            default: return .binary(">=", value, .parameter(lower))
            }
        }
    }

    static func flipped(_ op: String) -> String {
        switch op {
        case "<": return ">"
        case "<=": return ">="
        case ">": return "<"
        case ">=": return "<="
        default: return op
        }
    }

    // MARK: Arithmetic

    /// `+ - * /`: times and durations as a person counts them (`today - 7d`,
    /// `recorded - occurred`), numbers as numbers.
    mutating func arithmetic(_ op: String, _ left: Typed, _ right: Typed, at place: Range<Int>) -> Typed? {
        if let folded = fold(op, left, right) { return folded }
        switch (left.type, op, right.type) {
        case (.instant, "-", .instant):
            return Typed(sql: .binary("-", left.sql, right.sql), type: .duration, name: "")
        case (.date, "-", .date), (.instant, "-", .date), (.date, "-", .instant):
            return Typed(sql: .binary("-", Checker.milliseconds(left), Checker.milliseconds(right)), type: .duration, name: "")
        case (.instant, "+", .duration), (.instant, "-", .duration), (.duration, "+", .duration), (.duration, "-", .duration):
            return Typed(sql: .binary(op, left.sql, right.sql), type: left.type, name: "")
        case (.duration, "+", .instant):
            return Typed(sql: .binary("+", left.sql, right.sql), type: .instant, name: "")
        case (.date, "+", .duration), (.date, "-", .duration):
            guard case .duration(let milliseconds, let months)? = right.constant, milliseconds % Milliseconds.day == 0 else {
                report("type-mismatch", "a date moves by whole days or months (due + 5d, due - 1mo); for hours use a time field", at: place)
                return nil
            }
            let sign = op == "+" ? 1 : -1
            let modifier = months != 0 ? "\(sign * months) months" : "\(sign * Int(milliseconds / Milliseconds.day)) days"
            return Typed(sql: .function("date", [left.sql, .parameter(.text(modifier))]), type: .date, name: "")
        case let (a, _, b) where a.isNumeric && b.isNumeric || a == .any || b == .any:
            if op == "/" {
                return Typed(sql: .binary("/", .binary("*", left.sql, .parameter(.real(1))), right.sql), type: .real, name: "")
            }
            return Typed(sql: .binary(op, left.sql, right.sql), type: a == .real || b == .real ? .real : (a == .any ? b : a), name: "")
        case (.duration, "*", .integer), (.duration, "*", .real), (.duration, "/", .integer), (.duration, "/", .real):
            return Typed(sql: .cast(.binary(op, left.sql, right.sql), as: "INTEGER"), type: .duration, name: "")
        default:
            report("type-mismatch", "cannot compute \(left.type.described) \(op) \(right.type.described)" + Checker.arithmeticHint(left, op, right), at: place)
            return nil
        }
    }

    private static func arithmeticHint(_ left: Typed, _ op: String, _ right: Typed) -> String {
        if left.type.isTime && right.type.isNumeric { return "; add a duration such as 7d, 12h or 1mo" }
        if left.type.isTime && op == "+" && right.type.isTime { return "; subtract two times to get a duration" }
        return ""
    }

    /// A date column's local midnight, or an instant, in milliseconds.
    private static func milliseconds(_ value: Typed) -> SQLExpression {
        guard value.type == .date else { return value.sql }
        let seconds = SQLExpression.function("unixepoch", [value.sql])
        return .binary("*", .binary("-", seconds, .parameter(.integer(ChinaTime.offsetSeconds))), .parameter(.integer(1000)))
    }

    /// Arithmetic on two known values, done now: `today - 7d` is a date, `now - 12h` a moment.
    private func fold(_ op: String, _ left: Typed, _ right: Typed) -> Typed? {
        guard let a = left.constant, let b = right.constant, op == "+" || op == "-" else { return nil }
        let sign = op == "+" ? 1 : -1
        switch (a, b) {
        case (.date(let date), .duration(let milliseconds, let months)):
            let moved = date.adding(months: sign * months)
            if milliseconds % Milliseconds.day == 0 {
                let result = moved.adding(days: sign * Int(milliseconds / Milliseconds.day))
                return Typed(sql: .parameter(.text(result.description)), type: .date, constant: .date(result), name: "")
            }
            let instant = ChinaTime.instant(moved).adding(milliseconds: Int64(sign) * milliseconds)
            return Typed(sql: .parameter(.integer(instant.millisecondsSinceEpoch)), type: .instant, constant: .instant(instant), name: "")
        case (.instant(let instant), .duration(let milliseconds, let months)):
            let local = ChinaTime.local(instant)
            let moved = ChinaTime.instant(local.date.adding(months: sign * months), hour: local.hour, minute: local.minute, second: local.second)
                .adding(milliseconds: Int64(local.millisecond) + Int64(sign) * milliseconds)
            return Typed(sql: .parameter(.integer(moved.millisecondsSinceEpoch)), type: .instant, constant: .instant(moved), name: "")
        case (.duration(let m1, let mo1), .duration(let m2, let mo2)):
            let sum = Typed.Constant.duration(milliseconds: m1 + Int64(sign) * m2, months: mo1 + sign * mo2)
            return Typed(sql: .parameter(.integer(sum.approximateMilliseconds ?? 0)), type: .duration, constant: sum, name: "")
        case (.date(let d1), .date(let d2)):
            let milliseconds = Int64(d1.daysSinceEpoch - d2.daysSinceEpoch) * Milliseconds.day
            guard op == "-" else { return nil }
            return Typed(sql: .parameter(.integer(milliseconds)), type: .duration, constant: .duration(milliseconds: milliseconds, months: 0), name: "")
        case (.integer(let x), .integer(let y)):
            let value = op == "+" ? x &+ y : x &- y
            return Typed(sql: .parameter(.integer(value)), type: .integer, constant: .integer(value), name: "")
        default:
            return nil
        }
    }
}
