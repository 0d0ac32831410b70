import DuchaCore

/// When a supervisor logs in to the supervision platform, by habit.
enum LoginSchedule {
    /// Login instants (milliseconds, in order) from `start` up to the day before `storyDate`.
    static func logins(habit: SupervisorHabit, from start: CivilDate, before storyDate: CivilDate,
                       random: inout DemoRandom) -> [Int64] {
        let first = start.daysSinceEpoch
        let storyDay = storyDate.daysSinceEpoch
        var logins: [Int64] = []
        switch habit {
        case .never:
            return []
        case .regular:
            regular(from: first, through: storyDay - 1, into: &logins, random: &random)
        case .inactive(let since):
            regular(from: first, through: min(since.daysSinceEpoch, storyDay - 1), into: &logins, random: &random)
        case .rare:
            var day = first + random.int(0...10)
            while true {
                let working = WorkingCalendar.workingDay(onOrAfter: day)
                guard working < storyDay else { break }
                logins.append(WorkingCalendar.instant(day: working, minute: random.int(520...990), second: random.int(0...59)))
                day = working + random.int(8...18)
            }
            let recent = WorkingCalendar.instant(day: storyDay - 15, minute: 0)
            if logins.last.map({ $0 < recent }) ?? true {
                let working = WorkingCalendar.workingDay(onOrAfter: storyDay - random.int(6...12))
                logins.append(WorkingCalendar.instant(day: working, minute: random.int(520...990), second: random.int(0...59)))
            }
        }
        return logins
    }

    /// Logs in on most working days, never missing three in a row; now and then twice a day.
    private static func regular(from first: Int, through last: Int, into logins: inout [Int64], random: inout DemoRandom) {
        let probability = 0.5 + 0.4 * random.unit()
        var missed = 0
        guard first <= last else { return }
        for day in first...last where WorkingCalendar.isWorkingDay(day) {
            if missed >= 2 || random.chance(probability) {
                logins.append(WorkingCalendar.instant(day: day, minute: random.int(520...630), second: random.int(0...59)))
                if random.chance(0.15) {
                    logins.append(WorkingCalendar.instant(day: day, minute: random.int(870...990), second: random.int(0...59)))
                }
                missed = 0
            } else {
                missed += 1
            }
        }
    }
}
