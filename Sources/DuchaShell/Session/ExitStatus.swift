/// The documented exit codes of `ducha` (see the README).
public enum ExitStatus: Int32, Sendable, Comparable {
    /// Everything ran.
    case success = 0
    /// An input error: a command, query, file or value that was wrong.
    case inputError = 1
    /// A usage error on the command line.
    case usage = 2
    /// An `assert` stage found its condition false.
    case assertionFailed = 3
    /// The data or its integrity is at fault (not a database, newer schema, broken audit chain).
    case dataIntegrity = 4
    /// Interrupted by Ctrl-C (SIGINT).
    case interrupted = 130

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
