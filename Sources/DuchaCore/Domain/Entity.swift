/// The things an inspector can list and query: each is a source of the language.
public enum Entity: String, CaseIterable, Sendable {
    case regions, departments, items, workflows, steps, cases, operators, alerts, logins, catalog, findings, orders
    case orderHistory = "order_history"
    case audit, imports, attributes

    /// Other names accepted for the source: the singular and the Chinese terms.
    public var aliases: [String] {
        switch self {
        case .regions: return ["region", "行政区", "地区"]
        case .departments: return ["department", "dept", "部门", "单位"]
        case .items: return ["item", "事项", "行权事项"]
        case .workflows: return ["workflow", "流程"]
        case .steps: return ["step", "环节", "办理记录"]
        case .cases: return ["case", "案件"]
        case .operators: return ["operator", "经办人", "人员"]
        case .alerts: return ["alert", "预警", "报警"]
        case .logins: return ["login", "登录"]
        case .catalog: return ["目录", "职权目录"]
        case .findings: return ["finding", "问题", "督查发现"]
        case .orders: return ["order", "整改", "整改通知"]
        case .orderHistory: return ["history", "整改记录"]
        case .audit: return ["日志", "审计"]
        case .imports: return ["import", "导入"]
        case .attributes: return ["attribute", "属性"]
        }
    }

    /// A one-line description in Chinese and English, for help and completion.
    public var summary: String {
        switch self {
        case .regions: return "行政区 regions: the city level and its districts and counties"
        case .departments: return "部门 departments: who exercises power, their platform and terminals"
        case .items: return "行权事项 power items: what each department may do, by category"
        case .workflows: return "流程 workflows: configured step sequences, templates and copies"
        case .steps: return "环节记录 step records: who did which step of a case, when it happened and when it was recorded"
        case .cases: return "案件 cases: each exercise of an item"
        case .operators: return "经办人 operators: clerks, reviewers, leaders and supervisors"
        case .alerts: return "预警/报警 alerts: warnings and alarms and how they were handled"
        case .logins: return "登录 supervisor logins to the supervision platform"
        case .catalog: return "职权目录 the published catalog of powers"
        case .findings: return "督查发现 findings of inspection checks"
        case .orders: return "整改通知 rectification orders"
        case .orderHistory: return "整改记录 every step of every order: issue, plan, report, verification, extension, escalation"
        case .audit: return "审计日志 the append-only audit log"
        case .imports: return "导入 imports of event logs and platform exports, each one unit that can be undone"
        case .attributes: return "属性 every other attribute of imported cases and steps, typed and nested"
        }
    }

    /// The entity a name refers to: its own name, or any alias.
    public static func named(_ name: String) -> Entity? {
        if let entity = Entity(rawValue: name) { return entity }
        return allCases.first { $0.aliases.contains(name) }
    }
}
