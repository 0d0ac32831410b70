import DuchaCore

/// A SELECT statement as a tree. The compiler builds it; `SQLPrinter` turns it into text
/// with every value as a `?` parameter. Identifiers come from the schema description,
/// never from input, and are always quoted.
public struct SQLSelect: Hashable, Sendable {
    /// One output column.
    public struct Column: Hashable, Sendable {
        /// Its value.
        public var expression: SQLExpression
        /// Its name in the result.
        public var alias: String
        /// What it holds, for the renderers.
        public var kind: ColumnKind

        /// Makes an output column.
        public init(_ expression: SQLExpression, as alias: String, kind: ColumnKind) {
            self.expression = expression
            self.alias = alias
            self.kind = kind
        }
    }

    /// A join of a table under an alias on a condition: inner when the foreign key
    /// cannot be empty (so the planner may reorder it), LEFT otherwise.
    public struct Join: Hashable, Sendable {
        /// The table joined.
        public var table: String
        /// Its alias.
        public var alias: String
        /// The ON condition.
        public var condition: SQLExpression
        /// Whether every row has a partner (an inner join), or not (a LEFT join).
        public var inner: Bool

        /// Makes a join.
        public init(table: String, alias: String, on condition: SQLExpression, inner: Bool = false) {
            self.table = table
            self.alias = alias
            self.condition = condition
            self.inner = inner
        }
    }

    /// One ORDER BY key.
    public struct Ordering: Hashable, Sendable {
        /// The value sorted on.
        public var expression: SQLExpression
        /// Descending when true.
        public var descending: Bool

        /// Makes a sort key.
        public init(_ expression: SQLExpression, descending: Bool = false) {
            self.expression = expression
            self.descending = descending
        }
    }

    /// The output columns.
    public var columns: [Column]
    /// Whether to drop duplicate rows.
    public var distinct = false
    /// The table read, or a subquery.
    public var from: Source
    /// The alias of `from`.
    public var fromAlias: String
    /// Joins, in order.
    public var joins: [Join] = []
    /// The WHERE condition.
    public var filter: SQLExpression?
    /// GROUP BY expressions.
    public var grouping: [SQLExpression] = []
    /// ORDER BY keys.
    public var ordering: [Ordering] = []
    /// LIMIT.
    public var limit: SQLExpression?

    /// What a SELECT reads from.
    public indirect enum Source: Hashable, Sendable {
        /// A stored table.
        case table(String)
        /// A nested SELECT (a pipeline stage on top of the previous ones).
        case select(SQLSelect)
    }

    /// Makes a SELECT of `columns` from `from` under `alias`.
    public init(columns: [Column], from: Source, alias: String) {
        self.columns = columns
        self.from = from
        self.fromAlias = alias
    }
}

/// An expression of the SQL tree.
public indirect enum SQLExpression: Hashable, Sendable {
    /// `alias."column"`.
    case column(table: String, name: String)
    /// A value, printed as `?` and bound.
    case parameter(Value)
    /// `NULL`.
    case null
    /// A binary operator: `=`, `<>`, `<`, `<=`, `>`, `>=`, `AND`, `OR`, `+`, `-`, `*`, `/`, `||`.
    case binary(String, SQLExpression, SQLExpression)
    /// `NOT x` or `-x`.
    case unary(String, SQLExpression)
    /// A function call: `count(*)` is `.function("count", [.star])`.
    case function(String, [SQLExpression])
    /// `*` inside `count(*)`.
    case star
    /// `x IS NULL` / `x IS NOT NULL`.
    case isNull(SQLExpression, negated: Bool)
    /// `x IN (a, b)`.
    case inList(SQLExpression, [SQLExpression])
    /// `EXISTS (SELECT ...)`.
    case exists(SQLSelect)
    /// The n-th result column (from 1) in GROUP BY or ORDER BY; a position, never a value.
    case ordinal(Int)
    /// `CAST(x AS type)`.
    case cast(SQLExpression, as: String)
    /// `count(DISTINCT x)`.
    case countDistinct(SQLExpression)
    /// `instr(x, y) > 0`, the language's `~` (contains) without LIKE's wildcards.
    case contains(SQLExpression, SQLExpression)
    /// A scalar subquery: `(SELECT ...)`.
    case subquery(SQLSelect)
}
