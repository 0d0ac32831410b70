import DuchaCore

/// An operator row with, for a supervisor, the logins of their schedule.
struct OperatorRow: Sendable {
    var name: String
    var department: Int
    var role: OperatorRole
    var habit: SupervisorHabit?
    /// Login instants in milliseconds, in order.
    var logins: [Int64]
}
