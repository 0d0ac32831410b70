extension Pipeline {
    /// A deterministic one-line dump of the tree: stages as written, expressions as
    /// prefix forms, e.g. `cases | where (= region "万源市") | count`.
    public var dump: String {
        ([source.map { String($0.text) } ?? "<missing>"] + stages.map(\.dump)).joined(separator: " | ")
    }
}

extension Stage {
    /// The stage as a dump.
    public var dump: String {
        switch kind {
        case .filter(let condition): return "where " + condition.dump
        case .select(let items): return "select " + items.map(\.dump).joined(separator: ", ")
        case .sort(let keys): return "sort " + keys.map { $0.expression.dump + ($0.descending ? " desc" : "") }.joined(separator: ", ")
        case .take(let count): return "take " + count.dump
        case .count(let keys): return keys.isEmpty ? "count" : "count by " + keys.map(\.dump).joined(separator: ", ")
        case .group(let keys, let aggregates):
            return "group by " + keys.map(\.dump).joined(separator: ", ") + " aggregate " + aggregates.map(\.dump).joined(separator: ", ")
        case .distinct: return "distinct"
        case .assertion(let condition, let message): return "assert " + condition.dump + (message.map { " " + $0.text } ?? "")
        case .chart(let style): return "chart " + (style.map { String($0.text) } ?? "<missing>")
        case .unknown: return "<unknown \(keyword.text)>"
        }
    }
}

extension Projection {
    /// The projection as a dump.
    public var dump: String { expression.dump + (alias.map { " as " + $0.text } ?? "") }
}

extension Expression {
    /// The expression in prefix form.
    public var dump: String {
        switch self {
        case .literal(let token): return token.kind == .string ? "\"" + token.stringValue + "\"" : String(token.text)
        case .path(let names): return names.map { String($0.text) }.joined(separator: ".")
        case .call(let name, let arguments): return name.text + "(" + arguments.map(\.dump).joined(separator: ", ") + ")"
        case .unary(let op, let operand): return "(" + op.text + " " + operand.dump + ")"
        case .binary(let op, let left, let right): return "(" + op.text + " " + left.dump + " " + right.dump + ")"
        case .range(let lower, let upper): return "(.. " + lower.dump + " " + upper.dump + ")"
        case .isNull(let value, let negated): return "(" + (negated ? "is-not-null " : "is-null ") + value.dump + ")"
        case .between(let value, let lower, let upper): return "(between " + value.dump + " " + lower.dump + " " + upper.dump + ")"
        case .list(let items): return "(list " + items.map(\.dump).joined(separator: " ") + ")"
        case .missing: return "<missing>"
        }
    }
}
