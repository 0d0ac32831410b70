import DuchaCore

/// Prints an `SQLSelect` as SQLite text and its parameters, in order of appearance.
public struct SQLPrinter {
    private var parameters: [Value] = []

    /// The statement for `select`, ready for the store.
    public static func statement(_ select: SQLSelect) -> SQLStatement {
        var printer = SQLPrinter()
        let text = printer.print(select)
        return SQLStatement(text, parameters: printer.parameters,
                            columns: select.columns.map { ResultColumn($0.alias, $0.kind) })
    }

    private mutating func print(_ select: SQLSelect) -> String {
        var text = "SELECT " + (select.distinct ? "DISTINCT " : "")
        text += select.columns.map { print($0.expression) + " AS " + SQLStatement.quoted($0.alias) }.joined(separator: ", ")
        switch select.from {
        case .table(let name): text += " FROM " + SQLStatement.quoted(name)
        case .select(let inner): text += " FROM (" + print(inner) + ")"
        }
        text += " AS " + SQLStatement.quoted(select.fromAlias)
        for join in select.joins {
            text += (join.inner ? " JOIN " : " LEFT JOIN ") + SQLStatement.quoted(join.table) + " AS " + SQLStatement.quoted(join.alias) + " ON " + print(join.condition)
        }
        if let filter = select.filter { text += " WHERE " + print(filter) }
        if !select.grouping.isEmpty { text += " GROUP BY " + select.grouping.map { print($0) }.joined(separator: ", ") }
        if !select.ordering.isEmpty {
            text += " ORDER BY " + select.ordering.map { print($0.expression) + ($0.descending ? " DESC" : "") }.joined(separator: ", ")
        }
        if let limit = select.limit { text += " LIMIT " + print(limit) }
        return text
    }

    private mutating func print(_ expression: SQLExpression) -> String {
        switch expression {
        case .column(let table, let name): return SQLStatement.quoted(table) + "." + SQLStatement.quoted(name)
        case .parameter(let value):
            parameters.append(value)
            return "?"
        case .null: return "NULL"
        case .binary(let op, let left, let right):
            // A chain of AND (or OR) is printed flat: SQLite's parser has a bounded stack,
            // and a hundred nested parentheses overflow it.
            if op == "AND" || op == "OR" {
                var operands = [right]
                var rest = left
                while case .binary(op, let innerLeft, let innerRight) = rest {
                    operands.append(innerRight)
                    rest = innerLeft
                }
                operands.append(rest)
                return "(" + operands.reversed().map { print($0) }.joined(separator: " " + op + " ") + ")"
            }
            return "(" + print(left) + " " + op + " " + print(right) + ")"
        case .unary(let op, let operand): return "(" + op + (op.last?.isLetter == true ? " " : "") + print(operand) + ")"
        case .function(let name, let arguments): return name + "(" + arguments.map { print($0) }.joined(separator: ", ") + ")"
        case .exists(let select): return "EXISTS (" + print(select) + ")"
        case .ordinal(let position): return String(position)
        case .cast(let value, let type): return "CAST(" + print(value) + " AS " + type + ")"
        case .countDistinct(let value): return "count(DISTINCT " + print(value) + ")"
        case .star: return "*"
        case .isNull(let value, let negated): return "(" + print(value) + (negated ? " IS NOT NULL)" : " IS NULL)")
        case .inList(let value, let items): return "(" + print(value) + " IN (" + items.map { print($0) }.joined(separator: ", ") + "))"
        case .contains(let haystack, let needle): return "(instr(" + print(haystack) + ", " + print(needle) + ") > 0)"
        case .subquery(let select): return "(" + print(select) + ")"
        }
    }
}
