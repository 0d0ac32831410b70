/// What can be done to a rectification order (`order N ACTION ...`).
public enum OrderAction: String, CaseIterable, Sendable {
    /// Send a draft: the deadline runs from now.
    case issue
    /// The department's rectification plan came in.
    case plan
    /// The department acknowledged the order and is rectifying.
    case ack
    /// The department's rectification report came in.
    case report
    /// An inspector (not of the department) checks the report.
    case verify
    /// Verification found the rectification wanting: back to the department, with reasons.
    case `return`
    /// Verified and closed (销号).
    case close
    /// Withdrawn, with a reason (for example, the finding was false).
    case withdraw
    /// A later check found the problem again.
    case reopen
    /// The department asks for a later deadline.
    case extend
    /// The extension is granted: the deadline changes.
    case approve
    /// The extension is refused: the deadline stays.
    case deny
    /// A step of the escalation ladder was taken (inquiry letter, interview ...).
    case escalate
    /// A note for the record; the status stays.
    case note

    /// The Chinese name, for listings.
    public var chinese: String {
        switch self {
        case .issue: return "下发"
        case .plan: return "收到整改方案"
        case .ack: return "整改中"
        case .report: return "提交整改报告"
        case .verify: return "核查"
        case .return: return "退回"
        case .close: return "销号"
        case .withdraw: return "撤销"
        case .reopen: return "重新整改"
        case .extend: return "申请延期"
        case .approve: return "批准延期"
        case .deny: return "不予延期"
        case .escalate: return "升级督办"
        case .note: return "备注"
        }
    }

    /// Whether the action must say why.
    public var needsNote: Bool {
        switch self {
        case .return, .withdraw, .reopen, .extend, .deny: return true
        default: return false
        }
    }
}

extension OrderStatus {
    /// The Chinese name, for listings and the bulletin.
    public var chinese: String {
        switch self {
        case .draft: return "草稿"
        case .issued: return "已下发"
        case .planReceived: return "已报方案"
        case .inProgress: return "整改中"
        case .reportSubmitted: return "已报结果"
        case .verifying: return "核查中"
        case .closed: return "已销号"
        case .returned: return "已退回"
        case .withdrawn: return "已撤销"
        case .reopened: return "重新整改"
        }
    }

    /// Whether the department still owes rectification: the deadline runs.
    public var isOpen: Bool {
        switch self {
        case .issued, .planReceived, .inProgress, .returned, .reopened: return true
        default: return false
        }
    }

    /// Whether nothing more happens to the order except reopening it.
    public var isFinal: Bool { self == .closed || self == .withdrawn }
}

/// The lifecycle of a rectification order, as a table: which action leads from which
/// status to which. Pure; the store applies it.
public enum OrderLifecycle {
    /// The status after `action` from `status`, or nil when the action is not allowed there.
    /// Actions that keep the status (extend, approve, deny, escalate, note) return it.
    public static func next(after action: OrderAction, from status: OrderStatus) -> OrderStatus? {
        switch (action, status) {
        case (.issue, .draft): return .issued
        case (.plan, .issued), (.plan, .returned), (.plan, .reopened): return .planReceived
        case (.ack, .issued), (.ack, .planReceived), (.ack, .returned), (.ack, .reopened): return .inProgress
        case (.report, let from) where from.isOpen: return .reportSubmitted
        case (.verify, .reportSubmitted): return .verifying
        case (.return, .reportSubmitted), (.return, .verifying): return .returned
        case (.close, .verifying): return .closed
        case (.withdraw, let from) where !from.isFinal: return .withdrawn
        case (.reopen, .closed): return .reopened
        case (.extend, let from), (.approve, let from), (.deny, let from), (.escalate, let from):
            return from.isOpen ? from : nil
        case (.note, let from): return from
        default: return nil
        }
    }

    /// The actions allowed from `status`, in lifecycle order.
    public static func allowed(from status: OrderStatus) -> [OrderAction] {
        OrderAction.allCases.filter { next(after: $0, from: status) != nil }
    }

    /// The actions allowed for `order` now: its status's, less the extension steps that
    /// do not fit (approve and deny need a request waiting; extend needs none).
    public static func allowed(for order: Order) -> [OrderAction] {
        allowed(from: order.status).filter { action in
            switch action {
            case .approve, .deny: return order.requestedDue != nil
            case .extend: return order.requestedDue == nil
            default: return true
            }
        }
    }
}
