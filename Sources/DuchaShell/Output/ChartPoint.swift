import DuchaCore

/// One category of a chart: its label, its value as a number (nil for NULL or what is
/// not a number) and the value as people read it.
public struct ChartPoint: Hashable, Sendable {
    /// The category, as shown (`2016-05`, `市农业局`).
    public let label: String
    /// The measure, nil when there is none to draw.
    public let value: Double?
    /// The measure as written beside the drawing: grouped digits (`1,234`), a duration
    /// (`3d 4h`), or the null text.
    public let text: String

    /// Makes a point.
    public init(label: String, value: Double?, text: String) {
        self.label = label
        self.value = value
        self.text = text
    }

    /// The point for a row's measure of `kind`, labelled `label`.
    init(label: String, measure: Value, kind: ColumnKind, formatter: CellFormatter) {
        self.label = label
        switch measure {
        case .null:
            (value, text) = (nil, formatter.nullText)
        case .integer(let number):
            value = Double(number)
            text = kind == .duration ? CellFormatter.duration(milliseconds: number) : Int(number).grouped
        case .real(let number):
            value = number.isFinite ? number : nil
            text = kind == .duration && number.isFinite && abs(number) < 9e15
                ? CellFormatter.duration(milliseconds: Int64(number.rounded())) : ChartPoint.grouped(number)
        case .text(let written):
            (value, text) = (Double(written), written.escapingControlCharacters)
        case .blob:
            (value, text) = (nil, formatter.plain(measure, kind: kind))
        }
    }

    /// A decimal number with grouped digits and at most two decimals: `1,234.5`, `3.46`.
    public static func grouped(_ number: Double) -> String {
        guard number.isFinite, abs(number) < 1e15 else { return CellFormatter.format(number) }
        let rounded = (number * 100).rounded() / 100
        let written = abs(rounded).formatted(decimals: 2)
        let parts = written.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first.flatMap({ Int($0) }) else { return CellFormatter.format(number) }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (rounded < 0 ? "-" : "") + whole.grouped + (fraction.isEmpty ? "" : "." + fraction)
    }
}
