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
        if let day = named[date.daysSinceEpoch] { return !day.isOffDay }
        return date.weekday <= 5
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
        var count = 0
        var provisional = false
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if !knows(day) { provisional = true }
            if isWorkday(day) { count += 1 }
        }
        return (count, provisional)
    }
}
