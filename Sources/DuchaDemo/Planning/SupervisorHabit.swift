import DuchaCore

/// How often a supervisor logs in to the supervision platform.
enum SupervisorHabit: Sendable, Equatable {
    /// Most working days (never three in a row missed), up to the story date.
    case regular
    /// Every one to three weeks, the last time within 15 days of the story date.
    case rare
    /// Regularly until the given date, never after (40 days or more before the story date).
    case inactive(since: CivilDate)
    /// Never.
    case never
}
