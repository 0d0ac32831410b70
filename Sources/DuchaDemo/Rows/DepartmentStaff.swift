/// A department's operators by role, as indices into the operator rows.
struct DepartmentStaff: Sendable {
    var clerks: [Int] = []
    var reviewers: [Int] = []
    var leaders: [Int] = []
    var supervisors: [Int] = []
}
