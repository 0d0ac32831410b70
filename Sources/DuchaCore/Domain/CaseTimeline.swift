/// A case's whole story as `trace` shows it: who did which step when, when it was
/// recorded, its alerts, and what stands out. Built by the store, judged here (pure).
public struct CaseTimeline: Sendable {
    /// One step record, with its workflow step and operator.
    public struct Step: Sendable {
        public let id: Int64
        /// The workflow step's name, position, role, time limit (working days) and
        /// whether it is the leader's review; nil when the record names no step.
        public let name: String?
        public let position: Int?
        public let stepRole: String?
        public let timeLimit: Int?
        public let leaderReview: Bool
        /// Who recorded it, and their role.
        public let operatorName: String?
        public let operatorRole: String?
        public let occurred: Instant
        public let recorded: Instant?
        public let note: String?

        public init(id: Int64, name: String?, position: Int?, stepRole: String?, timeLimit: Int?, leaderReview: Bool,
                    operatorName: String?, operatorRole: String?, occurred: Instant, recorded: Instant?, note: String?) {
            self.id = id
            self.name = name
            self.position = position
            self.stepRole = stepRole
            self.timeLimit = timeLimit
            self.leaderReview = leaderReview
            self.operatorName = operatorName
            self.operatorRole = operatorRole
            self.occurred = occurred
            self.recorded = recorded
            self.note = note
        }
    }

    /// An alert raised on the case.
    public struct Alert: Sendable {
        public let kind: String
        public let level: String
        public let step: String?
        public let raised: Instant
        public let handled: Instant?
        public let handledBy: String?
        public let disposition: String?

        public init(kind: String, level: String, step: String?, raised: Instant, handled: Instant?, handledBy: String?, disposition: String?) {
            self.kind = kind
            self.level = level
            self.step = step
            self.raised = raised
            self.handled = handled
            self.handledBy = handledBy
            self.disposition = disposition
        }
    }

    public let number: String
    public let item: String
    public let category: String
    /// The day the item was abolished (on the platform, or in the published catalog), if it was.
    public let itemAbolished: CivilDate?
    public let department: String
    public let region: String
    public let opened: Instant
    public let decided: Instant?
    public let result: String?
    /// The steps in the order they happened; equal times in the order they were recorded (stored).
    public let steps: [Step]
    /// The configured steps of the item's workflow, by position.
    public let workflow: [(position: Int, name: String)]
    public let alerts: [Alert]

    public init(number: String, item: String, category: String, itemAbolished: CivilDate?, department: String, region: String,
                opened: Instant, decided: Instant?, result: String?, steps: [Step], workflow: [(position: Int, name: String)], alerts: [Alert]) {
        self.number = number
        self.item = item
        self.category = category
        self.itemAbolished = itemAbolished
        self.department = department
        self.region = region
        self.opened = opened
        self.decided = decided
        self.result = result
        self.steps = steps
        self.workflow = workflow
        self.alerts = alerts
    }
}

/// What `trace` and the checks judge a case by: defaults from the 2016 bulletin's
/// practice (a step recorded three days or more after it happened is backfilled ...).
public struct InspectionRules: Sendable {
    /// A step recorded this long or longer after it occurred is late.
    public var lateRecording: Int64 = 3 * Milliseconds.day
    /// A case whose steps span this long or longer ...
    public var bulkSpan: Int64 = 2 * Milliseconds.day
    /// ... but were all recorded within this long was entered in one sitting.
    public var bulkWindow: Int64 = 30 * Milliseconds.minute
    /// A case of this many steps or more, all by one operator, is a one-person case.
    public var onePersonMinimumSteps = 3
    /// The working days that time limits count.
    public var calendar = WorkdayCalendar.official

    /// The defaults.
    public init() {}

    /// The defaults, counting working days with `calendar`.
    public init(calendar: WorkdayCalendar) {
        self.calendar = calendar
    }
}

/// Something about a case or one of its steps that an inspector should see.
public enum TimelineFlag: Hashable, Sendable {
    /// Step `step` was recorded `by` milliseconds after it occurred.
    case recordedLate(step: Int, by: Int64)
    /// The steps span `span` but were all recorded within `window`.
    case enteredAtOnce(span: Int64, window: Int64)
    /// One operator recorded every step.
    case onePerson(String)
    /// A configured step is missing though a later one was recorded, or the case was decided.
    case missingStep(String)
    /// Step `step` was done for the first time after a step that comes later in the workflow.
    case outOfOrder(step: Int, after: String)
    /// The leader's review at `step` was recorded by someone who is not a leader.
    case leaderStepByNonLeader(step: Int, operator: String, role: String)
    /// Step `step` took `workingDays` against a limit of `limit`.
    case overTime(step: Int, workingDays: Int, limit: Int)
    /// The case was opened on its item on or after the day the item was abolished.
    case afterAbolition(CivilDate)
    /// An alarm that nobody handled.
    case unhandledAlarm(raised: Instant)

    /// The step the flag is about, if it is about one.
    public var step: Int? {
        switch self {
        case .recordedLate(let step, _), .outOfOrder(let step, _), .leaderStepByNonLeader(let step, _, _), .overTime(let step, _, _): return step
        default: return nil
        }
    }
}

extension CaseTimeline {
    /// Everything that stands out, case-level first, then by step.
    public func flags(_ rules: InspectionRules = InspectionRules()) -> [TimelineFlag] {
        var flags: [TimelineFlag] = []
        if let abolished = itemAbolished, ChinaTime.date(of: opened) >= abolished { flags.append(.afterAbolition(abolished)) }
        let recorded = steps.compactMap(\.recorded)
        if steps.count >= 2, recorded.count == steps.count,
           let firstOccurred = steps.map(\.occurred).min(), let lastOccurred = steps.map(\.occurred).max(),
           let firstRecorded = recorded.min(), let lastRecorded = recorded.max() {
            let span = lastOccurred.millisecondsSinceEpoch - firstOccurred.millisecondsSinceEpoch
            let window = lastRecorded.millisecondsSinceEpoch - firstRecorded.millisecondsSinceEpoch
            if span >= rules.bulkSpan && window <= rules.bulkWindow { flags.append(.enteredAtOnce(span: span, window: window)) }
        }
        let operators = Set(steps.compactMap(\.operatorName))
        if steps.count >= rules.onePersonMinimumSteps, operators.count == 1, steps.allSatisfy({ $0.operatorName != nil }) {
            flags.append(.onePerson(operators.first!))
        }
        let done = Set(steps.compactMap(\.position))
        let highest = done.max() ?? 0
        for configured in workflow where !done.contains(configured.position) && (configured.position < highest || decided != nil) {
            flags.append(.missingStep(configured.name))
        }
        for alert in alerts where alert.level == "alarm" && alert.handled == nil { flags.append(.unhandledAlarm(raised: alert.raised)) }
        var seen = Set<Int>()
        var furthest: (position: Int, name: String)?
        for (index, step) in steps.enumerated() {
            if let recordedAt = step.recorded {
                let late = recordedAt.millisecondsSinceEpoch - step.occurred.millisecondsSinceEpoch
                if late >= rules.lateRecording { flags.append(.recordedLate(step: index, by: late)) }
            }
            if let position = step.position {
                if !seen.contains(position), let ahead = furthest, ahead.position > position {
                    flags.append(.outOfOrder(step: index, after: ahead.name))
                }
                seen.insert(position)
                if furthest == nil || position > furthest!.position { furthest = (position, step.name ?? "") }
            }
            if step.leaderReview, let role = step.operatorRole, role != "leader" {
                flags.append(.leaderStepByNonLeader(step: index, operator: step.operatorName ?? "", role: role))
            }
            if let limit = step.timeLimit {
                let start = index == 0 ? opened : steps[index - 1].occurred
                // Working days after the previous step's Beijing date, up to and including its own.
                let days = rules.calendar.workdays(from: start, to: step.occurred)
                if days > limit { flags.append(.overTime(step: index, workingDays: days, limit: limit)) }
            }
        }
        return flags
    }
}
