/// What a `chart` stage asks the shell to draw from the rows: a style, the columns that
/// name each category and the column measured. The SQL is the pipeline without the
/// chart; drawing is the renderers' work, and machine formats get the rows as they are.
public struct Chart: Hashable, Sendable {
    /// How the rows are drawn.
    public enum Style: String, Hashable, Sendable, CaseIterable {
        /// One horizontal bar per row.
        case bar
        /// A column per row over the categories in order, with an axis beneath.
        case line
    }

    /// How the rows are drawn.
    public let style: Style
    /// The result columns whose values, joined, name a category (the group keys, or the
    /// first column that is not the measure), by position from 0.
    public let labelColumns: [Int]
    /// The numeric result column drawn, by position from 0: the last number.
    public let measureColumn: Int

    /// Makes a chart request.
    public init(style: Style, labelColumns: [Int], measureColumn: Int) {
        self.style = style
        self.labelColumns = labelColumns
        self.measureColumn = measureColumn
    }
}
