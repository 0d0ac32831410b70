/// What a check finds: departments, cases, workflows ...
public enum CheckSubject: String, Sendable {
    case departments, regions, items, catalog, workflows, cases, steps, alerts, operators

    /// The table whose ids a finding's evidence holds.
    public var table: String { self == .catalog ? "catalog" : rawValue }
}

/// What the data must hold for a check to mean something.
public enum DataNeed: String, Sendable, CaseIterable {
    case cases, recordedTimes, operators, workflows, catalog, alerts, logins, timeLimits, itemTimeLimits

    /// Why a check cannot run without it.
    public var missing: String {
        switch self {
        case .cases: "there are no cases"
        case .recordedTimes: "no step has a recorded-at time (imported logs carry only when steps occurred), so backfilling cannot be seen"
        case .operators: "fewer than half the steps (of a sample of 10,000) have an operator, so counts of who did what would mislead"
        case .workflows: "no workflow is configured"
        case .catalog: "the published catalog is empty"
        case .alerts: "there are no alerts"
        case .logins: "no supervisor login is recorded"
        case .timeLimits: "no workflow step has a time limit"
        case .itemTimeLimits: "no item has a time limit (办理时限; import csv items with a time_limit column)"
        }
    }
}

/// A number a check is computed with, which an inspector can change for a run.
public struct CheckParameter: Sendable {
    public let name: String
    public let defaultValue: Int64
    public let summary: String
}

/// One built-in inspection check: what it finds, by which definition, with which
/// parameters. The SQL that computes it is the store's; these are its words.
public struct CheckDefinition: Sendable {
    public let id: String
    public let version: Int
    public let chinese: String
    public let english: String
    /// Exactly what is counted, over which period, with which thresholds.
    public let definition: String
    public let subject: CheckSubject
    public let parameters: [CheckParameter]
    /// Whether it looks at a period (`check zero-cases 2016-01..2016-04`).
    public let usesPeriod: Bool
    public let needs: [DataNeed]

    public init(_ id: String, version: Int = 1, _ chinese: String, _ english: String, subject: CheckSubject, usesPeriod: Bool = false,
                needs: [DataNeed] = [], parameters: [CheckParameter] = [], definition: String) {
        self.id = id
        self.version = version
        self.chinese = chinese
        self.english = english
        self.definition = definition
        self.subject = subject
        self.parameters = parameters
        self.usesPeriod = usesPeriod
        self.needs = needs
    }

    /// The parameter called `name`.
    public func parameter(_ name: String) -> CheckParameter? {
        parameters.first { $0.name == name }
    }
}
