import DuchaCore

extension Checker {
    // MARK: trend

    /// The most months one trend counts: a sparkline longer than that no longer reads
    /// at a glance, and each month is one total in the statement.
    static let trendMonthLimit = 60

    /// `trend(cases, 2016-01..2016-05)`: for each row, how many rows of a to-many relation
    /// fall in each month of the period (by the counted rows' own time, as `cases(PERIOD)`
    /// counts), as text such as `0,3,5,9,2`; a month without rows is 0. One correlated
    /// subquery per row reads the related rows of the whole period once (through the index
    /// on the foreign key) and totals each month's.
    mutating func trend(_ nameToken: Token, _ arguments: [Expression]) -> Typed? {
        guard arguments.count == 2 else {
            report("wrong-arguments", "trend(ROWS, MONTHS) counts related rows month by month, such as \(Checker.trendExample)", at: nameToken)
            return nil
        }
        guard let (through, collection, written) = trendRows(arguments[0], at: nameToken) else { return nil }
        guard let field = QuerySchema.timeFields[collection.table],
              let kind = SchemaDescription.table(named: collection.table)?.column(field)?.kind else {
            report("no-period", "\(collection.table) have no time to count by month; write count(\(written))", at: range(of: arguments[0]))
            return nil
        }
        guard let period = check(arguments[1]) else { return nil }
        let place = range(of: arguments[1])
        guard let (start, end) = period.constant.flatMap(Checker.days(of:)), start.day == 1, end.day == 1 else {
            let what = period.type == .period ? "\(period.name) starts or ends inside a month" : "this is \(period.type.described)"
            report("expected-months", "trend(\(written), MONTHS) takes whole months: a month such as 2016-05 or a range such as "
                + "2016-01..2016-06; " + what, at: place)
            return nil
        }
        var months: [CivilDate] = []
        var month = start
        while month < end && months.count <= Checker.trendMonthLimit {
            months.append(month)
            month = month.firstOfNextMonth
        }
        guard months.count <= Checker.trendMonthLimit else {
            report("too-long", "a trend of more than \(Checker.trendMonthLimit) months does not read at a glance; "
                + "write a shorter range, such as 2016-01..2016-12", at: place)
            return nil
        }
        let outer = joinAlias(through)
        subqueries += 1
        let alias = "c\(subqueries)"
        let time = countedTime(collection.table, field: field, kind: kind, alias: alias)
        guard let within = compare("=", time, period, at: place) else { return nil }
        var totals: [SQLExpression] = [.parameter(.text(Array(repeating: "%d", count: months.count).joined(separator: ",")))]
        for month in months {
            let name = String(month.description.prefix(7))
            let one = Typed(sql: .parameter(.text(name)), type: .period, constant: .period(start: month, end: month.firstOfNextMonth), name: name)
            guard let inMonth = compare("=", time, one, at: place) else { return nil }
            // A condition is 0 or 1: its total is the month's count, 0.0 without rows.
            totals.append(.function("total", [inMonth.sql]))
        }
        var select = SQLSelect(columns: [SQLSelect.Column(.function("printf", totals), as: "trend", kind: .text)],
                               from: .table(collection.table), alias: alias)
        select.filter = .binary("AND", .binary("=", .column(table: alias, name: collection.column), .column(table: outer, name: "id")), within.sql)
        let first = String(months[0].description.prefix(7)), last = String(months[months.count - 1].description.prefix(7))
        resolutions.append("trend(\(written), \(source(of: arguments[1]))) → \(collection.table) by \(collection.column) "
            + "per month of \(field), \(first) to \(last) (\(months.count) \(months.count == 1 ? "month" : "months"))")
        return Typed(sql: .subquery(select), type: .monthlyCounts, name: "trend")
    }

    static let trendExample = "trend(cases, 2016-01..2016-06)"

    /// The to-many relation a trend counts, or nil after saying what would be right.
    private mutating func trendRows(_ argument: Expression, at nameToken: Token)
        -> (through: [QuerySchema.Relation], collection: QuerySchema.Collection, written: String)? {
        guard state.isTable else {
            report("not-countable-here", "trend counts the rows that belong to each row of a source, so it goes before the stages that "
                + "shape rows, such as departments | select name, \(Checker.trendExample)", at: nameToken)
            return nil
        }
        let collections = (schema.sources[state.table]?.collections.keys).map { Array($0).sorted() } ?? []
        let hint = collections.isEmpty ? "; no rows belong to \(state.table)" : "; here those are " + collections.joined(separator: ", ")
        guard case .path(let names) = argument else {
            report("type-mismatch", "trend(ROWS, MONTHS) counts, month by month, the rows that belong to each row, such as "
                + Checker.trendExample + hint, at: range(of: argument))
            return nil
        }
        let written = names.map { String($0.text) }.joined(separator: ".")
        let place = range(of: argument)
        switch schema.resolve(names.map { Checker.normalized($0.text) }, from: state.table) {
        case .success(.collection(let through, let collection)):
            return (through, collection, written)
        case .success:
            report("type-mismatch", "trend(ROWS, MONTHS) counts, month by month, the rows that belong to each row, such as "
                + Checker.trendExample + hint + "; '\(written)' is a field, one value per row", at: place)
        case .failure:
            report("unknown-name", "unknown rows '\(written)'" + Suggestion.phrase(for: written, among: collections) + hint, at: place)
        }
        return nil
    }
}
