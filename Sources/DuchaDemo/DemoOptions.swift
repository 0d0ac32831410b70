import DuchaCore

/// What to generate: how big, from which seed, and the date the story is told on.
public struct DemoOptions: Sendable, Hashable {
    /// Volume multiplier for the normal active departments, 1 to 100. Scale 1 is a city
    /// (about 50,000 cases); the story's own facts stay exactly the same at every scale.
    public var scale: Int
    /// The seed of the pseudo-random generator: the same seed and scale give the same rows.
    public var seed: UInt64
    /// The date of the inspection's snapshot: every event in the data happens before it.
    public var storyDate: CivilDate

    /// The smallest and largest scale accepted.
    public static let scales: ClosedRange<Int> = 1...100
    /// The story dates accepted: the story needs January to April 2016 as whole months.
    public static let storyDates: ClosedRange<CivilDate> =
        CivilDate(year: 2016, month: 5, day: 1)!...CivilDate(year: 2016, month: 12, day: 31)!

    /// Options for a generation; the defaults tell the 2016 bulletin's story at city size.
    public init(scale: Int = 1, seed: UInt64 = 2016, storyDate: CivilDate = CivilDate(year: 2016, month: 5, day: 20)!) {
        self.scale = scale
        self.seed = seed
        self.storyDate = storyDate
    }

    /// Throws `DemoError` when an option is out of range.
    public func validate() throws {
        guard DemoOptions.scales.contains(scale) else {
            throw DemoError("the scale must be a whole number from 1 to 100, not \(scale)")
        }
        guard DemoOptions.storyDates.contains(storyDate) else {
            throw DemoError("the story date must be from 2016-05-01 to 2016-12-31 (the story needs January to April 2016), not \(storyDate)")
        }
    }
}
