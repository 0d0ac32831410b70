/// Counts drawn as a row of eighth-high blocks, `▁▃▅█▃`, for people; scripts get the
/// counts themselves (`0,3,5,9,2`). Each sparkline is scaled to its own largest count,
/// so it shows the shape of one row: ▁ is none, and any count above none is at least ▂.
public enum Sparkline {
    /// From none (`▁`) to the largest count (`█`).
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The sparkline of `counts`: one block per count.
    public static func draw(_ counts: [Int]) -> String {
        let largest = counts.max() ?? 0
        var drawn = ""
        for count in counts {
            guard count > 0, largest > 0 else {
                drawn.append(levels[0])
                continue
            }
            let level = max(1, Int((Double(count) / Double(largest) * Double(levels.count - 1)).rounded()))
            drawn.append(levels[level])
        }
        return drawn
    }

    /// The counts in text such as `0,3,5,9,2`, or nil when it is not such a list.
    public static func counts(in text: String) -> [Int]? {
        guard !text.isEmpty else { return [] }
        var counts: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let count = Int(part) else { return nil }
            counts.append(count)
        }
        return counts
    }
}
