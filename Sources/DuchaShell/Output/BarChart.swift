import DuchaCore

/// A bar chart in block characters: one line per category, its label on the left
/// (padded by display width, so Chinese labels line up), a bar of `█` ending in an
/// eighth block (`▏▎▍▌▋▊▉`), then the value. The longest bar takes the width left
/// after the labels and values. Pure: the same points and width give the same lines.
public enum BarChart {
    /// The eighths of a block, one eighth to seven.
    public static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart's lines under `title`, at most `width` columns wide where it can be.
    public static func lines(title: String, points: [ChartPoint], width: Int) -> [String] {
        guard !points.isEmpty else { return [title, "(no rows to chart)"] }
        let labelWidth = min(points.map(\.label.displayWidth).max() ?? 0, max(8, width * 2 / 5))
        let valueWidth = points.map(\.text.displayWidth).max() ?? 0
        let barWidth = max(1, width - labelWidth - valueWidth - 2)
        let largest = points.compactMap(\.value).max() ?? 0
        var lines = [title]
        for point in points {
            let label = point.label.truncated(toWidth: labelWidth).padded(toWidth: labelWidth, alignment: .left)
            // A bar is a length from zero: below zero there is none, and the line says so.
            let note = (point.value ?? 0) < 0 ? " (below zero: no bar)" : ""
            lines.append(label + " " + bar(point.value ?? 0, largest: largest, width: barWidth) + " " + point.text + note)
        }
        return lines
    }

    /// `value` as a bar in eighths of a column, the largest value filling `width` columns;
    /// a value above zero shows at least one eighth, zero and below none.
    static func bar(_ value: Double, largest: Double, width: Int) -> String {
        guard value > 0, largest > 0 else { return "" }
        let eighthsWide = max(1, Int((value / largest * Double(width * 8)).rounded()))
        var drawn = String(repeating: "█", count: eighthsWide / 8)
        if eighthsWide % 8 > 0 { drawn.append(eighths[eighthsWide % 8 - 1]) }
        return drawn
    }
}
