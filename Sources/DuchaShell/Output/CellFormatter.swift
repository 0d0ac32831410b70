import DuchaCore

/// Turns stored values into the text a person reads: instants in Asia/Shanghai local
/// time, flags as yes/no, NULL as the chosen null text, control characters escaped.
public struct CellFormatter: Sendable {
    /// Shown for SQL NULL in human-readable modes.
    public var nullText: String = "NULL"

    /// Makes a formatter.
    public init(nullText: String = "NULL") {
        self.nullText = nullText
    }

    /// The cell as a person reads it, on one line (control characters escaped).
    public func display(_ value: Value, kind: ColumnKind) -> String {
        switch value {
        case .null: return nullText
        case .text(let text): return text.escapingControlCharacters
        default: return plain(value, kind: kind)
        }
    }

    /// The cell without escaping or null text: for CSV and other machine formats.
    public func plain(_ value: Value, kind: ColumnKind) -> String {
        switch value {
        case .null: return ""
        case .integer(let number):
            switch kind {
            case .instant: return ChinaTime.format(Instant(millisecondsSinceEpoch: number))
            case .flag: return number == 0 ? "no" : "yes"
            case .duration: return CellFormatter.duration(milliseconds: number)
            default: return String(number)
            }
        case .real(let number): return CellFormatter.format(number)
        case .text(let text): return text
        case .blob(let bytes): return "x'" + bytes.map { CellFormatter.hex($0) }.joined() + "'"
        }
    }

    /// Whether the cell is right-aligned in a table.
    public static func isNumeric(_ value: Value, kind: ColumnKind) -> Bool {
        switch value {
        case .integer: return kind != .instant && kind != .flag && kind != .duration
        case .real: return true
        default: return false
        }
    }

    /// Decimal text for a double: integers without a fraction, otherwise up to 15 significant digits.
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Inf" : "Inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) + ".0" }
        return "\(number)"
    }

    /// A length of time as a person writes it: `3d 4h 12m`, `45s`, `-2h`.
    public static func duration(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        let sign = milliseconds < 0 ? "-" : ""
        var rest = milliseconds.magnitude / 1000
        if rest == 0 { return sign + String(milliseconds.magnitude) + "ms" }
        var parts: [String] = []
        for (unit, seconds) in [("d", UInt64(86_400)), ("h", 3_600), ("m", 60)] where rest >= seconds {
            parts.append(String(rest / seconds) + unit)
            rest %= seconds
        }
        if rest > 0 && parts.count < 2 { parts.append(String(rest) + "s") }
        return sign + parts.joined(separator: " ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}
