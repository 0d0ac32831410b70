extension Expression {
    /// The first token written for this expression, nil for a missing one.
    public var firstToken: Token? {
        switch self {
        case .literal(let token): return token
        case .path(let names): return names.first
        case .call(let name, _): return name
        case .unary(let op, _): return op
        case .binary(_, let left, _): return left.firstToken
        case .range(let lower, _): return lower.firstToken
        case .isNull(let value, _), .between(let value, _, _): return value.firstToken
        case .list(let items): return items.first?.firstToken
        case .missing: return nil
        }
    }

    /// The last token written for this expression that the tree keeps (closing
    /// parentheses and `null` are not kept), nil for a missing one.
    public var lastToken: Token? {
        switch self {
        case .literal(let token): return token
        case .path(let names): return names.last
        case .call(let name, let arguments): return arguments.last?.lastToken ?? name
        case .unary(let op, let operand): return operand.lastToken ?? op
        case .binary(let op, let left, let right): return right.lastToken ?? left.lastToken ?? op
        case .range(let lower, let upper): return upper.lastToken ?? lower.lastToken
        case .isNull(let value, _): return value.lastToken
        case .between(let value, _, let upper): return upper.lastToken ?? value.lastToken
        case .list(let items): return items.last?.lastToken
        case .missing: return nil
        }
    }
}
