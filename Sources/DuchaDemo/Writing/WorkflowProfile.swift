import DuchaCore

/// What the case generator needs to know of a workflow, in flat arrays.
struct WorkflowProfile: Sendable {
    /// The id of its first workflow step (the others follow in order).
    let firstStepID: Int64
    /// Each step's role: 0 clerk, 1 reviewer, 2 leader.
    let roles: [UInt8]
    /// Each step's time limit in working days.
    let limits: [Int]
    /// The step whose time is the case's decision.
    let decisionIndex: Int
    /// Whether a step is a leader review.
    let hasLeaderReview: Bool
    /// The first reviewer step, or -1.
    let firstReviewer: Int
    /// Whether a clerk can take the first review and still leave a step to someone else.
    let samePersonFeasible: Bool
    /// An unchanged copy of a template with far more steps than its peers.
    let isLongCopy: Bool
    /// The time limit of a case on it, opening to decision: its steps' limits up to the
    /// decision added up (the items of the workflow carry it as their time limit).
    let caseTimeLimit: Int

    init(row: WorkflowRow, firstStepID: Int64) {
        self.firstStepID = firstStepID
        roles = row.steps.map { $0.role == .clerk ? 0 : ($0.role == .reviewer ? 1 : 2) }
        limits = row.steps.map(\.timeLimit)
        decisionIndex = row.steps.firstIndex { $0.isDecision } ?? row.steps.count - 1
        hasLeaderReview = row.steps.contains { $0.leaderReview }
        firstReviewer = roles.firstIndex(of: 1) ?? -1
        let reviewerSteps = roles.filter { $0 == 1 }.count
        samePersonFeasible = firstReviewer > 0 && (hasLeaderReview || reviewerSteps >= 2)
        isLongCopy = row.labels.contains(.templateCopyTooManySteps)
        caseTimeLimit = WorkflowProfile.caseTimeLimit(of: row)
    }

    /// Working days a case may take from opening to decision: the limits of the steps
    /// after the first, up to the decision (the first step happens at opening).
    static func caseTimeLimit(of row: WorkflowRow) -> Int {
        let decision = row.steps.firstIndex { $0.isDecision } ?? row.steps.count - 1
        return decision >= 1 ? row.steps[1...decision].reduce(0) { $0 + $1.timeLimit } : 0
    }
}
