import DuchaCore

/// One configured step of a workflow: its name, who does it, its time limit in working
/// days, its points, and whether it is the step whose time is the case's decision.
/// A step is a leader review exactly when its role is leader.
struct WorkflowStepSpecification: Sendable, Hashable {
    /// The step's name, e.g. 受理.
    var name: String
    /// Who does it.
    var role: OperatorRole
    /// Working days allowed, counted from the previous step.
    var timeLimit: Int
    /// Marked as a risk point (风险点).
    var riskPoint: Bool = false
    /// Marked as a supervision point (监察点).
    var supervisionPoint: Bool = false
    /// The step at which the case is decided.
    var isDecision: Bool = false

    /// Whether this is the leader's review or approval.
    var leaderReview: Bool { role == .leader }

    init(_ name: String, _ role: OperatorRole, _ timeLimit: Int, risk: Bool = false, supervision: Bool = false,
         decision: Bool = false) {
        self.name = name
        self.role = role
        self.timeLimit = timeLimit
        self.riskPoint = risk
        self.supervisionPoint = supervision
        self.isDecision = decision
    }
}
