/// One year's notice of public holidays (放假安排): the days off and the make-up working
/// days (调休). A notice for year Y may name days at the end of year Y−1 (a New Year
/// holiday that starts on 30 December, a Saturday worked on 29 December).
public struct HolidayNotice: Sendable, Equatable {
    /// A named day of the notice.
    public struct Day: Sendable, Equatable {
        /// The holiday it belongs to, e.g. 春节.
        public let name: String
        public let date: CivilDate
        /// True for a day off, false for a make-up working day.
        public let isOffDay: Bool

        public init(name: String, date: CivilDate, isOffDay: Bool) {
            self.name = name
            self.date = date
            self.isOffDay = isOffDay
        }
    }

    /// The year the notice arranges.
    public let year: Int
    /// Where it comes from: the State Council's document number, or the file it was loaded from.
    public let source: String
    /// Its days, in date order.
    public let days: [Day]

    public init(year: Int, source: String, days: [Day]) {
        self.year = year
        self.source = source
        self.days = days.sorted { $0.date < $1.date }
    }

    /// A notice typed in as ranges of days off and single make-up days:
    /// `holidays: [("春节", "2016-02-07", "2016-02-13")]`, `workdays: [("春节", "2016-02-06")]`.
    /// The dates are literals checked by the tests; a malformed one stops the program.
    init(year: Int, source: String, holidays: [(String, String, String)], workdays: [(String, String)]) {
        var days: [Day] = []
        for (name, first, last) in holidays {
            let start = CivilDate(first)!, end = CivilDate(last)!
            for offset in 0...(end.daysSinceEpoch - start.daysSinceEpoch) {
                days.append(Day(name: name, date: start.adding(days: offset), isOffDay: true))
            }
        }
        for (name, date) in workdays { days.append(Day(name: name, date: CivilDate(date)!, isOffDay: false)) }
        self.init(year: year, source: source, days: days)
    }
}

/// Working days as the State Council's notices define them: Monday to Friday, except
/// the notices' days off, plus their make-up working days. Years without a notice are
/// unknown: counts that reach into them are provisional (weekends alone), never guessed.
public struct WorkdayCalendar: Sendable {
    /// The notices, by the year they arrange.
    public let notices: [Int: HolidayNotice]
    /// The notices' days, by days since the epoch.
    private let named: [Int: HolidayNotice.Day]
    /// The first day number the running counts cover.
    private let firstDay: Int
    /// Working days among day numbers `firstDay ..< firstDay + i`, for every day from
    /// the December before the first known year to the end of the last: counting working
    /// days between two dates is a subtraction (the checks count them for every step).
    private let running: [Int32]

    public init(notices: [HolidayNotice]) {
        var byYear: [Int: HolidayNotice] = [:]
        for notice in notices { byYear[notice.year] = notice }
        self.notices = byYear
        var named: [Int: HolidayNotice.Day] = [:]
        // Earlier years first, so that a later notice's year-end days win.
        for year in byYear.keys.sorted() {
            for day in byYear[year]!.days { named[day.date.daysSinceEpoch] = day }
        }
        self.named = named
        let first = (byYear.keys.min().map { CivilDate(year: $0 - 1, month: 12, day: 1)! } ?? CivilDate(year: 2016, month: 1, day: 1)!).daysSinceEpoch
        let last = (byYear.keys.max().map { CivilDate(year: $0, month: 12, day: 31)! } ?? CivilDate(year: 2016, month: 1, day: 1)!).daysSinceEpoch
        var running: [Int32] = [0]
        running.reserveCapacity(last - first + 2)
        for day in first...last {
            let isWorkday = named[day].map { !$0.isOffDay } ?? (WorkdayCalendar.weekdayIndex(day) < 5)
            running.append(running.last! + (isWorkday ? 1 : 0))
        }
        self.firstDay = first
        self.running = running
    }

    /// 0 for Monday through 6 for Sunday (day 0, 1970-01-01, was a Thursday).
    @inline(__always)
    static func weekdayIndex(_ day: Int) -> Int {
        let offset = (day + 3) % 7
        return offset < 0 ? offset + 7 : offset
    }

    /// Monday-to-Friday days among day numbers `0 ..< n` (negative below 0).
    @inline(__always)
    static func weekdaysBefore(_ n: Int) -> Int {
        let weeks = n >= 0 ? n / 7 : (n - 6) / 7
        let rest = n - weeks * 7
        return 5 * weeks + [0, 1, 2, 2, 2, 3, 4][rest]
    }

    /// A running count of working days among day numbers below `n` (only differences of
    /// it mean anything): the notices' days inside the known range, weekends outside.
    @inline(__always)
    func workdaysBefore(_ n: Int) -> Int {
        let end = firstDay + running.count - 1
        if n <= firstDay { return WorkdayCalendar.weekdaysBefore(n) - WorkdayCalendar.weekdaysBefore(firstDay) }
        if n >= end { return Int(running[running.count - 1]) + WorkdayCalendar.weekdaysBefore(n) - WorkdayCalendar.weekdaysBefore(end) }
        return Int(running[n - firstDay])
    }

    /// Whether the day (days since 1970-01-01) is a working day.
    @inline(__always)
    public func isWorkday(day: Int) -> Bool {
        workdaysBefore(day + 1) - workdaysBefore(day) == 1
    }

    /// Working days after day `start` up to and including day `end` (days since
    /// 1970-01-01); 0 when `end` is not after `start`.
    @inline(__always)
    public func workdays(afterDay start: Int, throughDay end: Int) -> Int {
        end > start ? workdaysBefore(end + 1) - workdaysBefore(start + 1) : 0
    }

    /// The day `count` working days after day `start` (the start not counted); `start` for 0.
    public func adding(workdays count: Int, toDay start: Int) -> Int {
        var day = start
        var left = count
        while left > 0 {
            day += 1
            if isWorkday(day: day) { left -= 1 }
        }
        return day
    }

    /// Working days after the Beijing date of instant `start` up to and including that of `end`.
    public func workdays(from start: Instant, to end: Instant) -> Int {
        workdays(afterDay: ChinaTime.day(of: start.millisecondsSinceEpoch), throughDay: ChinaTime.day(of: end.millisecondsSinceEpoch))
    }

    /// The calendar shipped with the program (2016 onwards).
    public static let official = WorkdayCalendar(notices: HolidayNotice.official)

    /// This calendar with `notice` added (replacing one of the same year).
    public func adding(_ notice: HolidayNotice) -> WorkdayCalendar {
        var all = notices
        all[notice.year] = notice
        return WorkdayCalendar(notices: Array(all.values))
    }

    /// The years with a notice, in order.
    public var years: [Int] { notices.keys.sorted() }

    /// Whether a notice covers the date's year.
    public func knows(_ date: CivilDate) -> Bool { notices[date.year] != nil }

    /// The notice's entry for the date, when it names it.
    public func entry(for date: CivilDate) -> HolidayNotice.Day? { named[date.daysSinceEpoch] }

    /// Whether people work on the date.
    public func isWorkday(_ date: CivilDate) -> Bool {
        isWorkday(day: date.daysSinceEpoch)
    }

    /// A date reached by counting working days, and whether the count crossed a year the
    /// calendar does not know.
    public struct Reckoning: Sendable, Equatable {
        public let date: CivilDate
        public let isProvisional: Bool
    }

    /// The working day that ends a period of `count` working days starting on `start`.
    /// The start day itself is not counted (as with periods in Chinese law), so 5 working
    /// days from Monday 2016-06-06 end on Tuesday 2016-06-14. `count` 0 gives `start`.
    public func adding(workdays count: Int, to start: CivilDate) -> Reckoning {
        var day = start
        var left = max(0, count)
        var provisional = false
        while left > 0 {
            day = day.adding(days: 1)
            if !knows(day) { provisional = true }
            if isWorkday(day) { left -= 1 }
        }
        return Reckoning(date: day, isProvisional: provisional)
    }

    /// Working days after `start` up to and including `end`; negative when `end` comes
    /// first (the working days after `end` through `start`, counted down).
    public func workdays(from start: CivilDate, to end: CivilDate) -> (count: Int, isProvisional: Bool) {
        if end < start {
            let (count, provisional) = workdays(from: end, to: start)
            return (-count, provisional)
        }
        let count = workdays(afterDay: start.daysSinceEpoch, throughDay: end.daysSinceEpoch)
        // Provisional when a counted day (after start, through end) lies in an unknown year.
        guard end > start else { return (0, false) }
        let provisional = (start.adding(days: 1).year...end.year).contains { notices[$0] == nil }
        return (count, provisional)
    }
}
