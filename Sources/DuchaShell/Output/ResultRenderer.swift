import DuchaCore

/// Writes one result to an output: columns first, then rows as they arrive, then the end.
public protocol ResultRenderer: AnyObject {
    /// Called once before any row.
    func begin(_ columns: [ResultColumn])
    /// Called for each row, in order.
    func row(_ values: [Value])
    /// Called once after the last row with the number of rows.
    func finish(rowCount: Int)
}

/// What every renderer needs to know besides the output.
public struct RenderOptions: Sendable {
    /// How cells become text.
    public var formatter = CellFormatter()
    /// Whether ANSI colours may be used.
    public var colour = false
    /// On a terminal, the most rows a table shows (head and tail); nil shows all.
    public var maxRows: Int? = nil

    /// Makes options.
    public init(formatter: CellFormatter = CellFormatter(), colour: Bool = false, maxRows: Int? = nil) {
        self.formatter = formatter
        self.colour = colour
        self.maxRows = maxRows
    }
}

extension OutputMode {
    /// The renderer for this mode, writing to `output`.
    public func renderer(to output: TextOutput, options: RenderOptions) -> any ResultRenderer {
        switch self {
        case .table: return TableRenderer(output: output, options: options)
        case .csv: return DelimitedRenderer(output: output, options: options, separator: ",")
        case .tsv: return DelimitedRenderer(output: output, options: options, separator: "\t")
        case .json: return JSONRenderer(output: output, options: options)
        case .markdown: return MarkdownRenderer(output: output, options: options)
        case .line: return LineRenderer(output: output, options: options)
        }
    }
}
