import DuchaCore

/// A column chart over the categories in order, for `chart line`: each category a
/// column of stacked blocks (`▁▂▃▄▅▆▇█`, eight steps a row) over `height` rows, the
/// scale's top and bottom on the left axis, the first and last categories on the axis
/// beneath, and the values under their columns when they fit (else the lowest and
/// highest). Pure: the same points and width give the same lines.
public enum LineChart {
    /// Rows of the plot: eight rows of eight steps each.
    public static let height = 8
    /// The top of a column cell by eighths, one eighth to seven.
    public static let steps: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"]

    /// The chart's lines under `title`, at most `width` columns wide where it can be;
    /// `scale` writes the values at the top and bottom of the axis.
    public static func lines(title: String, points allPoints: [ChartPoint], width: Int,
                             scale: (Double) -> String = ChartPoint.grouped) -> [String] {
        guard !allPoints.isEmpty else { return [title, "(no rows to chart)"] }
        let values = allPoints.compactMap(\.value)
        let lower = min(0, values.min() ?? 0)
        var upper = max(0, values.max() ?? 0)
        if upper == lower { upper = lower + 1 }
        let top = scale(upper), bottom = scale(lower)
        let axisWidth = max(top.displayWidth, bottom.displayWidth)
        let available = max(1, width - axisWidth - 2)

        // More categories than columns: the last ones, as a time series reads.
        let points = Array(allPoints.suffix(available))
        let valueWidth = points.map(\.text.displayWidth).max() ?? 1
        let step = max(1, min(available / points.count, max(4, valueWidth + 1)))
        let columnWidth = step > 1 ? step - 1 : 1
        let plotWidth = step * points.count - (step > 1 ? 1 : 0)
        let heights = points.map { point -> Int in
            guard let value = point.value else { return 0 }
            let eighths = Int(((value - lower) / (upper - lower) * Double(height * 8)).rounded())
            return value > lower ? max(1, eighths) : 0
        }

        var lines = [title]
        for row in stride(from: height - 1, through: 0, by: -1) {
            let mark = row == height - 1 ? top : (row == 0 ? bottom : "")
            var line = mark.padded(toWidth: axisWidth, alignment: .right) + (mark.isEmpty ? " │" : " ┤")
            for (index, eighths) in heights.enumerated() {
                let cell: Character = eighths >= (row + 1) * 8 ? "█" : (eighths > row * 8 ? steps[eighths - row * 8 - 1] : " ")
                line += String(repeating: cell, count: columnWidth)
                if step > 1 && index < heights.count - 1 { line += " " }
            }
            lines.append(trimmed(line))
        }
        let indent = String(repeating: " ", count: axisWidth + 2)
        lines.append(String(repeating: " ", count: axisWidth) + " └" + String(repeating: "─", count: plotWidth))
        if step > 1 && points.allSatisfy({ $0.text.displayWidth <= columnWidth }) {
            lines.append(trimmed(indent + points.map { $0.text.padded(toWidth: columnWidth, alignment: .center) }.joined(separator: " ")))
        } else {
            let measured = points.filter { $0.value != nil }
            if let lowest = measured.min(by: { $0.value! < $1.value! }), let highest = measured.max(by: { $0.value! < $1.value! }) {
                lines.append(indent + "lowest \(lowest.text) (\(lowest.label)), highest \(highest.text) (\(highest.label))")
            }
        }
        lines.append(indent + categories(first: points[0].label, last: points[points.count - 1].label, count: points.count, width: plotWidth))
        if points.count < allPoints.count {
            lines.append("the first \(allPoints.count - points.count) of \(allPoints.count) categories do not fit; where or take chooses which to draw")
        }
        if lower < 0 {
            lines.append("values below zero: the columns start at \(bottom)")
        }
        return lines
    }

    /// The first category at the left of the plot and the last at its right.
    static func categories(first: String, last: String, count: Int, width: Int) -> String {
        guard count > 1 else { return first }
        let room = width - first.displayWidth - last.displayWidth
        return room >= 1 ? first + String(repeating: " ", count: room) + last : first + " … " + last
    }

    private static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}
