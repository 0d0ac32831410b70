import DuchaCore

/// Charts as inline SVG: no script, no external font; labels in the page's own fonts
/// (CJK fallbacks named in the stylesheet). Sizes are fixed numbers so that a chart looks
/// the same in every browser and when printed.
enum SVGChart {
    /// Colours of series, distinguishable in print.
    static let palette = ["#1f5fa8", "#d1495b", "#2a9d8f", "#e9a03b", "#6a4c93", "#8a8d91", "#3d8b37", "#b5651d", "#00798c", "#c44d8e"]

    static func render(_ chart: ReportDocument.Chart, id: String) -> String {
        switch chart.kind {
        case .bars: return bars(chart, id: id)
        case .lines: return lines(chart, id: id)
        }
    }

    /// Width of text in pixels at `size`, from its display width (a CJK character is two columns).
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.displayWidth) * size * 0.56
    }

    private static func bars(_ chart: ReportDocument.Chart, id: String) -> String {
        let values = chart.series.first?.values ?? []
        let size = 13.0, rowHeight = 24.0, width = 720.0
        let labelWidth = min(260, (chart.categories.map { textWidth($0, size: size) }.max() ?? 0) + 12)
        let valueWidth = (values.map { textWidth(ReportText.number($0), size: size) }.max() ?? 0) + 12
        let plot = max(80, width - labelWidth - valueWidth - 16)
        let top = 34.0
        let height = top + Double(values.count) * rowHeight + 10
        let most = max(values.max() ?? 0, 1)
        var svg = header(id: id, width: width, height: height, title: chart.title)
        svg += "<text class=\"title\" x=\"0\" y=\"18\">\(escaped(chart.title))</text>\n"
        for (index, value) in values.enumerated() {
            let y = top + Double(index) * rowHeight
            let length = max(0, value) / most * plot
            svg += "<text class=\"label\" x=\"\(format(labelWidth - 8))\" y=\"\(format(y + 16))\" text-anchor=\"end\">\(escaped(chart.categories[index]))</text>\n"
            svg += "<rect class=\"bar\" x=\"\(format(labelWidth))\" y=\"\(format(y + 4))\" width=\"\(format(length))\" height=\"\(format(rowHeight - 8))\" fill=\"\(palette[0])\"><title>\(escaped(chart.categories[index])): \(ReportText.number(value))</title></rect>\n"
            svg += "<text class=\"value\" x=\"\(format(labelWidth + length + 6))\" y=\"\(format(y + 16))\">\(ReportText.number(value))</text>\n"
        }
        return svg + "</svg>"
    }

    private static func lines(_ chart: ReportDocument.Chart, id: String) -> String {
        let width = 720.0, size = 12.0
        let left = 56.0, right = 32.0, top = 34.0, plotHeight = 220.0
        let legendRows = Int((Double(chart.series.count) / 4).rounded(.up))
        let height = top + plotHeight + 34 + Double(legendRows) * 20 + 8
        let plotWidth = width - left - right
        let most = max(chart.series.flatMap(\.values).max() ?? 0, 1)
        let ceiling = niceCeiling(most)
        let count = chart.categories.count
        func x(_ index: Int) -> Double { count <= 1 ? left + plotWidth / 2 : left + Double(index) / Double(count - 1) * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - max(0, value) / ceiling * plotHeight }
        var svg = header(id: id, width: width, height: height, title: chart.title)
        svg += "<text class=\"title\" x=\"0\" y=\"18\">\(escaped(chart.title))</text>\n"
        for step in 0...4 {
            let value = ceiling * Double(step) / 4
            svg += "<line class=\"grid\" x1=\"\(format(left))\" x2=\"\(format(width - right))\" y1=\"\(format(y(value)))\" y2=\"\(format(y(value)))\"/>\n"
            svg += "<text class=\"axis\" x=\"\(format(left - 6))\" y=\"\(format(y(value) + 4))\" text-anchor=\"end\">\(ReportText.number(value))</text>\n"
        }
        let every = max(1, Int((Double(count) / 12).rounded(.up)))
        for (index, category) in chart.categories.enumerated() where index % every == 0 || index == count - 1 {
            svg += "<text class=\"axis\" x=\"\(format(x(index)))\" y=\"\(format(top + plotHeight + 18))\" text-anchor=\"middle\">\(escaped(category))</text>\n"
        }
        for (number, series) in chart.series.enumerated() {
            let colour = palette[number % palette.count]
            let points = series.values.enumerated().map { "\(format(x($0.offset))),\(format(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline class=\"line\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\" points=\"\(points)\"/>\n"
            for (index, value) in series.values.enumerated() {
                svg += "<circle cx=\"\(format(x(index)))\" cy=\"\(format(y(value)))\" r=\"3\" fill=\"\(colour)\"><title>\(escaped(series.name)) \(escaped(chart.categories[index])): \(ReportText.number(value))</title></circle>\n"
            }
            let legendX = left + Double(number % 4) * (plotWidth / 4)
            let legendY = top + plotHeight + 38 + Double(number / 4) * 20
            svg += "<rect x=\"\(format(legendX))\" y=\"\(format(legendY - 10))\" width=\"14\" height=\"10\" fill=\"\(colour)\"/>\n"
            svg += "<text class=\"legend\" x=\"\(format(legendX + 20))\" y=\"\(format(legendY))\">\(escaped(series.name))</text>\n"
        }
        _ = size
        return svg + "</svg>"
    }

    private static func header(id: String, width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\" role=\"img\" aria-label=\"\(escaped(title))\" "
            + "width=\"\(format(width))\" height=\"\(format(height))\" viewBox=\"0 0 \(format(width)) \(format(height))\">\n"
    }

    /// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten that is
    /// at least `value`: an axis with little empty space above the data, in steps a
    /// person reads at a glance.
    static func niceCeiling(_ value: Double) -> Double {
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        for factor in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] where factor * power >= value { return factor * power }
        return 10 * power
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text for XML content and attributes.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
