import DuchaCore

/// Generates one case at a time: when each step happened and was recorded, who
/// recorded it, the alerts raised, and which anomalies it carries. Buffers are reused
/// from case to case; the case's own random stream makes it independent of the others.
///
/// Normal steps take at most half their time limit and are recorded within four hours
/// (the case's creation within 15 minutes). Anomalies are placed deliberately, with
/// margins from every threshold (see `DemoThresholds`); a case planned with an anomaly
/// that would not be complete 10 days before the story date is made normal instead.
struct CaseGenerator {
    /// How a case is entered on the platform.
    enum Recording { case prompt, partialLate, backfill }
    /// How the case's steps spread in time.
    enum Span { case free, sameDay, multiDay }
    /// Who records the steps.
    enum People { case normal, onePerson, samePerson }
    /// What became of a case.
    enum Outcome { case kept, dropped, retry }

    /// The story date at 00:00: nothing happens from then on.
    let cutoff: Int64
    /// The latest instant an alarm may be raised (10 days before the cutoff).
    let alarmLatest: Int64

    // MARK: The generated case

    /// Steps kept (recorded before the cutoff).
    private(set) var stepCount = 0
    private(set) var occurred = [Int64](repeating: 0, count: 16)
    private(set) var recorded = [Int64](repeating: 0, count: 16)
    private(set) var operators = [Int64](repeating: 0, count: 16)
    /// Steps recorded three days or more after they happened.
    private(set) var late = [Bool](repeating: false, count: 16)
    /// The step over its time limit, or -1.
    private(set) var overtimeStep = -1
    private(set) var created: Int64 = 0
    private(set) var decided: Int64?
    private(set) var alerts: [AlertDraft] = []
    private(set) var bulk = false
    private(set) var createdAfterDecision = false
    private(set) var onePerson = false
    private(set) var samePerson = false
    /// The case's random stream, left where generation ended (for its result text).
    private(set) var random = DemoRandom(seed: 0)

    private var elapsed = [Int](repeating: 0, count: 16)

    init(storyDate: CivilDate) {
        cutoff = WorkingCalendar.instant(day: storyDate.daysSinceEpoch, minute: 0)
        alarmLatest = cutoff - 10 * WorkingCalendar.dayMilliseconds
        alerts.reserveCapacity(4)
    }

    /// Generates the case planned by `seed`; false when it is not on the platform by the
    /// story date (a case entered after the fact, later than that).
    mutating func generate(_ seed: CaseSeed, department: DepartmentProfile, workflow: WorkflowProfile) -> Bool {
        random = DemoRandom(seed: seed.random)
        let stepTotal = workflow.roles.count
        var recording = Recording.prompt
        var span = Span.free
        var entryLate = false
        var people = department.singleUser ? People.onePerson : .normal
        var overtime = -1
        let morning = WorkingCalendar.minuteOfDay(of: seed.opened) <= 660
        if !seed.has(CaseSeed.prompt) && !department.exemplary {
            let habits = department.habits
            var backfill = department.batchReentry
            if !backfill {
                let draw = random.unit()
                if draw < habits.backfill {
                    backfill = true
                } else if draw < habits.backfill + habits.partialLate {
                    recording = .partialLate
                }
            }
            if backfill {
                recording = .backfill
                if morning && random.chance(0.4) {
                    span = .sameDay
                    entryLate = department.batchReentry || random.chance(0.5)
                } else {
                    span = .multiDay
                    entryLate = true
                }
            }
            if people == .normal {
                if workflow.hasLeaderReview && stepTotal >= DemoThresholds.onePersonMinimumSteps && random.chance(habits.onePerson) {
                    people = .onePerson
                } else if workflow.samePersonFeasible && random.chance(habits.samePersonReview) {
                    people = .samePerson
                }
            }
            // Over time only where the platform follows the case as it runs: a case
            // entered after the fact raises no alarm.
            let rate = workflow.isLongCopy ? 0.25 : habits.overtime
            if recording != .backfill && random.chance(rate) { overtime = 1 + random.index(stepTotal - 1) }
        }
        if seed.has(CaseSeed.lateIn2015) { overtime = 1 + random.index(stepTotal - 1) }

        switch attempt(seed, department, workflow, recording, span, entryLate, people, overtime) {
        case .kept: return true
        case .dropped: return false
        case .retry:
            let fallback = department.singleUser ? People.onePerson : .normal
            return attempt(seed, department, workflow, .prompt, .free, false, fallback, -1) == .kept
        }
    }

    // MARK: One attempt

    private mutating func attempt(_ seed: CaseSeed, _ department: DepartmentProfile, _ workflow: WorkflowProfile,
                                  _ recording: Recording, _ span: Span, _ entryLate: Bool, _ people: People,
                                  _ overtime: Int) -> Outcome {
        let stepTotal = workflow.roles.count
        alerts.removeAll(keepingCapacity: true)
        for position in 0..<stepTotal { late[position] = false }
        overtimeStep = -1
        bulk = false
        createdAfterDecision = false
        onePerson = false
        samePerson = false

        // Working days each step takes.
        var total = 0
        elapsed[0] = 0
        for position in 1..<stepTotal {
            let limit = workflow.limits[position]
            let most = limit / 2
            let days: Int
            if position == overtime {
                days = limit + DemoThresholds.overtimeExcessWorkingDays + random.int(0...3)
            } else if span == .sameDay || most == 0 {
                days = 0
            } else {
                days = random.chance(0.5) ? 0 : random.int(1...most)
            }
            elapsed[position] = days
            total += days
        }
        if span == .multiDay && total < 4 {
            for position in 1..<stepTotal where position != overtime {
                while elapsed[position] < workflow.limits[position] / 2 && total < 4 {
                    elapsed[position] += 1
                    total += 1
                }
            }
            if total < 4 { return .retry }
        }

        // When each step happened.
        var day = WorkingCalendar.day(of: seed.opened)
        var minute = WorkingCalendar.minuteOfDay(of: seed.opened)
        occurred[0] = seed.opened
        for position in 1..<stepTotal {
            var days = elapsed[position]
            if days == 0 {
                // Later the same day: skip the lunch break; a step that would run past
                // closing time moves to the next working day when its limit allows,
                // else it is squeezed in before closing.
                var next = minute + (span == .sameDay ? random.int(10...45) : random.int(20...90))
                if next >= WorkingCalendar.morningEnd && next < WorkingCalendar.afternoonStart { next += 120 }
                if next > WorkingCalendar.afternoonEnd {
                    if span != .sameDay && workflow.limits[position] / 2 >= 1 && position != overtime {
                        days = 1
                    } else {
                        next = minute + max(2, (WorkingCalendar.afternoonEnd - minute) / 3)
                    }
                }
                if days == 0 { minute = next }
            }
            if days > 0 {
                day = WorkingCalendar.adding(workingDays: days, to: day)
                minute = WorkingCalendar.officeMinute(&random)
            }
            occurred[position] = WorkingCalendar.instant(day: day, minute: minute, second: random.int(0...59))
        }

        // When each step was recorded.
        let decision = workflow.decisionIndex
        if recording == .backfill {
            let last = occurred[stepTotal - 1]
            var entry: Int64
            if entryLate {
                let days = department.batchReentry ? random.int(6...20) : random.int(4...15)
                entry = WorkingCalendar.instant(day: WorkingCalendar.adding(workingDays: days, to: WorkingCalendar.day(of: last)),
                                                minute: WorkingCalendar.officeMinute(&random), second: random.int(0...59))
            } else {
                entry = last + Int64(random.int(30...150)) * 60_000
            }
            created = entry
            for position in 0..<stepTotal {
                recorded[position] = entry
                late[position] = entryLate
                entry += Int64(random.int(20...100)) * 1000
            }
            if recorded[stepTotal - 1] >= cutoff { return .dropped }
            stepCount = stepTotal
            createdAfterDecision = true
            bulk = span == .multiDay
        } else {
            created = occurred[0] + Int64(random.int(60...900)) * 1000
            // The decision comes at least 40 minutes after the case was created.
            let earliest = created + 40 * 60_000
            if occurred[decision] < earliest {
                let shift = earliest + Int64(random.int(0...600)) * 1000 - occurred[decision]
                for position in decision..<stepTotal { occurred[position] += shift }
            }
            recorded[0] = created
            for position in 1..<stepTotal {
                recorded[position] = occurred[position] + promptDelay(exemplary: department.exemplary)
            }
            if recording == .partialLate {
                let position = 1 + random.index(stepTotal - 1)
                let lateDay = WorkingCalendar.adding(workingDays: random.int(4...12), to: WorkingCalendar.day(of: occurred[position]))
                let lateInstant = WorkingCalendar.instant(day: lateDay, minute: WorkingCalendar.officeMinute(&random),
                                                          second: random.int(0...59))
                if lateInstant >= cutoff { return .retry }
                recorded[position] = lateInstant
                late[position] = true
            }
            var kept = 0
            while kept < stepTotal && occurred[kept] < cutoff && recorded[kept] < cutoff { kept += 1 }
            stepCount = kept
            if kept < stepTotal && (recording == .partialLate || overtime >= 0 || (people != .normal && !department.singleUser)) {
                return .retry
            }
        }
        decided = stepCount > decision ? occurred[decision] : nil

        // Alerts: an overtime step gets a warning on its last day and an alarm after it.
        if overtime >= 0 {
            let previousDay = WorkingCalendar.day(of: occurred[overtime - 1])
            let limit = workflow.limits[overtime]
            let warning = WorkingCalendar.instant(day: WorkingCalendar.adding(workingDays: limit, to: previousDay),
                                                  minute: 510 + random.int(0...10), second: random.int(0...59))
            let alarm = WorkingCalendar.instant(day: WorkingCalendar.adding(workingDays: limit + 1, to: previousDay),
                                                minute: 510 + random.int(0...10), second: random.int(0...59))
            if alarm > alarmLatest { return .retry }
            overtimeStep = overtime
            addAlert(step: overtime, kind: .overtime, level: .warning, raised: warning, disposition: "已提醒经办人", department)
            addAlert(step: overtime, kind: .overtime, level: .alarm, raised: alarm, disposition: "已督办，责令限期办结", department)
        }

        // Who recorded each step.
        let clerk = random.pick(department.clerks)
        let reviewer = department.reviewers.isEmpty ? clerk : random.pick(department.reviewers)
        let leader = department.leaders.isEmpty ? reviewer : random.pick(department.leaders)
        for position in 0..<stepCount {
            if people == .onePerson {
                operators[position] = clerk
            } else {
                let role = workflow.roles[position]
                operators[position] = role == 0 ? clerk : (role == 1 ? reviewer : leader)
            }
        }
        if people == .samePerson {
            let position = workflow.firstReviewer
            operators[position] = clerk
            let raised = recorded[position] + 5000
            if raised > alarmLatest { return .retry }
            samePerson = true
            addAlert(step: position, kind: .rule, level: .alarm, raised: raised, disposition: "已核实，责令纠正", department)
        }
        onePerson = people == .onePerson && stepCount == stepTotal && stepTotal >= DemoThresholds.onePersonMinimumSteps
            && workflow.hasLeaderReview

        if !department.exemplary && stepCount >= 2 && random.chance(department.habits.ruleWarning) {
            let position = random.index(stepCount)
            let raised = recorded[position] + 10_000
            if raised < cutoff {
                addAlert(step: position, kind: .rule, level: .warning, raised: raised, disposition: "已查阅", department)
            }
        }
        return .kept
    }

    /// Adds an alert, handled at the first login of a supervisor after it was raised.
    private mutating func addAlert(step: Int, kind: AlertKind, level: AlertLevel, raised: Int64, disposition: String,
                                   _ department: DepartmentProfile) {
        var alert = AlertDraft(step: step, kind: kind, level: level, raised: raised)
        if let login = department.firstLogin(atOrAfter: raised) {
            let handled = login.at + Int64(random.int(120...2400)) * 1000
            if handled < cutoff {
                alert.handled = handled
                alert.handledBy = login.by
                alert.disposition = disposition
            }
        }
        alerts.append(alert)
    }

    /// Minutes to a few hours: most steps are entered right away.
    @inline(__always)
    private mutating func promptDelay(exemplary: Bool) -> Int64 {
        if exemplary { return Int64(random.int(30...600)) * 1000 }
        let draw = random.unit()
        if draw < 0.7 { return Int64(random.int(60...1200)) * 1000 }
        if draw < 0.95 { return Int64(random.int(1200...7200)) * 1000 }
        return Int64(random.int(7200...14_400)) * 1000
    }
}
