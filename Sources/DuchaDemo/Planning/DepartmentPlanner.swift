import DuchaCore

/// Lists every department of every region and decides each one's part: first the
/// story's departments exactly as the bulletin describes them, then, drawn from the
/// seed, which other departments are idle or sparse and which habits and flaws the
/// active ones have. Pure: the same options give the same plans.
struct DepartmentPlanner {
    let options: DemoOptions
    private var random: DemoRandom

    init(options: DemoOptions) {
        self.options = options
        self.random = DemoRandom(seed: DemoRandom.seed(options.seed, stream: 1))
    }

    /// The plans of all departments, region by region.
    mutating func plan() -> [DepartmentPlan] {
        var plans: [DepartmentPlan] = []
        for (regionIndex, region) in RegionProfile.all.enumerated() {
            for kind in DepartmentKind.all {
                if region.isCity {
                    guard let name = kind.cityName else { continue }
                    plans.append(basePlan(DepartmentPlan(name: name, region: regionIndex, kind: kind), region: region))
                } else {
                    guard let suffix = kind.countySuffix, !region.missingKinds.contains(kind.key) else { continue }
                    plans.append(basePlan(DepartmentPlan(name: region.name + suffix, region: regionIndex, kind: kind), region: region))
                }
            }
        }
        applyStory(&plans)
        assignRandomRoles(&plans)
        assignCatalogTrouble(&plans)
        return plans
    }

    // MARK: Defaults

    private mutating func basePlan(_ plan: DepartmentPlan, region: RegionProfile) -> DepartmentPlan {
        var plan = plan
        let county = !region.isCity
        // City-level departments serve the whole city: twice the cases of a county's.
        if !county { plan.activity = .active(weight: plan.kind.caseWeight * 2) }
        plan.terminals = county ? (random.chance(0.75) ? random.int(1...2) : random.int(4...8)) : random.int(4...15)
        plan.variedCases = random.chance(0.25)
        let backfillProne = random.chance(county ? 0.8 : 0.3)
        let onePersonProne = random.chance(county ? 0.5 : 0.2)
        let samePersonProne = random.chance(county ? 0.4 : 0.2)
        plan.habits = RecordingHabits(
            backfill: backfillProne ? 0.12 : 0.02,
            partialLate: backfillProne ? 0.03 : 0.01,
            onePerson: onePersonProne ? 0.06 : 0,
            samePersonReview: samePersonProne ? 0.04 : 0,
            overtime: 0.005,
            ruleWarning: 0.01)
        if random.chance(county ? 0.2 : 0.08) {
            plan.penaltyStyle = .copy
        } else {
            let extras: [String?] = [nil, nil, "法制审核", "告知", "执行结案"]
            let extra = random.pick(extras)
            plan.penaltyStyle = .adapted(extra: extra, withoutDelivery: extra == nil && random.chance(0.4))
        }
        plan.copiesOtherTemplates = random.chance(0.7)
        plan.workflowFlawChances = county ? (0.05, 0.08, 0.08) : (0.01, 0.02, 0.02)
        let scale = options.scale
        plan.clerks = (2 + plan.kind.caseWeight / 2) * scale
        plan.reviewers = 1 + plan.kind.caseWeight / 4 + (scale - 1) / 4
        plan.leaders = random.int(1...2)
        let supervisorCount = random.chance(0.3) ? 2 : 1
        plan.supervisors = (0..<supervisorCount).map { _ in supervisorHabit(county: county) }
        return plan
    }

    private mutating func supervisorHabit(county: Bool) -> SupervisorHabit {
        let draw = random.unit()
        let (never, inactive, rare) = county ? (0.12, 0.12, 0.15) : (0.03, 0.05, 0.08)
        if draw < never { return .never }
        if draw < never + inactive {
            let earliest = CivilDate(year: 2015, month: 11, day: 16)!.daysSinceEpoch
            let latest = options.storyDate.daysSinceEpoch - 45
            return .inactive(since: CivilDate(daysSinceEpoch: random.int(earliest...latest)))
        }
        if draw < never + inactive + rare { return .rare }
        return .regular
    }

    // MARK: The story

    private mutating func applyStory(_ plans: inout [DepartmentPlan]) {
        func index(_ name: String) -> Int { plans.firstIndex { $0.name == name }! }

        // 市审计局, 市规划局, 市住房城乡建设局, 宣汉县民政局, 渠县住房城乡建设局 run cases online as they happen.
        for name in ["市审计局", "市规划局", "市住房城乡建设局", "宣汉县民政局", "渠县住房城乡建设局"] {
            let position = index(name)
            plans[position].isStoryDepartment = true
            makeExemplary(&plans[position])
        }

        // 市农业局 (332 items) and 市水务局 (89 items): a few cases in January, then none.
        plans[index("市农业局")].activity = .fixed(months: [1, 1, 1, 1])
        plans[index("市水务局")].activity = .fixed(months: [1, 1, 1])
        for name in ["市农业局", "市水务局"] { plans[index(name)].isStoryDepartment = true }

        // 市统计局: one platform user who records everything.
        do {
            let position = index("市统计局")
            plans[position].isStoryDepartment = true
            plans[position].singleUser = true
            plans[position].activity = .fixed(months: [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4])
            plans[position].clerks = 1
            plans[position].reviewers = 0
            plans[position].leaders = 0
            plans[position].supervisors = []
            plans[position].terminals = 1
            plans[position].habits = .online
            plans[position].penaltyStyle = .adapted(extra: nil, withoutDelivery: false)
            plans[position].workflowFlawChances = (0, 0, 0)
            plans[position].variedCases = false
        }

        // The units of 市交通运输局 and 市国土资源局: alarms late in 2015, nothing since.
        let transport = index("市交通运输局")
        plans[transport].isStoryDepartment = true
        for name in ["市海事局", "市运管处", "市路政支队", "市国土资源局"] {
            let position = index(name)
            plans[position].isStoryDepartment = true
            if name != "市国土资源局" {
                plans[position].parent = transport
                plans[position].terminals = random.int(1...2)
            }
            plans[position].activity = .idle
            plans[position].casesIn2015 = random.int(4...6)
            plans[position].habits.overtime = 0
            let since = CivilDate(year: 2015, month: 12, day: 21)!.adding(days: random.int(0...14))
            plans[position].supervisors = plans[position].supervisors.map { _ in .inactive(since: since) }
        }

        // 市水文局 and two county offices: no platform at all.
        for name in ["市水文局", "万源市人防办", "大竹县档案局"] {
            let position = index(name)
            plans[position].isStoryDepartment = true
            makeWithoutPlatform(&plans[position])
        }

        // 市食品药品监管局 runs inspections and rewards too (as other powers).
        plans[index("市食品药品监管局")].variedCases = true
        plans[index("市食品药品监管局")].isStoryDepartment = true

        // 达川区安全监管局: an optimised workflow.
        do {
            let position = index("达川区安全监管局")
            plans[position].isStoryDepartment = true
            plans[position].penaltyStyle = .optimised
            plans[position].copiesOtherTemplates = true
            plans[position].workflowFlawChances = (0, 0, 0)
            plans[position].terminals = 4
        }

        // 开江县海事局: nobody in charge, no leader on the platform.
        do {
            let position = index("开江县海事局")
            plans[position].isStoryDepartment = true
            plans[position].leaders = 0
            plans[position].workflowsWithoutLeader = true
            plans[position].terminals = 1
            if plans[position].penaltyStyle == .copy {
                plans[position].penaltyStyle = .adapted(extra: nil, withoutDelivery: false)
            }
        }

        // 万源市: eleven cases from January to April in five departments; 房管局 re-enters
        // the cases of another system; every other department is idle.
        let wanyuan = RegionProfile.all.firstIndex { $0.code == "WY" }!
        let sparse: [(String, [Int])] = [
            ("万源市环境保护局", [1, 2, 4]), ("万源市城管执法局", [1, 3, 4]), ("万源市食品药品监管局", [2, 3]),
            ("万源市卫生计生局", [1, 3]), ("万源市工商局", [2]),
        ]
        for position in plans.indices where plans[position].region == wanyuan && !plans[position].isStoryDepartment {
            plans[position].isStoryDepartment = true
            if plans[position].name == "万源市房管局" {
                plans[position].batchReentry = true
                plans[position].variedCases = true
                plans[position].habits = .online
                plans[position].penaltyStyle = .adapted(extra: nil, withoutDelivery: false)
            } else if let months = sparse.first(where: { $0.0 == plans[position].name })?.1 {
                makeSparse(&plans[position], months: months)
            } else {
                plans[position].activity = .idle
            }
        }
    }

    private mutating func makeExemplary(_ plan: inout DepartmentPlan) {
        plan.exemplary = true
        plan.variedCases = true
        plan.habits = .online
        plan.penaltyStyle = .adapted(extra: "法制审核", withoutDelivery: false)
        plan.copiesOtherTemplates = false
        plan.workflowFlawChances = (0, 0, 0)
        plan.terminals = random.int(5...10)
        plan.leaders = 2
        plan.supervisors = [.regular, .regular]
    }

    private func makeWithoutPlatform(_ plan: inout DepartmentPlan) {
        plan.platform = .none
        plan.terminals = 0
        plan.activity = .idle
        plan.clerks = 0
        plan.reviewers = 0
        plan.leaders = 0
        plan.supervisors = []
    }

    private func makeSparse(_ plan: inout DepartmentPlan, months: [Int]) {
        plan.activity = .fixed(months: months)
        plan.variedCases = false
        plan.habits = .online
    }

    // MARK: Random roles

    private mutating func assignRandomRoles(_ plans: inout [DepartmentPlan]) {
        let mayOpen = options.storyDate >= CivilDate(year: 2016, month: 5, day: 10)!
        for (regionIndex, region) in RegionProfile.all.enumerated() where region.code != "WY" {
            let candidates = random.shuffled(plans.indices.filter { plans[$0].region == regionIndex && !plans[$0].isStoryDepartment })
            let idleCount = region.isCity ? 2 : 3
            let sparseCount = 3
            for (order, position) in candidates.prefix(idleCount).enumerated() {
                plans[position].activity = .idle
                if !region.isCity && order == 0 { plans[position].terminals = 0 }
            }
            for position in candidates.dropFirst(idleCount).prefix(sparseCount) {
                let pattern = random.index(mayOpen ? 3 : 2)
                let count = random.int(1...3)
                let month = pattern == 0 ? 1 : (pattern == 1 ? 4 : 5)
                makeSparse(&plans[position], months: Array(repeating: month, count: pattern == 2 ? min(count, 2) : count))
            }
        }
    }

    // MARK: Catalog

    private mutating func assignCatalogTrouble(_ plans: inout [DepartmentPlan]) {
        for position in plans.indices where plans[position].platform == .online && !plans[position].exemplary {
            if plans[position].kind.key == "safety" {
                // Waiting for the provincial regulation, no safety bureau adjusted its items.
                plans[position].catalogTrouble.unadjusted = true
            } else if random.chance(0.12) {
                plans[position].catalogTrouble.oldItems = random.int(1...3)
                plans[position].catalogTrouble.newEntries = random.int(1...3)
            }
        }
        let running = random.shuffled(plans.indices.filter {
            guard case .active = plans[$0].activity else { return false }
            return !plans[$0].exemplary && !plans[$0].variedCases && !plans[$0].batchReentry && plans[$0].kind.itemCount >= 40
        })
        for position in running.prefix(8) { plans[position].catalogTrouble.abolishedRunning = random.int(2...4) }
        let properly = random.shuffled(plans.indices.filter { plans[$0].platform == .online && !plans[$0].exemplary })
        for position in properly.prefix(15) { plans[position].catalogTrouble.abolishedProperly = random.int(1...4) }
    }
}
