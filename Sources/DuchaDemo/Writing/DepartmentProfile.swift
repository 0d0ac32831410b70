/// What the case generator needs to know of a department: its people by role (as
/// operator ids), its supervisors' logins, and its habits.
struct DepartmentProfile: Sendable {
    let clerks: [Int64]
    let reviewers: [Int64]
    let leaders: [Int64]
    /// Each supervisor's id and login instants in order.
    let supervisors: [(id: Int64, logins: [Int64])]
    let habits: RecordingHabits
    let exemplary: Bool
    let singleUser: Bool
    let batchReentry: Bool

    /// The first login at or after `instant` of any of its supervisors, with who it was.
    func firstLogin(atOrAfter instant: Int64) -> (at: Int64, by: Int64)? {
        var best: (at: Int64, by: Int64)?
        for supervisor in supervisors {
            let logins = supervisor.logins
            var low = 0, high = logins.count
            while low < high {
                let middle = (low + high) / 2
                if logins[middle] < instant { low = middle + 1 } else { high = middle }
            }
            if low < logins.count, best.map({ logins[low] < $0.at }) ?? true { best = (logins[low], supervisor.id) }
        }
        return best
    }
}
