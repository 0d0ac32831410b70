import DuchaCore

/// A workflow row with its steps, before it is written.
struct WorkflowRow: Sendable {
    var name: String
    var department: Int?
    var template: Int?
    var isTemplate: Bool
    var category: ItemCategory
    var steps: [WorkflowStepSpecification]
    /// Index of its first step among all workflow steps.
    var firstStep: Int
    /// Copied from its template without any change.
    var isUnchangedCopy: Bool
    /// The anomalies it carries.
    var labels: [Anomaly]
}
