/// How a department set up the workflow of its penalty items.
enum PenaltyWorkflowStyle: Sendable, Equatable {
    /// Adapted from the template: fewer steps, limits that fit (5 to 7 steps).
    case adapted(extra: String?, withoutDelivery: Bool)
    /// Copied from the template unchanged: 11 steps, tight limits, alarms.
    case copy
    /// 达川区安全监管局's optimised five-step workflow.
    case optimised
}
