import DuchaCore
import DuchaStore

/// A failure the shell reports: a stable code, one line of message that says what was
/// wrong and what would be right, and where in the input it happened.
public struct ShellError: Error, Sendable, Equatable {
    /// Stable identifiers for every kind of failure.
    public enum Code: String, Sendable {
        case unknownCommand = "unknown-command"
        case unknownDotCommand = "unknown-dot-command"
        case badArgument = "bad-argument"
        case missingFile = "missing-file"
        case cannotWrite = "cannot-write"
        case invalidUTF8 = "invalid-utf8"
        case unfinishedInput = "unfinished-input"
        case storeFailure = "store"
        case notADatabase = "not-a-database"
        case corruptDatabase = "corrupt-database"
        case cannotOpen = "cannot-open"
        case newerSchema = "newer-schema"
        case readOnly = "read-only"
        case writeRefused = "write-refused"
        case interrupted = "interrupted"
        case readDepth = "read-depth"
        case scriptFailed = "script-failed"
        case invalidQuery = "invalid-query"
        case assertionFailed = "assertion-failed"
        case badInput = "bad-input"
        case refused = "refused"
        case busy = "busy"
        case auditBroken = "audit-broken"

        /// The exit status a batch run ends with when this error stops it.
        public var exitStatus: ExitStatus {
            switch self {
            case .notADatabase, .newerSchema, .corruptDatabase, .auditBroken: return .dataIntegrity
            case .interrupted: return .interrupted
            case .assertionFailed: return .assertionFailed
            default: return .inputError
            }
        }
    }

    /// What kind of failure.
    public var code: Code
    /// One line: the problem and what would be right.
    public let message: String
    /// Where in the input, when it came from input.
    public var position: SourcePosition?
    /// Set when the message was already printed (a failed `.read` reports its own errors).
    public var alreadyReported = false
    /// The exit status when it differs from the code's (a failed script passes on its own).
    public var statusOverride: ExitStatus?
    /// The problems found in a query, each with its place in `text`.
    public var diagnostics: [Diagnostic] = []
    /// The entry the diagnostics point into.
    public var text = ""

    /// The exit status a batch run ends with when this error stops it.
    public var exitStatus: ExitStatus { statusOverride ?? code.exitStatus }

    /// Makes an error.
    public init(_ code: Code, _ message: String, at position: SourcePosition? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    /// An invalid query: every problem found in `text`, which starts at `position`.
    public init(_ diagnostics: [Diagnostic], in text: String, at position: SourcePosition) {
        self.init(.invalidQuery, diagnostics.first?.message ?? "invalid query", at: position)
        self.diagnostics = diagnostics
        self.text = text
    }

    /// The same error placed at `position` unless it already has a place.
    public func placed(at position: SourcePosition) -> ShellError {
        var copy = self
        if copy.position == nil { copy.position = position }
        return copy
    }

    /// `FILE:LINE:COL: error: message`, or `error: message` without a place.
    public var rendered: String {
        (position.map { "\($0): " } ?? "") + "error: " + message
    }

    /// The shell's view of a store failure.
    public init(_ error: StoreError) {
        switch error {
        case .notADatabase: self.init(.notADatabase, error.message)
        case .newerSchema, .foreignDatabase: self.init(.newerSchema, error.message)
        case .readOnly: self.init(.readOnly, error.message)
        case .interrupted: self.init(.interrupted, "interrupted")
        case .writeRefused: self.init(.writeRefused, error.message)
        case .busy: self.init(.busy, error.message)
        case .cannotOpen: self.init(.cannotOpen, error.message)
        case .corrupt: self.init(.corruptDatabase, error.message)
        case .sqlite(_, let message, _): self.init(.storeFailure, message)
        }
    }

    /// Any error as a shell error.
    public static func from(_ error: any Error) -> ShellError {
        if let error = error as? ShellError { return error }
        if let error = error as? StoreError { return ShellError(error) }
        return ShellError(.storeFailure, "\(error)")
    }
}
