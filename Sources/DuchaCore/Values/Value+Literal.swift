extension Value {
    /// The value as SQL would write it (`'市农业局'`, `12`, `NULL`), for showing bound
    /// parameters to people (`explain`, snapshots). Never used to build a statement.
    public var sqlLiteral: String {
        switch self {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number): return "\(number)"
        case .text(let text): return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .blob(let bytes): return "x'" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "'"
        }
    }
}
