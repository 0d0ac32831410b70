/// A fixed-seed generator for the randomised tests (a 64-bit linear congruential one), so
/// every run tries the same texts and a failure can be replayed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A number in `0 ..< bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    /// Up to `most - 1` pieces picked at random, joined.
    mutating func text(of pieces: [String], most: Int) -> String {
        (0 ..< next(most)).map { _ in pieces[next(pieces.count)] }.joined()
    }
}
