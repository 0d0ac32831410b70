import DuchaCore

/// Draws the monthly counts of some columns (`trend(cases, 2016-01..2016-05)`) as
/// sparklines and hands each row on to the renderer of a mode made for people; the
/// machine formats are given the counts as they are.
public final class SparklineRenderer: ResultRenderer {
    private let columns: Set<Int>
    private let next: any ResultRenderer

    /// Makes a renderer that draws the columns at `columns` (from 0) before `next` sees them.
    public init(drawing columns: [Int], into next: any ResultRenderer) {
        self.columns = Set(columns)
        self.next = next
    }

    public func begin(_ columns: [ResultColumn]) {
        next.begin(columns)
    }

    public func row(_ values: [Value]) {
        var drawn = values
        for index in columns where index < values.count {
            if case .text(let text) = values[index], let counts = Sparkline.counts(in: text) {
                drawn[index] = .text(Sparkline.draw(counts))
            }
        }
        next.row(drawn)
    }

    public func finish(rowCount: Int) {
        next.finish(rowCount: rowCount)
    }
}
