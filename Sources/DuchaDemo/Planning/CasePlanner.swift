import DuchaCore

/// Plans the cases of one region: how many per department and month, when each opens,
/// on which item. Active departments get about `50,000 × scale` cases between them
/// from January to 19 May 2016, in proportion to their weights, with at least three
/// every whole month; the story's small departments get exactly their fixed cases.
struct CasePlanner {
    /// Cases at scale 1 from 2016-01-01 to 2016-05-19.
    static let casesAtScaleOne = 50_000.0

    let options: DemoOptions
    let reference: ReferenceData
    /// Cases per working day per unit of weight.
    private let ratePerWeight: Double

    init(options: DemoOptions, reference: ReferenceData) {
        self.options = options
        self.reference = reference
        let weights = reference.departments.reduce(0) { sum, plan in
            if case .active(let weight) = plan.activity { return sum + weight }
            return sum
        }
        let start = CivilDate(year: 2016, month: 1, day: 1)!.daysSinceEpoch
        let referenceDays = (start..<CivilDate(year: 2016, month: 5, day: 20)!.daysSinceEpoch)
            .filter(WorkingCalendar.isWorkingDay).count
        ratePerWeight = CasePlanner.casesAtScaleOne * Double(options.scale) / Double(max(1, weights) * referenceDays)
    }

    /// The region's planned cases, sorted by opening time.
    func seeds(region: Int) -> [CaseSeed] {
        var seeds: [CaseSeed] = []
        for department in reference.departments.indices where reference.departments[department].region == region {
            plan(department: department, into: &seeds)
        }
        seeds.sort { ($0.opened, $0.department, $0.random) < ($1.opened, $1.department, $1.random) }
        return seeds
    }

    private func plan(department: Int, into seeds: inout [CaseSeed]) {
        let plan = reference.departments[department]
        guard plan.platform == .online else { return }
        var random = DemoRandom(seed: DemoRandom.seed(options.seed, stream: 1000 + UInt64(department)))
        let storyDay = options.storyDate.daysSinceEpoch
        let cycle = plan.caseCategories
        var counter = 0

        func add(day: Int, category: ItemCategory, item fixedItem: Int? = nil, flags: UInt8, random: inout DemoRandom) {
            var category = category
            var choices = reference.caseItems[department][category.ordinal]
            if choices.isEmpty {
                category = .penalty
                choices = reference.caseItems[department][category.ordinal]
            }
            let item = fixedItem ?? random.pick(choices)
            let opened = WorkingCalendar.instant(day: day, minute: WorkingCalendar.openingMinute(&random),
                                                 second: random.int(0...59))
            seeds.append(CaseSeed(opened: opened, department: Int32(department), item: Int32(item),
                                  category: UInt8(category.ordinal), flags: flags, random: random.next()))
        }

        switch plan.activity {
        case .idle:
            break
        case .active(let weight):
            let rate = ratePerWeight * Double(weight)
            for month in 1...12 {
                let days = WorkingCalendar.workingDays(year: 2016, month: month, before: storyDay)
                guard !days.isEmpty else { break }
                let expected = rate * Double(days.count)
                var count = Int(expected)
                if random.unit() < expected - Double(count) { count += 1 }
                if days.count >= 5 { count = max(count, 3) }
                for order in 0..<count {
                    let category = cycle[counter % cycle.count]
                    counter += 1
                    // The first two cases of a month are recorded promptly, so that every month
                    // keeps cases whatever is entered late; a department that re-enters
                    // another system's cases enters them all late.
                    let flags = order < 2 && !plan.batchReentry ? CaseSeed.prompt : 0
                    add(day: random.pick(days), category: category, flags: flags, random: &random)
                }
            }
        case .fixed(let months):
            for month in months {
                // Early in the month, so that every such case is finished by the story date.
                let days = Array(WorkingCalendar.workingDays(year: 2016, month: month, before: storyDay).prefix(6))
                guard !days.isEmpty else { continue }
                add(day: random.pick(days), category: .penalty, flags: CaseSeed.prompt, random: &random)
            }
        }

        // Cases on items the catalog abolished, opened after the abolition.
        if case .active = plan.activity {
            let abolition = RegionProfile.all[plan.region].abolitionAnnounced.daysSinceEpoch
            let first = abolition + 3, last = storyDay - 45
            let days = first < last ? (first..<last).filter(WorkingCalendar.isWorkingDay) : []
            for item in reference.abolishedRunning where reference.items[item].department == department && !days.isEmpty {
                for _ in 0..<random.int(1...3) {
                    add(day: random.pick(days), category: .penalty, item: item,
                        flags: CaseSeed.prompt | CaseSeed.afterAbolition, random: &random)
                }
            }
        }

        // Late 2015: a few cases, each with an alarm.
        if plan.casesIn2015 > 0 {
            let days = (CivilDate(year: 2015, month: 10, day: 12)!.daysSinceEpoch...CivilDate(year: 2015, month: 11, day: 13)!.daysSinceEpoch)
                .filter(WorkingCalendar.isWorkingDay)
            for _ in 0..<plan.casesIn2015 {
                add(day: random.pick(days), category: .penalty, flags: CaseSeed.prompt | CaseSeed.lateIn2015, random: &random)
            }
        }
    }
}
