import DuchaCore

/// One `column = value` line per cell, names right-aligned, a blank line between rows.
public final class LineRenderer: ResultRenderer {
    private let output: TextOutput
    private let options: RenderOptions
    private var columns: [ResultColumn] = []
    private var labels: [String] = []
    private var first = true

    /// Makes a renderer writing to `output`.
    public init(output: TextOutput, options: RenderOptions) {
        self.output = output
        self.options = options
    }

    public func begin(_ columns: [ResultColumn]) {
        self.columns = columns
        let width = columns.map { $0.name.displayWidth }.max() ?? 0
        labels = columns.map { $0.name.padded(toWidth: width, alignment: .right) }
    }

    public func row(_ values: [Value]) {
        if !first { output.line() }
        first = false
        for (index, value) in values.enumerated() {
            output.line(labels[index] + " = " + options.formatter.display(value, kind: columns[index].kind))
        }
    }

    public func finish(rowCount: Int) {}
}
