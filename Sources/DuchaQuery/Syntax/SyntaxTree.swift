/// The syntax tree of one query, as written: names are not resolved yet (the checker
/// does that). The parser never fails: what is missing becomes `.missing` and what is
/// unexpected is skipped with a diagnostic, so every prefix of a query has a tree.
public struct Pipeline: Hashable, Sendable {
    /// The source name (`cases`, `部门`), nil when the query starts with something else.
    public var source: Token?
    /// The stages after the source, in order.
    public var stages: [Stage]
}

/// One stage after a `|`.
public struct Stage: Hashable, Sendable {
    /// The stage's keyword (`where`, `select` ...).
    public var keyword: Token
    /// What the stage does.
    public var kind: Kind

    /// The stages of the language.
    public enum Kind: Hashable, Sendable {
        /// `where CONDITION`
        case filter(Expression)
        /// `select EXPR [as NAME], ...`
        case select([Projection])
        /// `sort EXPR [asc|desc], ...`
        case sort([SortKey])
        /// `take N`
        case take(Expression)
        /// `count` or `count by EXPR, ...`
        case count(by: [Expression])
        /// `group by EXPR, ... aggregate FUNC(...) [as NAME], ...`
        case group(by: [Expression], aggregates: [Projection])
        /// `distinct`
        case distinct
        /// `assert CONDITION "message"`
        case assertion(Expression, message: Token?)
        /// `chart bar` or `chart line`: the rows drawn for a person; the last stage.
        /// The style is nil when it is missing.
        case chart(style: Token?)
        /// A keyword that is not a stage; the diagnostics say which stages there are.
        case unknown
    }
}

/// `EXPR [as NAME]` in `select` and `aggregate`.
public struct Projection: Hashable, Sendable {
    /// The value.
    public var expression: Expression
    /// The name given with `as`.
    public var alias: Token?
}

/// `EXPR [asc|desc]` in `sort`.
public struct SortKey: Hashable, Sendable {
    /// The value sorted on.
    public var expression: Expression
    /// Whether `desc` was written.
    public var descending: Bool
}

/// An expression as written.
public indirect enum Expression: Hashable, Sendable {
    /// A string, number, date, month or duration.
    case literal(Token)
    /// A name or a dotted path of names: `opened`, `dept.region.name`, `alarm`, `today`.
    case path([Token])
    /// `name(arguments)`: a function, or a to-many relation with a period (`cases(2016-01..2016-04)`).
    case call(name: Token, arguments: [Expression])
    /// `not x`, `-x`.
    case unary(operator: Token, operand: Expression)
    /// `a OP b` for comparisons, `~`, `in`, arithmetic, `and`, `or`.
    case binary(operator: Token, left: Expression, right: Expression)
    /// `a..b`.
    case range(lower: Expression, upper: Expression)
    /// `x is null`, `x is not null`.
    case isNull(Expression, negated: Bool)
    /// `x between a and b`.
    case between(Expression, lower: Expression, upper: Expression)
    /// `(a, b, c)` after `in`.
    case list([Expression])
    /// Something was expected here and is missing; the offset is in characters.
    case missing(at: Int)
}
