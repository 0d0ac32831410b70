/// How many cases a department runs in 2016.
enum DepartmentActivity: Sendable, Equatable {
    /// A normal active department: cases every month, volume by weight and scale.
    case active(weight: Int)
    /// A fixed list of cases, one per entry, by month number (1 = January 2016),
    /// the same at every scale: the story's small departments.
    case fixed(months: [Int])
    /// No case at all in 2016.
    case idle
}
