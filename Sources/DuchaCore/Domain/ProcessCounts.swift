/// Variants and handovers, as process-mining tools count them, over cases given one
/// at a time as the sequence of their steps (in the order they happened): a case's
/// variant is its sequence of activities (workflow step names); a handover is two
/// consecutive steps of one case that both have an operator, and different ones.
/// Steps are given as ids; names come at the end, so ids sharing a name are one.
public struct ProcessCounts: Sendable {
    /// A variant: its activities and how many cases follow it.
    public struct Variant: Hashable, Sendable {
        public let activities: [String]
        public let count: Int
    }

    /// Work passed from one operator to another, and how often.
    public struct Handover: Hashable, Sendable {
        public let from: String
        public let to: String
        public let count: Int
    }

    private var sequences: [[Int64]: Int] = [:]
    private var pairs: [Pair: Int] = [:]
    private var people: [Int64: (cases: Int, alone: Int)] = [:]
    /// The cases counted.
    public private(set) var cases = 0
    /// Cases whose steps with an operator all have the same one (at least one such step).
    public private(set) var onePersonCases = 0
    /// Handovers in all.
    public private(set) var handoverTotal = 0

    private struct Pair: Hashable {
        let from: Int64
        let to: Int64
    }

    /// Nothing counted yet.
    public init() {}

    /// Counts one case: its steps' activity ids (nil: no workflow step) and operator ids.
    public mutating func add(activities: [Int64?], operators: [Int64?]) {
        cases += 1
        sequences[activities.map { $0 ?? -1 }, default: 0] += 1
        var seen = Set<Int64>()
        for (index, person) in operators.enumerated() {
            if let person { seen.insert(person) }
            if index > 0, let from = operators[index - 1], let to = person, from != to {
                pairs[Pair(from: from, to: to), default: 0] += 1
                handoverTotal += 1
            }
        }
        if seen.count == 1 { onePersonCases += 1 }
        for person in seen {
            var record = people[person] ?? (0, 0)
            record.cases += 1
            if seen.count == 1 { record.alone += 1 }
            people[person] = record
        }
    }

    /// The variants, most common first, then by their activities in code-point order.
    public func variants(names: [Int64: String]) -> [Variant] {
        var merged: [[String]: Int] = [:]
        for (sequence, count) in sequences {
            merged[sequence.map { $0 < 0 ? "(no step)" : names[$0] ?? "#\($0)" }, default: 0] += count
        }
        return merged.map { Variant(activities: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : ProcessCounts.less($0.activities, $1.activities)
        }
    }

    /// The handovers, most common first, then by names in code-point order.
    public func handovers(names: [Int64: String]) -> [Handover] {
        var merged: [Pair: Int] = [:]
        // Operators are told apart by id; two with one name stay two rows only if named apart.
        var byName: [[String]: Int] = [:]
        for (pair, count) in pairs { merged[pair, default: 0] += count }
        for (pair, count) in merged { byName[[names[pair.from] ?? "#\(pair.from)", names[pair.to] ?? "#\(pair.to)"], default: 0] += count }
        return byName.map { Handover(from: $0.key[0], to: $0.key[1], count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : ProcessCounts.less([$0.from, $0.to], [$1.from, $1.to])
        }
    }

    /// For each operator id: the cases they worked on and those they did alone.
    public var casesByOperator: [Int64: (cases: Int, alone: Int)] { people }

    /// Element-wise comparison of texts by Unicode code points (shorter first on a tie).
    public static func less(_ left: [String], _ right: [String]) -> Bool {
        for (a, b) in zip(left, right) where a != b {
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
        }
        return left.count < right.count
    }
}
