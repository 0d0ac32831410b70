import DuchaCore

extension Checker {
    /// The nouns messages use for a table's rows.
    static func noun(_ table: String) -> String {
        if table == "workflow_steps" { return "workflow step" }
        if let entity = Entity(rawValue: table), let first = entity.aliases.first, first.allSatisfy(\.isASCII) { return first }
        return table
    }

    /// Words that mean a value wherever no field of that name exists.
    static let constantWords = ["today", "now", "true", "false", "yes", "no", "null"]

    // MARK: Paths

    /// What a dotted path names here: a field, a relation (its label), or, as a last
    /// resort, a word of `domain` (`level = alarm`, `dept = 市农业局`).
    mutating func resolve(_ names: [Token], domain: Typed.Domain?) -> Typed? {
        let words = names.map { Checker.normalized($0.text) }
        let written = names.map { String($0.text) }.joined(separator: ".")
        if namesIncludeOutputs, words.count == 1, let output = state.outputs.first(where: { $0.name == words[0] }) {
            return output.typed
        }
        // A word of the compared field's values is that value, even where a field has the
        // same name (`status = closed` on orders, which also have a `closed` time).
        if words.count == 1, case .words(let values)? = domain, values.contains(words[0]),
           let value = constant(word: words[0], domain: domain, token: names[0]) {
            return value
        }
        var failure: QuerySchema.UnknownName?
        if namesOnlyOutputs {
            if words.count == 1, let value = constant(word: words[0], domain: domain, token: names[0]) { return value }
            let columns = state.outputs.map(\.name)
            report("unknown-name", "unknown column '\(written)'" + Suggestion.phrase(for: written, among: columns)
                + "; the rows here have the columns " + columns.joined(separator: ", "), at: names[0])
            return nil
        }
        if state.isTable {
            switch schema.resolve(words, from: state.table) {
            case .success(.field(let through, let field)):
                let alias = joinAlias(through)
                resolutions.append("\(written) → \(field.column) of \(through.last?.target ?? state.table)" + via(through) + " (\(ValueType(field.kind).rawValue))")
                return typed(field, alias: alias, name: String(names.last!.text))
            case .success(.relation(let through, let relation)):
                let target = SchemaDescription.table(named: relation.target)
                resolutions.append("\(written) → \(target?.labelColumn ?? "id") of \(relation.target)" + via(through + [relation]) + " (text)")
                return label(of: through + [relation], name: String(names.last!.text))
            case .success(.collection(_, let collection)):
                report("not-countable-here", "\(written) is the \(collection.name) of each row; count them: count(\(written)) "
                    + "or \(written)(2016-01..2016-04)", at: range(of: names[0]).lowerBound..<range(of: names.last!).upperBound)
                return nil
            case .failure(let unknown):
                failure = unknown
            }
        } else if words.count == 1, let field = state.fields.first(where: { $0.name == words[0] }) {
            return field.typed
        }
        if words.count == 1, let value = constant(word: words[0], domain: domain, token: names[0]) { return value }
        reportUnknown(names, failure: failure)
        return nil
    }

    /// A bare word that is not a field: `today`, `now`, `true`, `null`, or a value of the domain it is compared with.
    private func constant(word: String, domain: Typed.Domain?, token: Token) -> Typed? {
        switch word {
        case "today":
            return Typed(sql: .parameter(.text(context.today.description)), type: .date, constant: .date(context.today), name: "today")
        case "now":
            return Typed(sql: .parameter(.integer(context.now.millisecondsSinceEpoch)), type: .instant, constant: .instant(context.now), name: "now")
        case "true", "yes":
            return Typed(sql: .parameter(.integer(1)), type: .flag, constant: .bool(true), name: word)
        case "false", "no":
            return Typed(sql: .parameter(.integer(0)), type: .flag, constant: .bool(false), name: word)
        case "null":
            return Typed(sql: .null, type: .null, constant: .null, name: "null")
        default:
            guard domain != nil else { return nil }
            let value = String(token.text)
            return Typed(sql: .parameter(.text(value)), type: .text, constant: .text(value), name: value)
        }
    }

    private mutating func reportUnknown(_ names: [Token], failure: QuerySchema.UnknownName?) {
        let index = failure?.index ?? 0
        let token = names[min(index, names.count - 1)]
        let name = String(token.text)
        if let failure, index > 0 {
            report("unknown-name", "\(Checker.noun(failure.table)) has no field or relation '\(name)'"
                + Suggestion.phrase(for: name, among: failure.candidates), at: token)
            return
        }
        if state.isTable, let collection = schema.sources[state.table]?.collections[Checker.normalized(token.text)] {
            report("to-many", "'\(name)' holds many \(collection.table) for each of \(state.table); count them with count(\(name)) or "
                + "\(name)(PERIOD), or start from them: \(collection.table) | group by ... aggregate ...", at: token)
            return
        }
        let scope = state.isTable ? (failure?.candidates ?? []) + Checker.constantWords : state.fields.map(\.name)
        let extra = namesIncludeOutputs ? state.outputs.map(\.name) : []
        let hint = state.isTable ? "" : "; after a stage that shapes rows, the fields are " + state.fields.map(\.name).joined(separator: ", ")
        report("unknown-name", "unknown field '\(name)'" + Suggestion.phrase(for: name, among: scope + extra) + hint, at: token)
    }

    private func via(_ through: [QuerySchema.Relation]) -> String {
        through.isEmpty ? "" : " via " + through.map(\.name).joined(separator: ".")
    }

    /// Field names are ASCII and matched without regard to case; Chinese stays as written.
    static func normalized(_ name: Substring) -> String {
        name.allSatisfy(\.isASCII) ? name.lowercased() : String(name)
    }

    // MARK: Joins

    /// The alias under which the row at the end of `through` is joined (joining what is
    /// missing), or the source's own alias for an empty path.
    mutating func joinAlias(_ through: [QuerySchema.Relation]) -> String {
        var alias = state.select.fromAlias
        var key = ""
        var table = state.table
        var inner = true
        for relation in through {
            key += (key.isEmpty ? "" : ".") + relation.name
            let nullable = SchemaDescription.table(named: table)?.column(relation.column)?.nullable ?? true
            inner = inner && !nullable
            if let existing = state.joins[key] {
                alias = existing
            } else {
                state.select.joins.append(SQLSelect.Join(table: relation.target, alias: key,
                                                         on: .binary("=", .column(table: key, name: "id"), .column(table: alias, name: relation.column)),
                                                         inner: inner))
                state.joins[key] = key
                alias = key
            }
            table = relation.target
        }
        return alias
    }

    /// The label (name or number) of the row at the end of `through`.
    mutating func label(of through: [QuerySchema.Relation], name: String) -> Typed {
        let alias = joinAlias(through)
        let referrer = joinAlias(Array(through.dropLast()))
        let target = through.last!.target
        let column = SchemaDescription.table(named: target)?.labelColumn ?? "id"
        return Typed(sql: .column(table: alias, name: column), type: column == "id" ? .integer : .text,
                     domain: .stored(table: target, column: column), name: name,
                     identity: .column(table: referrer, name: through.last!.column))
    }

    /// A stored field under `alias`.
    func typed(_ field: QuerySchema.Field, alias: String, name: String) -> Typed {
        var domain: Typed.Domain?
        if let values = field.values {
            domain = .words(values)
        } else if field.name == "name" || field.name == "code" {
            let table = state.select.joins.first { $0.alias == alias }?.table ?? state.table
            domain = .stored(table: table, column: field.column)
        }
        var typed = Typed(sql: .column(table: alias, name: field.column), type: ValueType(field.kind), domain: domain, name: name)
        if context.writtenOffsetsVary { typed.localOffset = field.offsetColumn.map { .column(table: alias, name: $0) } }
        return typed
    }
}
