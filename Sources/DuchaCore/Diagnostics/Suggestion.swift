/// "Did you mean ...": the closest known names to a misspelt one.
public enum Suggestion {
    /// The candidates within a small edit distance of `word`, closest first (at most `limit`).
    public static func closest(to word: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let target = Array(word.lowercased())
        let allowance = max(1, min(3, target.count / 3))
        var scored: [(distance: Int, name: String)] = []
        for candidate in candidates {
            let lowered = Array(candidate.lowercased())
            let distance: Int
            if lowered.count >= target.count && target.count >= 2 && Array(lowered.prefix(target.count)) == target {
                distance = 0
            } else {
                distance = editDistance(target, lowered)
            }
            if distance <= allowance { scored.append((distance, candidate)) }
        }
        scored.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        var seen = Set<String>()
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Edit distance over characters, counting a swap of two neighbours as one edit
    /// (optimal string alignment), since `.mdoe` is one slip away from `.mode`.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// ` (did you mean 'a' or 'b'?)`, or an empty string when nothing is close.
    public static func phrase(for word: String, among candidates: some Sequence<String>) -> String {
        let names = closest(to: word, among: candidates)
        guard !names.isEmpty else { return "" }
        return " (did you mean " + names.map { "'\($0)'" }.joined(separator: " or ") + "?)"
    }
}
