import DuchaCore

/// The scenario's reference rows (departments, workflows, items, catalog, operators and
/// supervisors' logins), built from the department plans before anything is written.
/// Row `n` of each list is written as id `n + 1`. Pure: the same options give the same rows.
struct ReferenceData: Sendable {
    /// The departments' plans, in id order.
    let departments: [DepartmentPlan]
    /// Templates first (one per category, in category order), then department workflows.
    private(set) var workflows: [WorkflowRow] = []
    /// The number of workflow steps over all workflows.
    private(set) var stepCount = 0
    private(set) var items: [ItemRow] = []
    private(set) var catalog: [CatalogRow] = []
    private(set) var operators: [OperatorRow] = []
    /// Each department's operators by role.
    private(set) var staff: [DepartmentStaff]
    /// Each department's workflow per category (by `ItemCategory.ordinal`).
    private(set) var workflowOf: [[Int?]]
    /// Each department's items per category on which normal cases run.
    private(set) var caseItems: [[[Int]]]
    /// Items abolished in the catalog but still active on the platform.
    private(set) var abolishedRunning: [Int] = []
    /// Each department's number of categories with active items.
    private(set) var activeItemCategories: [Int]
    /// Each department's number within its region (for item codes), from 1.
    private(set) var numberInRegion: [Int]

    /// The day logins start: the first working day after the 2015 National Day holiday.
    static let loginStart = CivilDate(year: 2015, month: 10, day: 8)!
    /// The date every platform item took effect.
    static let platformLaunch = CivilDate(year: 2014, month: 10, day: 1)!

    private var random: DemoRandom
    /// Names have their own stream, so that the number of clerks (which grows with the
    /// scale) changes nothing else.
    private var names: DemoRandom
    private let options: DemoOptions

    /// Builds all reference rows for the plans.
    init(departments: [DepartmentPlan], options: DemoOptions) {
        self.departments = departments
        self.options = options
        self.random = DemoRandom(seed: DemoRandom.seed(options.seed, stream: 2))
        self.names = DemoRandom(seed: DemoRandom.seed(options.seed, stream: 3))
        staff = Array(repeating: DepartmentStaff(), count: departments.count)
        workflowOf = Array(repeating: Array(repeating: nil, count: ItemCategory.allCases.count), count: departments.count)
        caseItems = Array(repeating: Array(repeating: [], count: ItemCategory.allCases.count), count: departments.count)
        activeItemCategories = Array(repeating: 0, count: departments.count)
        var counters = Array(repeating: 0, count: RegionProfile.all.count)
        numberInRegion = departments.map { plan in
            counters[plan.region] += 1
            return counters[plan.region]
        }
        buildTemplates()
        for index in departments.indices { buildDepartment(index) }
        labelLongCopies()
        for index in departments.indices { buildOperators(index) }
    }

    // MARK: Workflows

    private mutating func appendWorkflow(_ row: WorkflowRow) -> Int {
        var row = row
        row.firstStep = stepCount
        stepCount += row.steps.count
        workflows.append(row)
        return workflows.count - 1
    }

    private mutating func buildTemplates() {
        for template in WorkflowTemplate.all {
            _ = appendWorkflow(WorkflowRow(
                name: template.name, department: nil, template: nil, isTemplate: true, category: template.category,
                steps: template.steps, firstStep: 0, isUnchangedCopy: false, labels: []))
        }
    }

    private mutating func departmentWorkflow(_ index: Int, category: ItemCategory) -> WorkflowRow {
        let plan = departments[index]
        let template = WorkflowTemplate.template(for: category)
        var steps = template.steps
        var name = plan.name + category.rawValue + "流程"
        var unchanged = false
        var canHaveFlaws = true
        if category == .penalty {
            switch plan.penaltyStyle {
            case .copy:
                unchanged = true
                canHaveFlaws = false
                name = plan.name + template.name
            case .optimised:
                steps = WorkflowTemplate.optimisedPenaltySteps
                name = plan.name + "行政处罚流程（优化）"
                canHaveFlaws = false
            case .adapted(let extra, let withoutDelivery):
                steps = WorkflowTemplate.adaptedPenaltySteps(extra: extra, withoutDelivery: withoutDelivery)
            }
        } else if plan.copiesOtherTemplates {
            unchanged = true
            name = plan.name + template.name
        } else if !template.optionalSteps.isEmpty {
            let optional = steps.indices.filter { template.optionalSteps.contains(steps[$0].name) }
            steps.remove(at: random.pick(optional))
        }
        var withoutLeader = plan.workflowsWithoutLeader
        var withoutRisk = false
        var withoutSupervision = false
        if canHaveFlaws {
            let chances = plan.workflowFlawChances
            withoutLeader = withoutLeader || random.chance(chances.leader)
            withoutRisk = random.chance(chances.risk)
            withoutSupervision = random.chance(chances.supervision)
        }
        if withoutLeader || withoutRisk || withoutSupervision {
            if unchanged {
                unchanged = false
                name = plan.name + category.rawValue + "流程"
            }
            if withoutLeader {
                let hadSupervision = steps.contains { $0.supervisionPoint }
                steps.removeAll { $0.role == .leader && !$0.isDecision }
                for position in steps.indices where steps[position].role == .leader { steps[position].role = .reviewer }
                if hadSupervision && !steps.contains(where: { $0.supervisionPoint }),
                   let decision = steps.firstIndex(where: { $0.isDecision }) {
                    steps[decision].supervisionPoint = true
                }
            }
            if withoutRisk { for position in steps.indices { steps[position].riskPoint = false } }
            if withoutSupervision { for position in steps.indices { steps[position].supervisionPoint = false } }
        }
        var labels: [Anomaly] = []
        if !steps.contains(where: { $0.leaderReview }) { labels.append(.workflowWithoutLeaderReview) }
        if !steps.contains(where: { $0.riskPoint }) { labels.append(.workflowWithoutRiskPoint) }
        if !steps.contains(where: { $0.supervisionPoint }) { labels.append(.workflowWithoutSupervisionPoint) }
        return WorkflowRow(name: name, department: index, template: category.ordinal, isTemplate: false,
                           category: category, steps: steps, firstStep: 0, isUnchangedCopy: unchanged, labels: labels)
    }

    /// Labels the unchanged copies whose step count is at least 1.5 times the median
    /// of the department workflows of the same category.
    private mutating func labelLongCopies() {
        for category in ItemCategory.allCases {
            let positions = workflows.indices.filter { !workflows[$0].isTemplate && workflows[$0].category == category }
            guard !positions.isEmpty else { continue }
            let counts = positions.map { workflows[$0].steps.count }.sorted()
            let median = counts.count % 2 == 1
                ? Double(counts[counts.count / 2])
                : Double(counts[counts.count / 2 - 1] + counts[counts.count / 2]) / 2
            for position in positions where workflows[position].isUnchangedCopy
                && Double(workflows[position].steps.count) >= DemoThresholds.tooManyStepsFactor * median {
                workflows[position].labels.append(.templateCopyTooManySteps)
            }
        }
    }

    // MARK: Items and catalog

    private mutating func buildDepartment(_ index: Int) {
        let plan = departments[index]
        let region = RegionProfile.all[plan.region]
        let total = region.isCity
            ? plan.kind.itemCount
            : max(10, Int(Double(plan.kind.itemCount) * (0.55 + 0.35 * random.unit())))
        let quotas = categoryQuotas(total: total, profile: plan.kind.profile)
        let number = numberInRegion[index]
        let trouble = plan.catalogTrouble
        let abolition = region.abolitionAnnounced

        // The platform's items, category by category.
        var departmentItems: [ItemRow] = []
        for (category, quota) in quotas {
            for sequence in 0..<quota {
                departmentItems.append(ItemRow(
                    code: ItemNaming.code(region: region.code, department: number, category: category, sequence: sequence + 1),
                    name: ItemNaming.name(category: category, index: sequence, subjects: plan.kind.subjects),
                    category: category, department: index, workflow: nil, status: .active,
                    effective: ReferenceData.platformLaunch, abolished: nil, catalogAbolished: nil, labels: []))
            }
        }
        var oldCount = trouble.oldItems
        var newCount = trouble.newEntries
        if trouble.unadjusted {
            oldCount = total * 3 / 10
            newCount = total / 5
        }
        // Items left under old codes: the catalog does not know them.
        var old = Set<Int>()
        for (order, position) in random.shuffled(Array(departmentItems.indices)).prefix(oldCount).enumerated() {
            let item = departmentItems[position]
            departmentItems[position].code = ItemNaming.code(
                region: region.code, department: number, category: item.category, sequence: 900 + order)
            departmentItems[position].labels.append(.itemMissingFromCatalog)
            old.insert(position)
        }
        // Abolished in the catalog, still running on the platform (penalty items).
        let penalties = departmentItems.indices.filter { departmentItems[$0].category == .penalty && !old.contains($0) }
        var running = Set<Int>()
        for position in random.shuffled(penalties).prefix(trouble.abolishedRunning) {
            departmentItems[position].catalogAbolished = abolition
            departmentItems[position].labels.append(.abolishedItemRunning)
            running.insert(position)
        }
        // Abolished in the catalog and on the platform: at most one per category of four or more.
        var properlyLeft = trouble.abolishedProperly
        for (category, quota) in random.shuffled(quotas) where properlyLeft > 0 && quota >= 4 {
            let candidates = departmentItems.indices.filter {
                departmentItems[$0].category == category && !old.contains($0) && !running.contains($0)
            }
            guard let position = candidates.last else { continue }
            departmentItems[position].status = .abolished
            departmentItems[position].abolished = abolition
            departmentItems[position].catalogAbolished = abolition
            properlyLeft -= 1
        }

        // Workflows, one per category, when the department has a platform.
        if plan.platform == .online {
            for (category, _) in quotas {
                workflowOf[index][category.ordinal] = appendWorkflow(departmentWorkflow(index, category: category))
            }
        }

        // The catalog: every item the platform keeps under its published code, then the
        // entries that never reached the platform.
        let firstItem = items.count
        var activeCategories = Set<Int>()
        for (offset, item) in departmentItems.enumerated() {
            var item = item
            item.workflow = workflowOf[index][item.category.ordinal]
            items.append(item)
            if item.status == .active { activeCategories.insert(item.category.ordinal) }
            if item.status == .active && !running.contains(offset) {
                caseItems[index][item.category.ordinal].append(firstItem + offset)
            }
            if running.contains(offset) { abolishedRunning.append(firstItem + offset) }
            if !old.contains(offset) {
                catalog.append(CatalogRow(code: item.code, name: item.name, category: item.category, department: index,
                                          published: region.catalogPublished, abolished: item.catalogAbolished,
                                          missingFromPlatform: false))
            }
        }
        activeItemCategories[index] = activeCategories.count
        var added = Array(repeating: 0, count: ItemCategory.allCases.count)
        for _ in 0..<newCount {
            let (category, quota) = random.pick(quotas)
            let sequence = quota + added[category.ordinal]
            added[category.ordinal] += 1
            catalog.append(CatalogRow(
                code: ItemNaming.code(region: region.code, department: number, category: category, sequence: sequence + 1),
                name: ItemNaming.name(category: category, index: sequence, subjects: plan.kind.subjects),
                category: category, department: index, published: region.catalogPublished, abolished: nil,
                missingFromPlatform: true))
        }
    }

    /// Items per category: every category of the profile gets at least one, the
    /// heaviest takes the rounding, and the total is exact.
    private func categoryQuotas(total: Int, profile: ItemProfile) -> [(ItemCategory, Int)] {
        let weights = profile.categoryWeights
        let weightSum = weights.reduce(0) { $0 + $1.weight }
        var quotas = weights.map { ($0.category, max(1, total * $0.weight / weightSum)) }
        let heaviest = weights.indices.max { weights[$0].weight < weights[$1].weight }!
        quotas[heaviest].1 += total - quotas.reduce(0) { $0 + $1.1 }
        return quotas.sorted { $0.0.ordinal < $1.0.ordinal }
    }

    // MARK: Operators

    private mutating func buildOperators(_ index: Int) {
        let plan = departments[index]
        var team = DepartmentStaff()
        func add(_ role: OperatorRole, _ habit: SupervisorHabit?, into list: inout [Int]) {
            var logins: [Int64] = []
            if let habit { logins = LoginSchedule.logins(habit: habit, from: ReferenceData.loginStart,
                                                         before: options.storyDate, random: &random) }
            operators.append(OperatorRow(name: PersonNames.name(&names), department: index, role: role,
                                         habit: habit, logins: logins))
            list.append(operators.count - 1)
        }
        for _ in 0..<plan.clerks { add(.clerk, nil, into: &team.clerks) }
        for _ in 0..<plan.reviewers { add(.reviewer, nil, into: &team.reviewers) }
        for _ in 0..<plan.leaders { add(.leader, nil, into: &team.leaders) }
        for habit in plan.supervisors { add(.supervisor, habit, into: &team.supervisors) }
        staff[index] = team
    }
}
