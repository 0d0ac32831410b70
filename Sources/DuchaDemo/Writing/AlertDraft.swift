import DuchaCore

/// An alert of the case being generated, before it is written.
struct AlertDraft: Sendable {
    /// Index of the step it is about.
    var step: Int
    var kind: AlertKind
    var level: AlertLevel
    var raised: Int64
    var handled: Int64?
    var handledBy: Int64?
    var disposition: String?
}
