/// A fast deterministic pseudo-random generator: xoshiro256** seeded through SplitMix64.
/// The same seed gives the same sequence on every platform and every run.
struct DemoRandom {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64

    /// A generator whose sequence is fixed by `seed`.
    init(seed: UInt64) {
        var splitMix = seed
        state0 = DemoRandom.splitMix64(&splitMix)
        state1 = DemoRandom.splitMix64(&splitMix)
        state2 = DemoRandom.splitMix64(&splitMix)
        state3 = DemoRandom.splitMix64(&splitMix)
    }

    /// SplitMix64: spreads a seed over the state (and mixes two seeds into one).
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A seed for an independent stream, derived from `seed` and a stream number.
    static func seed(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        return splitMix64(&state)
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotate(state1 &* 5, 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = rotate(state3, 45)
        return result
    }

    @inline(__always)
    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 &- count))
    }

    /// A whole number in `range`, uniformly (Lemire's multiply-high; the bias is negligible).
    @inline(__always)
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(truncatingIfNeeded: next().multipliedFullWidth(by: width).high)
    }

    /// An index below `count` (which must be positive).
    @inline(__always)
    mutating func index(_ count: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// A number in [0, 1).
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with the given probability.
    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && unit() < probability
    }

    /// One element of a non-empty array.
    @inline(__always)
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[index(elements.count)]
    }

    /// The array's elements in a random order (Fisher-Yates).
    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var position = result.count - 1
        while position > 0 {
            let other = index(position + 1)
            result.swapAt(position, other)
            position -= 1
        }
        return result
    }
}
