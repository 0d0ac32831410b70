import DuchaCore
import DuchaStore

/// Writes the whole scenario into a new store: the reference rows, then the cases of
/// each region, then the labels that follow from the counts, then the settings.
final class ScenarioWriter {
    private let store: Store
    private let options: DemoOptions
    private let progress: (String) -> Void
    private let reference: ReferenceData
    private let labels: RowInserter

    /// Rows written per table, in order.
    private(set) var rowCounts: [(table: String, rows: Int)] = []
    /// Labels written per anomaly, by `Anomaly.ordinal`.
    private(set) var labelCounts = Array(repeating: 0, count: Anomaly.allCases.count)

    // Counts that decide the department and region labels.
    private var monthCases: [[Int]]
    private var categoryMask: [UInt16]
    private var casesIn2016: [Int]
    private var operatorActive: [Bool]
    private var regionJanuaryToApril: [Int]

    init(store: Store, options: DemoOptions, progress: @escaping (String) -> Void) throws {
        self.store = store
        self.options = options
        self.progress = progress
        progress("planning departments, items and people")
        var planner = DepartmentPlanner(options: options)
        reference = ReferenceData(departments: planner.plan(), options: options)
        labels = try store.inserter(for: "labels")
        let departmentCount = reference.departments.count
        monthCases = Array(repeating: Array(repeating: 0, count: 13), count: departmentCount)
        categoryMask = Array(repeating: 0, count: departmentCount)
        casesIn2016 = Array(repeating: 0, count: departmentCount)
        operatorActive = Array(repeating: false, count: reference.operators.count)
        regionJanuaryToApril = Array(repeating: 0, count: RegionProfile.all.count)
    }

    /// Writes everything in one transaction, with the big tables' indexes built at the end.
    func write() throws {
        try store.transaction {
            try store.withIndexesDeferred(on: ["cases", "steps", "alerts", "logins", "labels"]) {
                try writeReference()
                try writeCases()
                try writeDepartmentLabels()
            }
            try store.setSetting("story_date", to: options.storyDate.description)
            try store.setSetting("demo_scale", to: String(options.scale))
            try store.setSetting("demo_seed", to: String(options.seed))
            try store.setSetting("demo_revision", to: String(DemoScenario.revision))
        }
        rowCounts.append((table: "labels", rows: labelCounts.reduce(0, +)))
        progress("building indexes and statistics")
        try store.finishBulkLoad()
    }

    // MARK: Labels

    private func label(_ anomaly: Anomaly, _ id: Int64, _ detail: String?) throws {
        labels.set(1, anomaly.rawValue)
        labels.set(2, anomaly.entity)
        labels.set(3, id)
        labels.set(4, detail)
        try labels.insert()
        labelCounts[anomaly.ordinal] += 1
    }

    /// Inserts a row and checks it got the id the plan gave it (its position + 1).
    private func insert(_ inserter: RowInserter, expecting position: Int) throws {
        let id = try inserter.insert()
        guard id == Int64(position + 1) else {
            throw DemoError("internal error: \(inserter.table.name) row \(position + 1) was stored as id \(id)")
        }
    }

    // MARK: Reference rows

    private func writeReference() throws {
        progress("writing regions, departments, workflows, items, catalog and operators")
        let regions = try store.inserter(for: "regions")
        for (position, region) in RegionProfile.all.enumerated() {
            regions.set(1, region.name)
            regions.set(2, region.code)
            regions.set(3, region.level.rawValue)
            try insert(regions, expecting: position)
        }
        rowCounts.append((table: "regions", rows: RegionProfile.all.count))

        let departments = try store.inserter(for: "departments")
        for (position, plan) in reference.departments.enumerated() {
            departments.set(1, plan.name)
            departments.set(2, plan.region + 1)
            departments.set(3, plan.parent.map { Int64($0 + 1) })
            departments.set(4, plan.platform.rawValue)
            departments.set(5, plan.terminals)
            try insert(departments, expecting: position)
            let id = Int64(position + 1)
            let team = reference.staff[position]
            if plan.platform == .none { try label(.noPlatform, id, "no platform set up") }
            if plan.platform == .online && plan.terminals <= DemoThresholds.fewTerminalsMaximum {
                try label(.fewTerminals, id, "\(plan.terminals) terminals on the extranet")
            }
            let operatorCount = team.clerks.count + team.reviewers.count + team.leaders.count + team.supervisors.count
            if plan.platform == .online && operatorCount > 0 && team.leaders.isEmpty {
                try label(.noLeader, id, plan.singleUser ? "its only platform user is a clerk" : "no operator with the leader role")
            }
        }
        rowCounts.append((table: "departments", rows: reference.departments.count))

        let workflows = try store.inserter(for: "workflows")
        let workflowSteps = try store.inserter(for: "workflow_steps")
        var stepPosition = 0
        for (position, workflow) in reference.workflows.enumerated() {
            workflows.set(1, workflow.name)
            workflows.set(2, workflow.department.map { Int64($0 + 1) })
            workflows.set(3, workflow.template.map { Int64($0 + 1) })
            workflows.set(4, workflow.isTemplate)
            try insert(workflows, expecting: position)
            for anomaly in workflow.labels {
                let detail = anomaly == .templateCopyTooManySteps
                    ? "\(workflow.steps.count) steps copied unchanged from \(WorkflowTemplate.all[workflow.template!].name)" : nil
                try label(anomaly, Int64(position + 1), detail)
            }
            for (order, step) in workflow.steps.enumerated() {
                workflowSteps.set(1, position + 1)
                workflowSteps.set(2, order + 1)
                workflowSteps.set(3, step.name)
                workflowSteps.set(4, step.role.rawValue)
                workflowSteps.set(5, step.timeLimit)
                workflowSteps.set(6, step.leaderReview)
                workflowSteps.set(7, step.riskPoint)
                workflowSteps.set(8, step.supervisionPoint)
                try insert(workflowSteps, expecting: stepPosition)
                stepPosition += 1
            }
        }
        rowCounts.append((table: "workflows", rows: reference.workflows.count))
        rowCounts.append((table: "workflow_steps", rows: stepPosition))

        let items = try store.inserter(for: "items", columns: ["code", "name", "category", "department_id", "workflow_id", "status", "effective",
                                                               "abolished", "time_limit"])
        for (position, item) in reference.items.enumerated() {
            items.set(1, item.code)
            items.set(2, item.name)
            items.set(3, item.category.rawValue)
            items.set(4, item.department + 1)
            items.set(5, item.workflow.map { Int64($0 + 1) })
            items.set(6, item.status.rawValue)
            items.set(7, item.effective.description)
            items.set(8, item.abolished?.description)
            // Department workflows give their items a time limit; items on a template or none have none.
            let row = item.workflow.map { reference.workflows[$0] }
            items.set(9, row.flatMap { $0.isTemplate ? nil : Int64(WorkflowProfile.caseTimeLimit(of: $0)) })
            try insert(items, expecting: position)
            for anomaly in item.labels {
                let detail = anomaly == .abolishedItemRunning
                    ? "abolished in the catalog on \(item.catalogAbolished!), still active" : "not in the published catalog"
                try label(anomaly, Int64(position + 1), detail)
            }
        }
        rowCounts.append((table: "items", rows: reference.items.count))

        let catalog = try store.inserter(for: "catalog")
        for (position, entry) in reference.catalog.enumerated() {
            catalog.set(1, entry.code)
            catalog.set(2, entry.name)
            catalog.set(3, entry.category.rawValue)
            catalog.set(4, entry.department + 1)
            catalog.set(5, entry.published.description)
            catalog.set(6, entry.abolished?.description)
            try insert(catalog, expecting: position)
            if entry.missingFromPlatform {
                try label(.catalogMissingFromPlatform, Int64(position + 1), "published, never put on the platform")
            }
        }
        rowCounts.append((table: "catalog", rows: reference.catalog.count))

        let operators = try store.inserter(for: "operators")
        let logins = try store.inserter(for: "logins")
        var loginCount = 0
        let inactiveLimit = WorkingCalendar.instant(day: options.storyDate.daysSinceEpoch - DemoThresholds.supervisorInactiveDays, minute: 0)
        for (position, person) in reference.operators.enumerated() {
            operators.set(1, person.name)
            operators.set(2, person.department + 1)
            operators.set(3, person.role.rawValue)
            try insert(operators, expecting: position)
            let id = Int64(position + 1)
            for login in person.logins {
                logins.set(1, id)
                logins.set(2, Instant(millisecondsSinceEpoch: login))
                try logins.insert()
                loginCount += 1
            }
            guard person.role == .supervisor else { continue }
            if let last = person.logins.last {
                if last <= inactiveLimit {
                    try label(.supervisorInactive, id, "last login " + ChinaTime.format(Instant(millisecondsSinceEpoch: last)))
                }
            } else {
                try label(.supervisorNeverLoggedIn, id, "never logged in")
            }
        }
        rowCounts.append((table: "operators", rows: reference.operators.count))
        rowCounts.append((table: "logins", rows: loginCount))
    }

    // MARK: Cases

    private func writeCases() throws {
        let cases = try store.inserter(for: "cases")
        let steps = try store.inserter(for: "steps")
        let alerts = try store.inserter(for: "alerts")
        var caseCount = 0, stepCount = 0, alertCount = 0

        // Flat views for the generator.
        var workflowProfiles: [WorkflowProfile?] = []
        for workflow in reference.workflows {
            workflowProfiles.append(workflow.isTemplate ? nil : WorkflowProfile(row: workflow, firstStepID: Int64(workflow.firstStep + 1)))
        }
        let departmentProfiles = reference.departments.indices.map { position -> DepartmentProfile in
            let plan = reference.departments[position]
            let team = reference.staff[position]
            return DepartmentProfile(
                clerks: team.clerks.map { Int64($0 + 1) },
                reviewers: team.reviewers.map { Int64($0 + 1) },
                leaders: team.leaders.map { Int64($0 + 1) },
                supervisors: team.supervisors.map { (id: Int64($0 + 1), logins: reference.operators[$0].logins) },
                habits: plan.habits, exemplary: plan.exemplary, singleUser: plan.singleUser, batchReentry: plan.batchReentry)
        }
        let results = ItemCategory.allCases.map(ItemNaming.results(for:))
        let planner = CasePlanner(options: options, reference: reference)
        var generator = CaseGenerator(storyDate: options.storyDate)
        let start2016 = WorkingCalendar.instant(day: CivilDate(year: 2016, month: 1, day: 1)!.daysSinceEpoch, minute: 0)
        let firstDay2016 = CivilDate(year: 2016, month: 1, day: 1)!.daysSinceEpoch
        let monthStarts = (1...12).map { CivilDate(year: 2016, month: $0, day: 1)!.daysSinceEpoch }
        let backfillNote = "由行政审批通用软件系统再次录入"

        for (regionIndex, region) in RegionProfile.all.enumerated() {
            let seeds = planner.seeds(region: regionIndex)
            progress("cases of \(region.name): \(seeds.count) planned")
            let width = max(4, String(seeds.count).count)
            var sequence2015 = 0, sequence2016 = 0
            for seed in seeds {
                let department = Int(seed.department)
                guard let workflowIndex = reference.workflowOf[department][Int(seed.category)],
                      let workflow = workflowProfiles[workflowIndex] else { continue }
                let profile = departmentProfiles[department]
                guard generator.generate(seed, department: profile, workflow: workflow) else { continue }

                let in2016 = seed.opened >= start2016
                let number: String
                if in2016 {
                    sequence2016 += 1
                    number = "2016-" + region.code + "-" + ItemNaming.padded(sequence2016, width)
                } else {
                    sequence2015 += 1
                    number = "2015-" + region.code + "-" + ItemNaming.padded(sequence2015, 4)
                }
                cases.set(1, number)
                cases.set(2, Int64(seed.item) + 1)
                cases.set(3, department + 1)
                cases.set(4, Instant(millisecondsSinceEpoch: seed.opened))
                cases.set(5, generator.decided.map(Instant.init(millisecondsSinceEpoch:)))
                if generator.decided != nil {
                    var random = generator.random
                    cases.set(6, random.pick(results[Int(seed.category)]))
                }
                cases.set(7, Instant(millisecondsSinceEpoch: generator.created))
                let caseID = try cases.insert()
                caseCount += 1

                let note: String? = profile.batchReentry ? backfillNote : nil
                for position in 0..<generator.stepCount {
                    let operatorID = generator.operators[position]
                    steps.set(1, caseID)
                    steps.set(2, workflow.firstStepID + Int64(position))
                    steps.set(3, operatorID)
                    steps.set(4, Instant(millisecondsSinceEpoch: generator.occurred[position]))
                    steps.set(5, Instant(millisecondsSinceEpoch: generator.recorded[position]))
                    if let note { steps.set(6, note) }
                    let stepID = try steps.insert()
                    stepCount += 1
                    if in2016 { operatorActive[Int(operatorID) - 1] = true }
                    if generator.late[position] {
                        let hours = (generator.recorded[position] - generator.occurred[position]) / 3_600_000
                        try label(.lateRecording, stepID, "recorded \(hours) hours after it occurred")
                    }
                    if position == generator.overtimeStep {
                        let previousDay = WorkingCalendar.day(of: generator.occurred[position - 1])
                        let days = WorkingCalendar.workingDays(after: previousDay, through: WorkingCalendar.day(of: generator.occurred[position]))
                        try label(.stepOvertime, stepID, "took \(days) working days, limit \(workflow.limits[position])")
                    }
                }
                for alert in generator.alerts {
                    alerts.set(1, caseID)
                    alerts.set(2, workflow.firstStepID + Int64(alert.step))
                    alerts.set(3, alert.kind.rawValue)
                    alerts.set(4, alert.level.rawValue)
                    alerts.set(5, Instant(millisecondsSinceEpoch: alert.raised))
                    alerts.set(6, alert.handled.map(Instant.init(millisecondsSinceEpoch:)))
                    alerts.set(7, alert.handledBy)
                    alerts.set(8, alert.disposition)
                    let alertID = try alerts.insert()
                    alertCount += 1
                    if alert.level == .alarm && alert.handled == nil {
                        try label(.unhandledAlarm, alertID, "raised " + ChinaTime.format(Instant(millisecondsSinceEpoch: alert.raised)) + ", never handled")
                    }
                }

                if generator.bulk {
                    let span = (generator.occurred[generator.stepCount - 1] - generator.occurred[0]) / 3_600_000
                    let window = (generator.recorded[generator.stepCount - 1] - generator.recorded[0]) / 60_000
                    try label(.bulkRecording, caseID, "steps spanning \(span) hours recorded within \(window) minutes")
                }
                if generator.createdAfterDecision {
                    let minutes = (generator.created - (generator.decided ?? generator.created)) / 60_000
                    try label(.createdAfterDecision, caseID, "created \(minutes) minutes after the decision")
                }
                // Over the item's time limit: working days from opening to decision, or to the
                // story date while undecided, past the limit its workflow gives it.
                let openedDay = WorkingCalendar.day(of: seed.opened)
                let endDay = generator.decided.map(WorkingCalendar.day(of:)) ?? options.storyDate.daysSinceEpoch
                let taken = WorkingCalendar.workingDays(after: openedDay, through: endDay)
                if taken - workflow.caseTimeLimit >= DemoThresholds.caseOvertimeExcessWorkingDays {
                    try label(.caseOvertime, caseID, "took \(taken) working days" + (generator.decided == nil ? " and is still open" : "")
                              + ", limit \(workflow.caseTimeLimit)")
                }
                if generator.onePerson { try label(.onePersonCase, caseID, "every step recorded by one operator") }
                if generator.samePerson { try label(.samePersonReview, caseID, "the accepting clerk also recorded the review") }
                if seed.has(CaseSeed.afterAbolition) {
                    let item = reference.items[Int(seed.item)]
                    try label(.caseAfterAbolition, caseID, "opened after the item was abolished on \(item.catalogAbolished!)")
                }

                if in2016 {
                    let day = WorkingCalendar.day(of: seed.opened)
                    var month = 1
                    while month < 12 && day >= monthStarts[month] { month += 1 }
                    monthCases[department][month] += 1
                    categoryMask[department] |= 1 << UInt16(seed.category)
                    casesIn2016[department] += 1
                    if month <= 4 && day >= firstDay2016 { regionJanuaryToApril[regionIndex] += 1 }
                }
            }
        }
        rowCounts.append((table: "cases", rows: caseCount))
        rowCounts.append((table: "steps", rows: stepCount))
        rowCounts.append((table: "alerts", rows: alertCount))
    }

    // MARK: Department and region labels

    private func writeDepartmentLabels() throws {
        progress("labelling departments and regions")
        var activeOperators = Array(repeating: 0, count: reference.departments.count)
        for (position, person) in reference.operators.enumerated() where operatorActive[position] {
            activeOperators[person.department] += 1
        }
        for (position, plan) in reference.departments.enumerated() {
            let id = Int64(position + 1)
            let months = monthCases[position]
            if (1...4).allSatisfy({ months[$0] == 0 }) {
                try label(.zeroCases, id, "no case from 2016-01 to 2016-04")
            }
            if casesIn2016[position] > 0 {
                var run: [Int] = [], longest: [Int] = []
                for month in 1...4 {
                    if months[month] == 0 { run.append(month) } else { run = [] }
                    if run.count > longest.count { longest = run }
                }
                if longest.count >= DemoThresholds.emptyMonthsRun {
                    try label(.monthsWithoutCase, id, longest.map { "2016-" + ItemNaming.padded($0, 2) }.joined(separator: ","))
                }
            }
            let mask = categoryMask[position]
            if casesIn2016[position] >= DemoThresholds.singleCategoryMinimumCases && mask.nonzeroBitCount == 1
                && reference.activeItemCategories[position] >= DemoThresholds.singleCategoryMinimumItemCategories {
                let category = ItemCategory.allCases[mask.trailingZeroBitCount]
                try label(.singleCategory, id, "\(casesIn2016[position]) cases, all \(category.rawValue); items in \(reference.activeItemCategories[position]) categories")
            }
            if activeOperators[position] == 1 {
                try label(.singleOperatorDepartment, id, plan.singleUser ? "one platform user records everything" : "one active operator")
            }
        }

        // Regions: far below the median of the other district and county regions.
        for (position, region) in RegionProfile.all.enumerated() where !region.isCity {
            let peers = RegionProfile.all.indices.filter { $0 != position && !RegionProfile.all[$0].isCity }
                .map { regionJanuaryToApril[$0] }.sorted()
            let median = peers.count % 2 == 1 ? Double(peers[peers.count / 2])
                : Double(peers[peers.count / 2 - 1] + peers[peers.count / 2]) / 2
            if Double(regionJanuaryToApril[position]) < DemoThresholds.lowRegionShareOfMedian * median {
                try label(.lowRegion, Int64(position + 1),
                          "\(regionJanuaryToApril[position]) cases from 2016-01 to 2016-04; peers' median \(Int(median))")
            }
        }
    }
}
