import DuchaCore

extension Checker {
    /// The functions of the language, for "did you mean".
    static let functions = ["month", "year", "date", "days", "hours", "workdays", "trend", "count", "sum", "avg", "min", "max"]

    // MARK: Expressions

    /// Checks an expression; nil after reporting what is wrong. `domain` is the domain of
    /// what it is compared with, so a bare word can be one of its values.
    mutating func check(_ expression: Expression, domain: Typed.Domain? = nil) -> Typed? {
        guard var checked = checkUnplaced(expression, domain: domain) else { return nil }
        checked.range = range(of: expression)
        return checked
    }

    private mutating func checkUnplaced(_ expression: Expression, domain: Typed.Domain?) -> Typed? {
        switch expression {
        case .literal(let token):
            return literal(token)
        case .path(let names):
            return resolve(names, domain: domain)
        case .call(let name, let arguments):
            return call(name, arguments, at: range(of: expression))
        case .unary(let op, let operand):
            guard let value = check(operand) else { return nil }
            if Checker.normalized(op.text) == "not" {
                guard let condition = asCondition(value, operand) else { return nil }
                return Typed(sql: .unary("NOT", condition.sql), type: .condition, name: source(of: expression))
            }
            if Checker.normalized(op.text) == "distinct" {
                report("misplaced-distinct", "distinct inside parentheses only counts: count(distinct x)", at: op)
                return nil
            }
            return negate(value, at: range(of: expression))
        case .binary(let op, let left, let right):
            return binary(op, left, right, whole: expression)
        case .range(let lower, let upper):
            return rangeValue(lower, upper, whole: expression)
        case .isNull(let value, let negated):
            guard let checked = check(value) else { return nil }
            return Typed(sql: .isNull(checked.sql, negated: negated), type: .condition, name: source(of: expression))
        case .between(let value, let lower, let upper):
            guard let checked = check(value), let low = check(lower, domain: checked.domain), let high = check(upper, domain: checked.domain),
                  let atLeast = compare(">=", checked, low, at: range(of: expression)),
                  let atMost = compare("<=", checked, high, at: range(of: expression)) else { return nil }
            return Typed(sql: .binary("AND", atLeast.sql, atMost.sql), type: .condition, name: source(of: expression))
        case .list(let items):
            report("misplaced-list", "a list (a, b, c) goes after in: level in (warning, alarm)", at: range(of: items.first ?? expression))
            return nil
        case .missing:
            return nil
        }
    }

    /// The value as a condition: conditions as they are, yes/no fields as `= 1`.
    mutating func asCondition(_ value: Typed, _ expression: Expression) -> Typed? {
        switch value.type {
        case .condition: return value
        case .flag: return Typed(sql: .binary("=", value.sql, .parameter(.integer(1))), type: .condition, name: value.name)
        default:
            report("expected-condition", "expected a condition such as level = alarm or handled is null, not \(value.type.described)",
                   at: range(of: expression))
            return nil
        }
    }

    // MARK: Literals

    private mutating func literal(_ token: Token) -> Typed? {
        let written = String(token.text)
        switch token.kind {
        case .string:
            let value = token.stringValue
            return Typed(sql: .parameter(.text(value)), type: .text, constant: .text(value), name: value)
        case .number:
            if let integer = Int64(written) {
                return Typed(sql: .parameter(.integer(integer)), type: .integer, constant: .integer(integer), name: written)
            }
            if let real = Double(written) {
                return Typed(sql: .parameter(.real(real)), type: .real, constant: .real(real), name: written)
            }
            report("bad-number", "'\(written)' is too large a number", at: token)
            return nil
        case .date:
            guard let date = CivilDate(written) else {
                report("bad-date", "\(written) is not a date in the calendar; write YYYY-MM-DD, such as 2016-06-15", at: token)
                return nil
            }
            return Typed(sql: .parameter(.text(date.description)), type: .date, constant: .date(date), name: written)
        case .month:
            guard let first = CivilDate(written + "-01") else {
                report("bad-month", "\(written) is not a month; write YYYY-MM, such as 2016-05", at: token)
                return nil
            }
            return Typed(sql: .parameter(.text(written)), type: .period, constant: .period(start: first, end: first.firstOfNextMonth), name: written)
        case .duration:
            guard let duration = Checker.duration(written) else {
                report("bad-duration", "'\(written)' is not a duration; write 7d, 12h, 30m, 2w, 3mo or 1y", at: token)
                return nil
            }
            let milliseconds = duration.approximateMilliseconds ?? 0
            return Typed(sql: .parameter(.integer(milliseconds)), type: .duration, constant: duration, name: written)
        default:
            // Unterminated strings and malformed numbers were reported by the parser.
            return nil
        }
    }

    /// `7d`, `12h`, `30m`, `2w`, `3mo`, `1y` as a duration constant.
    static func duration(_ text: String) -> Typed.Constant? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let count = Int64(digits), count < 1_000_000 else { return nil }
        switch text.dropFirst(digits.count) {
        case "d": return .duration(milliseconds: count * Milliseconds.day, months: 0)
        case "h": return .duration(milliseconds: count * Milliseconds.hour, months: 0)
        case "m": return .duration(milliseconds: count * Milliseconds.minute, months: 0)
        case "w": return .duration(milliseconds: count * 7 * Milliseconds.day, months: 0)
        case "mo": return .duration(milliseconds: 0, months: Int(count))
        case "y": return .duration(milliseconds: 0, months: Int(count) * 12)
        default: return nil
        }
    }

    /// `a..b`: whole days from the start of `a` to the end of `b`, or numbers from `a` to `b`.
    private mutating func rangeValue(_ lower: Expression, _ upper: Expression, whole: Expression) -> Typed? {
        guard let low = check(lower), let high = check(upper) else { return nil }
        let name = source(of: whole)
        switch (low.constant, high.constant) {
        case (.some(let a), .some(let b)):
            if let start = Checker.days(of: a)?.start, let end = Checker.days(of: b)?.end {
                guard start < end else {
                    report("empty-range", "this range ends before it starts", at: range(of: whole))
                    return nil
                }
                return Typed(sql: .parameter(.text(name)), type: .period, constant: .period(start: start, end: end), name: name)
            }
            if let a = Checker.number(a), let b = Checker.number(b) {
                guard a <= b else {
                    report("empty-range", "this range ends before it starts", at: range(of: whole))
                    return nil
                }
                return Typed(sql: .parameter(.text(name)), type: .numberRange, constant: .numberRange(a, b), name: name)
            }
        default: break
        }
        report("bad-range", "a range joins two dates, two months or two numbers: 2016-01..2016-04, 2016-03-01..2016-03-15, 1..5",
               at: range(of: whole))
        return nil
    }

    /// The whole days a date, month or period constant covers.
    static func days(of constant: Typed.Constant) -> (start: CivilDate, end: CivilDate)? {
        switch constant {
        case .date(let date): return (date, date.adding(days: 1))
        case .period(let start, let end): return (start, end)
        default: return nil
        }
    }

    static func number(_ constant: Typed.Constant) -> Double? {
        switch constant {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    // MARK: Operators

    private mutating func binary(_ op: Token, _ left: Expression, _ right: Expression, whole: Expression) -> Typed? {
        // Juxtaposed durations (`1w 2d`) are joined by an unwritten +.
        let word = op.text.isEmpty ? "+" : Checker.normalized(op.text)
        let place = range(of: whole)
        switch word {
        case "and", "or":
            let (l, r) = (check(left), check(right))
            guard let l, let r else { return nil }
            let (lc, rc) = (asCondition(l, left), asCondition(r, right))
            guard let lc, let rc else { return nil }
            return Typed(sql: .binary(word.uppercased(), lc.sql, rc.sql), type: .condition, name: source(of: whole))
        case "in":
            guard let l = check(left) else { return nil }
            return membership(l, right, whole: whole)
        case "~":
            let (l, r) = (check(left), check(right))
            guard let l, let r else { return nil }
            guard l.type == .text || l.type == .any, r.type == .text || r.type == .any else {
                report("type-mismatch", "~ finds text inside text, such as name ~ \"农业\"; here it has \(l.type.described) and \(r.type.described)", at: range(of: op))
                return nil
            }
            return Typed(sql: .contains(l.sql, r.sql), type: .condition, name: source(of: whole))
        case "=", "!=", "<", "<=", ">", ">=":
            guard let (l, r) = pair(left, right) else { return nil }
            guard var compared = compare(word, l, r, at: range(of: op)) else { return nil }
            compared.name = source(of: whole)
            return compared
        default:
            let (l, r) = (check(left), check(right))
            guard let l, let r else { return nil }
            guard var result = arithmetic(word, l, r, at: op.text.isEmpty ? place : range(of: op)) else { return nil }
            result.name = source(of: whole)
            return result
        }
    }

    /// Both sides of a comparison, the side that names a field first, so that a bare word
    /// on the other side can be one of its values (`level = alarm`, `alarm = level`).
    private mutating func pair(_ left: Expression, _ right: Expression) -> (Typed, Typed)? {
        if case .path(let names) = left, names.count == 1, !isName(names[0]) {
            // Two unknown words (`levl = alarm`): the field is the one to report.
            if case .path(let other) = right, other.count == 1, !isName(other[0]) {
                _ = check(left)
                return nil
            }
            let r = check(right)
            let l = check(left, domain: r?.domain)
            guard let l, let r else { return nil }
            return (l, r)
        }
        let l = check(left)
        let r = check(right, domain: l?.domain)
        guard let l, let r else { return nil }
        return (l, r)
    }

    /// Whether a single word names something in scope (so it is not a bare value).
    private func isName(_ token: Token) -> Bool {
        let word = Checker.normalized(token.text)
        if Checker.constantWords.contains(word) { return true }
        if state.isTable { return (try? schema.resolve([word], from: state.table).get()) != nil }
        return state.fields.contains { $0.name == word } || (namesIncludeOutputs && state.outputs.contains { $0.name == word })
    }

    private mutating func membership(_ value: Typed, _ right: Expression, whole: Expression) -> Typed? {
        guard case .list(let items) = right else {
            guard let checked = check(right, domain: value.domain) else { return nil }
            return compare("=", value, checked, at: range(of: whole))
        }
        var checkedItems: [Typed] = []
        for item in items {
            guard let checked = check(item, domain: value.domain) else { return nil }
            checkedItems.append(checked)
        }
        let scalar = !value.type.isTime && checkedItems.allSatisfy { $0.constant != nil && $0.type != .period && $0.type != .numberRange }
        if scalar {
            for item in checkedItems { guard compare("=", value, item, at: range(of: whole)) != nil else { return nil } }
            return Typed(sql: .inList(value.sql, checkedItems.map(\.sql)), type: .condition, name: source(of: whole))
        }
        var alternatives: [SQLExpression] = []
        for item in checkedItems {
            guard let one = compare("=", value, item, at: range(of: whole)) else { return nil }
            alternatives.append(one.sql)
        }
        let any = alternatives.dropFirst().reduce(alternatives[0]) { .binary("OR", $0, $1) }
        return Typed(sql: any, type: .condition, name: source(of: whole))
    }

    private mutating func negate(_ value: Typed, at place: Range<Int>) -> Typed? {
        switch value.constant {
        case .integer(let number): return Typed(sql: .parameter(.integer(-number)), type: .integer, constant: .integer(-number), name: "-" + value.name)
        case .real(let number): return Typed(sql: .parameter(.real(-number)), type: .real, constant: .real(-number), name: "-" + value.name)
        case .duration(let milliseconds, let months):
            let negated = Typed.Constant.duration(milliseconds: -milliseconds, months: -months)
            return Typed(sql: .parameter(.integer(-(value.constant?.approximateMilliseconds ?? 0))), type: .duration, constant: negated, name: "-" + value.name)
        default:
            guard value.type.isNumeric || value.type == .duration || value.type == .any else {
                report("type-mismatch", "- negates a number or a duration, not \(value.type.described)", at: place)
                return nil
            }
            return Typed(sql: .unary("-", value.sql), type: value.type, name: "-" + value.name)
        }
    }

    // MARK: Functions

    private mutating func call(_ nameToken: Token, _ arguments: [Expression], at place: Range<Int>) -> Typed? {
        let name = Checker.normalized(nameToken.text)
        switch name {
        case "month", "year", "date":
            guard let argument = single(arguments, of: name, example: "\(name)(opened)", at: nameToken), let value = check(argument) else { return nil }
            return calendarPart(name, of: value, argument: argument)
        case "days", "hours":
            guard arguments.count == 2 else {
                report("wrong-arguments", "\(name)(a, b) takes two times: the time from a to b, such as \(name)(opened, decided)", at: nameToken)
                return nil
            }
            guard let from = check(arguments[0]), let to = check(arguments[1]) else { return nil }
            guard let difference = arithmetic("-", to, from, at: place), difference.type == .duration else {
                return nil
            }
            let unit = name == "days" ? Milliseconds.day : Milliseconds.hour
            return Typed(sql: .binary("/", difference.sql, .parameter(.real(Double(unit)))), type: .real, name: name)
        case "workdays":
            return workdays(nameToken, arguments)
        case "trend":
            return trend(nameToken, arguments)
        case "count":
            return count(nameToken, arguments)
        case "sum", "avg", "min", "max":
            guard let argument = single(arguments, of: name, example: "\(name)(terminals)", at: nameToken) else { return nil }
            return aggregate(name, argument, at: nameToken)
        default:
            if state.isTable, let collection = schema.sources[state.table]?.collections[name] {
                guard arguments.count <= 1 else {
                    report("wrong-arguments", "\(name)(PERIOD) takes one period, such as \(name)(2016-01..2016-04)", at: nameToken)
                    return nil
                }
                return collectionCount([], collection, period: arguments.first, written: String(nameToken.text), at: nameToken)
            }
            let collections = state.isTable ? Array(schema.sources[state.table]?.collections.keys ?? [:].keys) : []
            report("unknown-function", "unknown function '\(nameToken.text)'" + Suggestion.phrase(for: name, among: Checker.functions + collections)
                + "; the functions are " + Checker.functions.joined(separator: ", "), at: nameToken)
            return nil
        }
    }

    private mutating func single(_ arguments: [Expression], of name: String, example: String, at token: Token) -> Expression? {
        guard arguments.count == 1 else {
            report("wrong-arguments", "\(name)() takes one value, such as \(example)", at: token)
            return nil
        }
        return arguments[0]
    }

    /// `month(x)` as `YYYY-MM`, `year(x)` as a number, `date(x)` as the local date.
    private mutating func calendarPart(_ name: String, of value: Typed, argument: Expression) -> Typed? {
        let part: (format: String, type: ValueType, length: Int) = switch name {
        case "month": ("%Y-%m", .text, 7)
        case "year": ("%Y", .integer, 4)
        default: ("%Y-%m-%d", .date, 10)
        }
        if let constant = value.constant, let day = Checker.days(of: constant)?.start ?? Checker.instantDate(constant) {
            let text = String(day.description.prefix(part.length))
            let sql: SQLExpression = part.type == .integer ? .parameter(.integer(Int64(text)!)) : .parameter(.text(text))
            return Typed(sql: sql, type: part.type, name: name)
        }
        var sql: SQLExpression
        switch value.type {
        case .instant:
            // date() is SQLite's quickest way to a day; strftime for months, years and written offsets.
            sql = name == "date" && value.localOffset == nil
                ? .function("date", [.binary("/", value.sql, .parameter(.integer(1000))), .parameter(.text("unixepoch")), .parameter(.text("+8 hours"))])
                : Checker.localTime(part.format, value.sql, offset: value.localOffset)
        case .date: sql = .function("substr", [value.sql, .parameter(.integer(1)), .parameter(.integer(Int64(part.length)))])
        default:
            report("type-mismatch", "\(name)() takes a date or a time, such as \(name)(opened); this is \(value.type.described)", at: range(of: argument))
            return nil
        }
        if part.type == .integer { sql = .cast(sql, as: "INTEGER") }
        return Typed(sql: sql, type: part.type, name: name)
    }

    /// `workdays(a, b)`: the working days after `a` up to and including `b` by the
    /// holiday calendar, counted by the store's SQL function of that name. Dates go as
    /// `YYYY-MM-DD` text and instants as milliseconds (days in Beijing time), as stored;
    /// a time kept with its written offset goes as its local date as written.
    private mutating func workdays(_ nameToken: Token, _ arguments: [Expression]) -> Typed? {
        guard arguments.count == 2 else {
            report("wrong-arguments", "workdays(a, b) takes two dates or times: the working days after a up to b, "
                + "such as workdays(occurred, recorded)", at: nameToken)
            return nil
        }
        let (from, to) = (check(arguments[0]), check(arguments[1]))
        let (start, end) = (from.flatMap { workdayArgument($0, arguments[0]) }, to.flatMap { workdayArgument($0, arguments[1]) })
        guard let start, let end else { return nil }
        return Typed(sql: .function("workdays", [start, end]), type: .integer, name: "workdays")
    }

    /// One argument of `workdays` as the SQL function takes it, or nil after saying why not.
    private mutating func workdayArgument(_ value: Typed, _ argument: Expression) -> SQLExpression? {
        switch value.type {
        case .date, .any:
            return value.sql
        case .instant:
            guard value.localOffset != nil else { return value.sql }
            return Checker.localTime("%Y-%m-%d", value.sql, offset: value.localOffset)
        default:
            var hint = ""
            if case .text(let text)? = value.constant, CivilDate(text) != nil { hint = "; a date is written without quotes: \(text)" }
            if value.type == .period { hint = "; a month or range is many days: write one date, such as 2016-05-01" }
            report("type-mismatch", "workdays(a, b) takes two dates or times, such as workdays(occurred, recorded) or workdays(due, today); "
                + "this is \(value.type.described)" + hint, at: range(of: argument))
            return nil
        }
    }

    private static func instantDate(_ constant: Typed.Constant) -> CivilDate? {
        guard case .instant(let instant) = constant else { return nil }
        return ChinaTime.date(of: instant)
    }

    /// `strftime(format, instant)` in Asia/Shanghai local time, or in the local time
    /// written with the instant when it carries its offset.
    static func localTime(_ format: String, _ instant: SQLExpression, offset: SQLExpression? = nil) -> SQLExpression {
        guard offset != nil else {
            return .function("strftime", [.parameter(.text(format)), .binary("/", instant, .parameter(.integer(1000))),
                                          .parameter(.text("unixepoch")), .parameter(.text("+8 hours"))])
        }
        return .function("strftime", [.parameter(.text(format)), .binary("/", writtenLocal(instant, offset: offset), .parameter(.integer(1000))),
                                      .parameter(.text("unixepoch"))])
    }

    /// The instant moved by its written offset: milliseconds of the local time as
    /// written, counted as if it were UTC (no offset written: UTC).
    static func writtenLocal(_ instant: SQLExpression, offset: SQLExpression?) -> SQLExpression {
        guard let offset else { return instant }
        return .binary("+", instant, .binary("*", .function("coalesce", [offset, .parameter(.integer(0))]), .parameter(.integer(60_000))))
    }

    private mutating func count(_ token: Token, _ arguments: [Expression]) -> Typed? {
        if arguments.isEmpty { return aggregateResult(.function("count", [.star]), type: .integer, name: "count", at: token) }
        guard arguments.count == 1 else {
            report("wrong-arguments", "count takes one thing to count: count(), count(cases), count(distinct operator)", at: token)
            return nil
        }
        let argument = arguments[0]
        if case .path(let names) = argument, state.isTable,
           case .success(.collection(let through, let collection)) = schema.resolve(names.map { Checker.normalized($0.text) }, from: state.table) {
            return collectionCount(through, collection, period: nil, written: names.map { String($0.text) }.joined(separator: "."), at: names[0])
        }
        if case .call(let name, let inner) = argument, state.isTable, let collection = schema.sources[state.table]?.collections[Checker.normalized(name.text)] {
            return collectionCount([], collection, period: inner.first, written: String(name.text), at: name)
        }
        if case .unary(let op, let operand) = argument, Checker.normalized(op.text) == "distinct" {
            guard let value = check(operand) else { return nil }
            return aggregateResult(.countDistinct(value.sql), type: .integer, name: "count", at: token)
        }
        guard let value = check(argument) else { return nil }
        return aggregateResult(.function("count", [value.sql]), type: .integer, name: "count", at: token)
    }

    private mutating func aggregate(_ name: String, _ argument: Expression, at token: Token) -> Typed? {
        guard let value = check(argument) else { return nil }
        guard !value.aggregate else {
            report("nested-aggregate", "a total cannot contain another total", at: range(of: argument))
            return nil
        }
        let type: ValueType
        switch name {
        case "min", "max": type = value.type
        case "avg": type = value.type == .duration ? .duration : .real
        default: type = value.type == .duration ? .duration : (value.type == .real ? .real : .integer)
        }
        guard value.type.isNumeric || value.type == .duration || value.type == .any || (type == value.type && name != "sum") else {
            report("type-mismatch", "\(name)() adds up numbers or durations; this is \(value.type.described)", at: range(of: argument))
            return nil
        }
        var sql = SQLExpression.function(name, [value.sql])
        if name == "avg" && type == .duration { sql = .cast(.function("round", [sql]), as: "INTEGER") }
        return aggregateResult(sql, type: type, name: "\(name)_\(value.name)", at: token)
    }

    private mutating func aggregateResult(_ sql: SQLExpression, type: ValueType, name: String, at token: Token) -> Typed? {
        guard aggregatesAllowed else {
            report("misplaced-aggregate", "totals such as \(token.text)() belong in count by or group by ... aggregate \(token.text)(...)", at: token)
            return nil
        }
        return Typed(sql: sql, type: type, name: name, aggregate: true)
    }

    /// The time of a counted table's rows under `alias`, read with its written offset
    /// where it has one (imported steps).
    func countedTime(_ table: String, field: String, kind: ColumnKind, alias: String) -> Typed {
        var time = Typed(sql: .column(table: alias, name: field), type: ValueType(kind), name: field)
        if context.writtenOffsetsVary {
            time.localOffset = QuerySchema.writtenOffsets[table + "." + field].map { .column(table: alias, name: $0) }
        }
        return time
    }

    /// How many rows of a to-many relation belong to each row, optionally within a period
    /// of the counted table's own time (`cases(2016-01..2016-04)`: cases opened then).
    private mutating func collectionCount(_ through: [QuerySchema.Relation], _ collection: QuerySchema.Collection,
                                          period: Expression?, written: String, at token: Token) -> Typed? {
        let outer = joinAlias(through)
        subqueries += 1
        let alias = "c\(subqueries)"
        var filter = SQLExpression.binary("=", .column(table: alias, name: collection.column), .column(table: outer, name: "id"))
        var description = "count of \(collection.table) by \(collection.column)"
        if let period {
            guard let checked = check(period) else { return nil }
            guard let field = QuerySchema.timeFields[collection.table],
                  let kind = SchemaDescription.table(named: collection.table)?.column(field)?.kind else {
                report("no-period", "\(collection.table) have no time to count by; write count(\(written))", at: token)
                return nil
            }
            guard checked.constant.flatMap(Checker.days(of:)) != nil || checked.type == .instant && checked.constant != nil else {
                report("expected-period", "\(written)(...) takes a period: a month 2016-05, a range 2016-01..2016-04 or a date",
                       at: range(of: period))
                return nil
            }
            let time = countedTime(collection.table, field: field, kind: kind, alias: alias)
            guard let within = compare("=", time, checked, at: range(of: period)) else { return nil }
            filter = .binary("AND", filter, within.sql)
            description += ", \(field) in \(source(of: period))"
        }
        var select = SQLSelect(columns: [SQLSelect.Column(.function("count", [.star]), as: "count", kind: .integer)],
                               from: .table(collection.table), alias: alias)
        select.filter = filter
        resolutions.append("\(written) → \(description)")
        var rows = select
        rows.columns = [SQLSelect.Column(.column(table: alias, name: collection.column), as: "row", kind: .integer)]
        return Typed(sql: .subquery(select), type: .integer, name: collection.name, counted: .exists(rows))
    }
}
