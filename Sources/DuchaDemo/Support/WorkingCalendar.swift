import DuchaCore

/// Working days (by the State Council's holiday notices, as the checks count them) and
/// office hours in Asia/Shanghai, on plain numbers: days since 1970-01-01 and milliseconds
/// since the epoch. The generator's hot loop uses these instead of `CivilDate` values.
enum WorkingCalendar {
    /// Milliseconds in a day.
    static let dayMilliseconds: Int64 = 86_400_000
    /// The Asia/Shanghai offset in milliseconds.
    static let offsetMilliseconds: Int64 = ChinaTime.offsetSeconds * 1000
    /// Office hours as minutes of the day: 08:30 to 12:00 and 14:00 to 17:30.
    static let morningStart = 510, morningEnd = 720, afternoonStart = 840, afternoonEnd = 1050
    /// The calendar: the notices shipped with the program.
    static let calendar = WorkdayCalendar.official

    /// Whether people work on the day.
    @inline(__always)
    static func isWorkingDay(_ day: Int) -> Bool {
        calendar.isWorkday(day: day)
    }

    /// The working days among the dates after `start` up to and including `end`
    /// (0 when `end` is not after `start`).
    @inline(__always)
    static func workingDays(after start: Int, through end: Int) -> Int {
        calendar.workdays(afterDay: start, throughDay: end)
    }

    /// The working day `count` working days after `day` (count >= 1), or `day` itself for 0.
    @inline(__always)
    static func adding(workingDays count: Int, to day: Int) -> Int {
        var result = day
        var remaining = count
        while remaining > 0 {
            result += 1
            if isWorkingDay(result) { remaining -= 1 }
        }
        return result
    }

    /// The first working day on or after `day`.
    static func workingDay(onOrAfter day: Int) -> Int {
        var result = day
        while !isWorkingDay(result) { result += 1 }
        return result
    }

    /// The instant of a local day and time of day, in milliseconds since the epoch.
    @inline(__always)
    static func instant(day: Int, minute: Int, second: Int = 0) -> Int64 {
        Int64(day) * dayMilliseconds + Int64(minute * 60 + second) * 1000 - offsetMilliseconds
    }

    /// The local day of an instant.
    @inline(__always)
    static func day(of instant: Int64) -> Int {
        ChinaTime.day(of: instant)
    }

    /// The local minute of the day of an instant.
    @inline(__always)
    static func minuteOfDay(of instant: Int64) -> Int {
        let local = instant + offsetMilliseconds
        var rest = local % dayMilliseconds
        if rest < 0 { rest += dayMilliseconds }
        return Int(rest / 60_000)
    }

    /// A random minute within office hours.
    @inline(__always)
    static func officeMinute(_ random: inout DemoRandom) -> Int {
        let slot = random.index((morningEnd - morningStart) + (afternoonEnd - afternoonStart))
        return slot < morningEnd - morningStart ? morningStart + slot : afternoonStart + slot - (morningEnd - morningStart)
    }

    /// A random minute in which a case is opened: 08:30 to 11:30 or 14:00 to 16:30,
    /// so that the day leaves time for its first steps.
    @inline(__always)
    static func openingMinute(_ random: inout DemoRandom) -> Int {
        let slot = random.index(180 + 150)
        return slot < 180 ? morningStart + slot : afternoonStart + slot - 180
    }

    /// The working days of a month that fall before `limit` (a day number).
    static func workingDays(year: Int, month: Int, before limit: Int) -> [Int] {
        let first = CivilDate(year: year, month: month, day: 1)!
        let start = first.daysSinceEpoch
        let end = min(first.firstOfNextMonth.daysSinceEpoch, limit)
        guard start < end else { return [] }
        return (start..<end).filter(isWorkingDay)
    }
}
