/// The checks that look at every step of every case, judged in one pass over the
/// steps in case order (the store streams them; this is pure): steps recorded late,
/// cases entered at once, one-person cases, acceptance and review by one person, steps
/// over their limit, and departments whose steps one operator recorded.
public struct StepSweep {
    /// One step as the sweep needs it.
    public struct Step {
        public let id: Int64
        public let occurred: Int64
        public let recorded: Int64?
        public let person: Int64?
        public let leaderReview: Bool
        /// Whether the workflow step is a reviewer's or a leader's.
        public let reviews: Bool
        public let timeLimit: Int?
        /// The workflow step's role as a bit: `StepSweep.roleBits`; 0 when not known.
        public let role: UInt8

        public init(id: Int64, occurred: Int64, recorded: Int64?, person: Int64?, leaderReview: Bool, reviews: Bool, timeLimit: Int?, role: UInt8 = 0) {
            self.id = id
            self.occurred = occurred
            self.recorded = recorded
            self.person = person
            self.leaderReview = leaderReview
            self.reviews = reviews
            self.timeLimit = timeLimit
            self.role = role
        }
    }

    /// A hit: the row found (a step or a case), its department, the rows that show it, the deciding value.
    public struct Hit: Hashable, Sendable {
        public let subject: Int64
        public let department: Int64
        public let evidence: [Int64]
        public let value: Int64
    }

    /// The check ids the sweep answers.
    public static let checks: Set<String> = ["late-recording", "bulk-recording", "one-person-case", "same-person-review", "step-overtime", "single-operator-department",
                                             "incompatible-roles", "case-overtime"]

    /// A role as a bit, so that a person's roles in a case are one byte.
    public static let roleBits: [String: UInt8] = ["clerk": 1, "reviewer": 2, "leader": 4, "supervisor": 8]

    private let periodStart: Int64, periodEnd: Int64
    // What to judge, and by which numbers, settled once for the whole sweep.
    private let late: Int64?, bulk: (span: Int64, window: Int64)?, onePerson: (steps: Int, leader: Bool)?
    private let samePerson: Bool, overtime: Int64?, singleOperator: Bool
    /// The pairs of roles one person may not hold in a case, as two-bit masks.
    private let incompatible: [UInt8]
    /// case-overtime: the excess that counts, and today's Beijing day number (undecided
    /// cases run to it).
    private let caseOvertime: (excess: Int64, today: Int)?
    /// The working days that time limits count.
    private let calendar: WorkdayCalendar
    /// Hits by check id.
    public private(set) var hits: [String: [Hit]] = [:]
    private var departmentPeople: [Int64: Set<Int64>] = [:]
    private var departmentSteps: [Int64: Int] = [:]

    /// A sweep for the `wanted` checks with their parameters by check id (defaults where
    /// absent), over the period [start, end) in milliseconds.
    public init(wanted: Set<String>, parameters: [String: [String: Int64]], periodStart: Int64, periodEnd: Int64, calendar: WorkdayCalendar = .official,
                today: CivilDate? = nil) {
        func value(_ check: String, _ name: String) -> Int64 {
            parameters[check]?[name] ?? CheckCatalog.named(check)?.parameter(name)?.defaultValue ?? 0
        }
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.calendar = calendar
        late = wanted.contains("late-recording") ? value("late-recording", "hours") * Milliseconds.hour : nil
        bulk = wanted.contains("bulk-recording")
            ? (value("bulk-recording", "span_hours") * Milliseconds.hour, value("bulk-recording", "window_minutes") * Milliseconds.minute) : nil
        onePerson = wanted.contains("one-person-case") ? (Int(value("one-person-case", "steps")), value("one-person-case", "leader") != 0) : nil
        samePerson = wanted.contains("same-person-review")
        overtime = wanted.contains("step-overtime") ? value("step-overtime", "excess") : nil
        singleOperator = wanted.contains("single-operator-department")
        caseOvertime = wanted.contains("case-overtime") ? (value("case-overtime", "excess"), (today ?? CivilDate(daysSinceEpoch: 0)).daysSinceEpoch) : nil
        if wanted.contains("incompatible-roles") {
            incompatible = [("clerk_reviewer", 1 | 2), ("reviewer_leader", 2 | 4), ("clerk_leader", 1 | 4)]
                .filter { value("incompatible-roles", $0.0) != 0 }.map { UInt8($0.1) }
        } else {
            incompatible = []
        }
    }

    /// Judges one case: its id, department, opening, decision and its item's time limit,
    /// and steps in the order they happened.
    public mutating func add(case caseID: Int64, department: Int64, opened: Int64, decided: Int64? = nil, itemLimit: Int? = nil, steps: [Step]) {
        if let caseOvertime, let itemLimit {
            // Working days from the opening date to the decision's, or to today while undecided.
            let end = decided.map(ChinaTime.day(of:)) ?? caseOvertime.today
            let over = calendar.workdays(afterDay: ChinaTime.day(of: opened), throughDay: end) - itemLimit
            if Int64(over) >= caseOvertime.excess {
                hits["case-overtime", default: []].append(Hit(subject: caseID, department: department, evidence: [caseID], value: Int64(over)))
            }
        }
        guard !steps.isEmpty else { return }
        if let limit = late {
            // One finding per case, its late steps the evidence, the latest the value.
            var lateSteps: [Int64] = []
            var latest: Int64 = 0
            for step in steps {
                if let recorded = step.recorded, recorded - step.occurred >= limit {
                    lateSteps.append(step.id)
                    latest = max(latest, recorded - step.occurred)
                }
            }
            if !lateSteps.isEmpty {
                hits["late-recording", default: []].append(Hit(subject: caseID, department: department, evidence: lateSteps, value: latest / Milliseconds.hour))
            }
        }
        if let bulk, steps.count >= 2, steps.allSatisfy({ $0.recorded != nil }) {
            let occurred = steps.map(\.occurred), recorded = steps.compactMap(\.recorded)
            let span = occurred.max()! - occurred.min()!, window = recorded.max()! - recorded.min()!
            if span >= bulk.span && window <= bulk.window {
                hits["bulk-recording", default: []].append(Hit(subject: caseID, department: department, evidence: steps.map(\.id), value: span / Milliseconds.hour))
            }
        }
        // The distinct operators of a case: a handful, so a small array beats a set.
        var people: [Int64] = []
        if onePerson != nil || samePerson || singleOperator || !incompatible.isEmpty {
            for step in steps { if let person = step.person, !people.contains(person) { people.append(person) } }
        }
        if let onePerson, steps.count >= onePerson.steps, people.count == 1, !onePerson.leader || steps.contains(where: \.leaderReview) {
            hits["one-person-case", default: []].append(Hit(subject: caseID, department: department, evidence: steps.map(\.id), value: Int64(steps.count)))
        }
        if samePerson, let first = steps.first?.person, people.count > 1,
           steps.contains(where: { $0.person == first && $0.reviews }) {
            hits["same-person-review", default: []].append(Hit(subject: caseID, department: department, evidence: steps.filter { $0.person == first }.map(\.id), value: 0))
        }
        if !incompatible.isEmpty && people.count > 1 {
            // One finding per case: the first person (in order of their first step) who
            // joined a pair switched on, their steps the evidence.
            for person in people {
                let roles = steps.reduce(UInt8(0)) { $1.person == person ? $0 | $1.role : $0 }
                let joined = incompatible.filter { roles & $0 == $0 }.count
                if joined > 0 {
                    hits["incompatible-roles", default: []].append(Hit(subject: caseID, department: department,
                                                                        evidence: steps.filter { $0.person == person }.map(\.id), value: Int64(joined)))
                    break
                }
            }
        }
        if let excess = overtime {
            var previous = opened
            for step in steps {
                if let limit = step.timeLimit {
                    let days = calendar.workdays(afterDay: ChinaTime.day(of: previous), throughDay: ChinaTime.day(of: step.occurred))
                    if Int64(days - limit) >= excess {
                        hits["step-overtime", default: []].append(Hit(subject: step.id, department: department, evidence: [step.id], value: Int64(days - limit)))
                    }
                }
                previous = step.occurred
            }
        }
        if singleOperator, opened >= periodStart, opened < periodEnd {
            departmentPeople[department, default: []].formUnion(people)
            departmentSteps[department, default: 0] += steps.count
        }
    }

    /// Ends the sweep: the department-level hits.
    public mutating func finish() {
        guard singleOperator else { return }
        for (department, people) in departmentPeople.sorted(by: { $0.key < $1.key }) where people.count == 1 {
            hits["single-operator-department", default: []].append(Hit(subject: department, department: department, evidence: [people.first!],
                                                                       value: Int64(departmentSteps[department] ?? 0)))
        }
    }
}
