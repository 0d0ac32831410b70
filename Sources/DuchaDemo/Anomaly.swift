/// The anomalies the demo scenario injects. Each raw value is the id written to the
/// `labels` table, the ground truth against which the inspection checks are scored.
/// docs/DEMO.md gives each one's exact definition and where it is injected.
public enum Anomaly: String, CaseIterable, Sendable {
    /// A department with no case opened in January to April 2016.
    case zeroCases = "zero-cases"
    /// A department with three or more consecutive empty whole months in January to
    /// April 2016 although it had cases in 2016.
    case monthsWithoutCase = "months-without-case"
    /// A region whose January to April case count is far below its peers'.
    case lowRegion = "low-region"
    /// A department whose 2016 cases all fall in one category while its active items span several.
    case singleCategory = "single-category"
    /// A platform item with no catalog entry of the same code.
    case itemMissingFromCatalog = "item-missing-from-catalog"
    /// A catalog entry in force with no platform item of the same code.
    case catalogMissingFromPlatform = "catalog-missing-from-platform"
    /// An item abolished in the catalog but still active on the platform.
    case abolishedItemRunning = "abolished-item-running"
    /// A case opened on an item after the item's abolition date.
    case caseAfterAbolition = "case-after-abolition"
    /// A department without a platform.
    case noPlatform = "no-platform"
    /// An online department with two connected terminals or fewer.
    case fewTerminals = "few-terminals"
    /// A department workflow without a leader review step.
    case workflowWithoutLeaderReview = "workflow-without-leader-review"
    /// A department workflow without a risk point.
    case workflowWithoutRiskPoint = "workflow-without-risk-point"
    /// A department workflow without a supervision point.
    case workflowWithoutSupervisionPoint = "workflow-without-supervision-point"
    /// A department workflow copied unchanged from a template, with far more steps than its peers.
    case templateCopyTooManySteps = "template-copy-too-many-steps"
    /// An alarm nobody handled, raised a week or more before the story date.
    case unhandledAlarm = "unhandled-alarm"
    /// A supervisor who never logged in.
    case supervisorNeverLoggedIn = "supervisor-never-logged-in"
    /// A supervisor whose last login is 30 days or more before the story date.
    case supervisorInactive = "supervisor-inactive"
    /// A step recorded three days or more after it happened.
    case lateRecording = "late-recording"
    /// A case whose procedure spans days but whose steps were all recorded within minutes.
    case bulkRecording = "bulk-recording"
    /// A case created on the platform after its decision.
    case createdAfterDecision = "created-after-decision"
    /// A case whose every step, leader approval included, one operator recorded.
    case onePersonCase = "one-person-case"
    /// A case whose accepting operator also recorded a review or approval step.
    case samePersonReview = "same-person-review"
    /// A department with exactly one active operator.
    case singleOperatorDepartment = "single-operator-department"
    /// An online department with operators but none with the leader role.
    case noLeader = "no-leader"
    /// A step that took longer than its workflow step's time limit in working days.
    case stepOvertime = "step-overtime"
    /// A case over its item's time limit, opening to decision (or to the story date while open).
    case caseOvertime = "case-overtime"

    /// The table whose rows this anomaly labels.
    public var entity: String {
        switch self {
        case .zeroCases, .monthsWithoutCase, .singleCategory, .noPlatform, .fewTerminals,
             .singleOperatorDepartment, .noLeader:
            return "departments"
        case .lowRegion: return "regions"
        case .itemMissingFromCatalog, .abolishedItemRunning: return "items"
        case .catalogMissingFromPlatform: return "catalog"
        case .workflowWithoutLeaderReview, .workflowWithoutRiskPoint, .workflowWithoutSupervisionPoint,
             .templateCopyTooManySteps:
            return "workflows"
        case .caseAfterAbolition, .bulkRecording, .createdAfterDecision, .onePersonCase, .samePersonReview, .caseOvertime:
            return "cases"
        case .unhandledAlarm: return "alerts"
        case .supervisorNeverLoggedIn, .supervisorInactive: return "operators"
        case .lateRecording, .stepOvertime: return "steps"
        }
    }

    /// The position of this anomaly in `allCases`, for counting without a dictionary.
    var ordinal: Int { Anomaly.ordered.firstIndex(of: self)! }

    private static let ordered = Anomaly.allCases
}
