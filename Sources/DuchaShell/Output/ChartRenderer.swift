import DuchaCore
import DuchaQuery

/// Draws the rows of a query ending in `chart bar` or `chart line` instead of a table,
/// in the modes made for people (table, line, markdown). It keeps every row (a chart is
/// short by nature; `take` limits it) and draws at the end, `width` columns wide.
public final class ChartRenderer: ResultRenderer {
    /// The width of a chart when the output is not a terminal (files and pipes).
    public static let defaultWidth = 80

    private let output: TextOutput
    private let options: RenderOptions
    private let chart: Chart
    private let width: Int
    private let fenced: Bool
    private var columns: [ResultColumn] = []
    private var points: [ChartPoint] = []

    /// Makes a renderer drawing `chart` in `width` columns; `fenced` puts it in a
    /// Markdown code block.
    public init(output: TextOutput, options: RenderOptions, chart: Chart, width: Int, fenced: Bool = false) {
        self.output = output
        self.options = options
        self.chart = chart
        self.width = width
        self.fenced = fenced
    }

    public func begin(_ columns: [ResultColumn]) {
        self.columns = columns
    }

    public func row(_ values: [Value]) {
        guard chart.measureColumn < values.count, chart.measureColumn < columns.count else { return }
        let label = chart.labelColumns.filter { $0 < values.count && $0 < columns.count }
            .map { options.formatter.display(values[$0], kind: columns[$0].kind) }.joined(separator: " ")
        points.append(ChartPoint(label: label, measure: values[chart.measureColumn], kind: columns[chart.measureColumn].kind,
                                 formatter: options.formatter))
    }

    public func finish(rowCount: Int) {
        let lines: [String]
        switch chart.style {
        case .bar: lines = BarChart.lines(title: title, points: points, width: width)
        case .line:
            let duration = chart.measureColumn < columns.count && columns[chart.measureColumn].kind == .duration
            lines = LineChart.lines(title: title, points: points, width: width,
                                    scale: duration ? { CellFormatter.duration(milliseconds: Int64($0.rounded())) } : ChartPoint.grouped)
        }
        if fenced { output.line("```text") }
        for line in lines { output.line(line) }
        if fenced { output.line("```") }
    }

    /// The measure and the label columns: `count by month`.
    private var title: String {
        guard chart.measureColumn < columns.count else { return "" }
        return columns[chart.measureColumn].name + " by "
            + chart.labelColumns.filter { $0 < columns.count }.map { columns[$0].name }.joined(separator: ", ")
    }
}
