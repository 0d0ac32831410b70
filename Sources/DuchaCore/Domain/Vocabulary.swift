/// The ten categories of power items in the published catalogs.
public enum ItemCategory: String, CaseIterable, Sendable {
    case licence = "行政许可"
    case penalty = "行政处罚"
    case enforcement = "行政强制"
    case levy = "行政征收"
    case benefit = "行政给付"
    case inspection = "行政检查"
    case confirmation = "行政确认"
    case reward = "行政奖励"
    case adjudication = "行政裁决"
    case other = "其他权力"
}

/// What an operator does on the platform.
public enum OperatorRole: String, CaseIterable, Sendable {
    /// 经办人: enters and handles cases.
    case clerk
    /// 审核人: reviews.
    case reviewer
    /// 领导: approves as a leader.
    case leader
    /// 监察人员: handles alerts on the supervision platform.
    case supervisor
}

/// How serious an alert is.
public enum AlertLevel: String, CaseIterable, Sendable {
    /// 预警: raised before a step's time limit runs out.
    case warning
    /// 报警: raised after the limit, or on a broken rule.
    case alarm
}

/// Why an alert was raised.
public enum AlertKind: String, CaseIterable, Sendable {
    /// A step's time limit is near or past.
    case overtime
    /// A rule of the workflow was broken.
    case rule
}

/// Whether a department runs the online platform at all.
public enum PlatformStatus: String, CaseIterable, Sendable {
    /// Connected and in use.
    case online
    /// No platform has been set up.
    case none
}

/// The level of a region in the administrative hierarchy.
public enum RegionLevel: String, CaseIterable, Sendable {
    /// 市级: the city's own departments.
    case city
    /// 区: an urban district.
    case district
    /// 县: a county.
    case county
    /// 县级市: a county-level city.
    case countyCity = "county_city"
}

/// The status of a power item on the platform.
public enum ItemStatus: String, CaseIterable, Sendable {
    /// Runs on the platform.
    case active
    /// Abolished: no new case may run on it.
    case abolished
}

/// Where a rectification order stands in its lifecycle.
public enum OrderStatus: String, CaseIterable, Sendable {
    /// Written, not yet sent.
    case draft
    /// Sent to the department; the deadline runs.
    case issued
    /// The department has sent its rectification plan.
    case planReceived = "plan_received"
    /// Rectification is under way.
    case inProgress = "in_progress"
    /// The department reported that it has rectified.
    case reportSubmitted = "report_submitted"
    /// Inspectors are checking the report.
    case verifying
    /// Verified and closed (销号).
    case closed
    /// Sent back after verification, with reasons.
    case returned
    /// Withdrawn, with a reason (a false finding).
    case withdrawn
    /// A later check found the problem again.
    case reopened
}
