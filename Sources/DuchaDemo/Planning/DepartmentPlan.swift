import DuchaCore

/// Everything decided about one department before any row is written: its place in
/// the story, its platform, its people, its workflows and its habits.
struct DepartmentPlan: Sendable {
    /// The department's name, unique across the city.
    let name: String
    /// Index of its region in `RegionProfile.all`.
    let region: Int
    /// Its kind.
    let kind: DepartmentKind
    /// Index of the department it is a unit of.
    var parent: Int?
    /// Whether it has a platform.
    var platform: PlatformStatus = .online
    /// Computers connected to the government extranet.
    var terminals = 4
    /// Its 2016 cases.
    var activity: DepartmentActivity
    /// Cases it ran in late 2015 (the units afraid of alarms).
    var casesIn2015 = 0
    /// Runs cases online as they happen, with no anomaly at all.
    var exemplary = false
    /// One platform user does everything (市统计局).
    var singleUser = false
    /// Re-enters, in batches, cases from another system (万源市房管局).
    var batchReentry = false
    /// Its cases cover several categories; otherwise they are all penalties.
    var variedCases = false
    /// How its people record cases.
    var habits = RecordingHabits.online
    /// Its penalty workflow.
    var penaltyStyle = PenaltyWorkflowStyle.adapted(extra: nil, withoutDelivery: false)
    /// Non-penalty workflows copied from the templates unchanged (else adapted).
    var copiesOtherTemplates = true
    /// Chance that one of its adapted workflows lacks a leader review, a risk point, a supervision point.
    var workflowFlawChances: (leader: Double, risk: Double, supervision: Double) = (0, 0, 0)
    /// Every workflow lacks a leader review (a department without leaders).
    var workflowsWithoutLeader = false
    /// Where platform and catalog differ.
    var catalogTrouble = CatalogTrouble.none
    /// Operators by role.
    var clerks = 2
    var reviewers = 1
    var leaders = 1
    /// One habit per supervisor.
    var supervisors: [SupervisorHabit] = [.regular]

    /// Whether its story is fixed by the bulletin (never picked for random roles).
    var isStoryDepartment = false

    init(name: String, region: Int, kind: DepartmentKind) {
        self.name = name
        self.region = region
        self.kind = kind
        self.activity = .active(weight: kind.caseWeight)
    }

    /// The categories its cases use.
    var caseCategories: [ItemCategory] { variedCases ? kind.variedCaseCycle : [.penalty] }
}
