/// The built-in checks, one for each kind of finding of the 2016 bulletin
/// (docs/CHECKS.md). Working days are Monday to Friday until the holiday calendar exists.
public enum CheckCatalog {
    private static func p(_ name: String, _ value: Int64, _ summary: String) -> CheckParameter {
        CheckParameter(name: name, defaultValue: value, summary: summary)
    }

    public static let all: [CheckDefinition] = [
        CheckDefinition("zero-cases", "零办件", "departments without a case", subject: .departments, usesPeriod: true, needs: [.cases],
                        definition: "departments with no case opened in the period"),
        CheckDefinition("low-region", "县区办件偏少", "regions far below their peers", subject: .regions, usesPeriod: true, needs: [.cases],
                        parameters: [p("percent", 20, "a region is low below this share (%) of the median of the other districts, counties and county-level cities")],
                        definition: "districts, counties and county-level cities whose cases opened in the period are below percent % of the median of the others"),
        CheckDefinition("months-without-case", "连续无办件", "consecutive months without a case", subject: .departments, usesPeriod: true, needs: [.cases],
                        parameters: [p("months", 3, "the run of whole calendar months without a case")],
                        definition: "departments with a case opened since the period began, but none in months or more consecutive whole months of the period (those with none at all are zero-case departments)"),
        CheckDefinition("single-category", "办件类别单一", "cases confined to one category", subject: .departments, usesPeriod: true, needs: [.cases],
                        parameters: [p("cases", 5, "the fewest cases in the period to judge by"), p("categories", 3, "the fewest categories among the department's active items")],
                        definition: "departments with cases or more in the period, all of one item category, while their active items span categories or more"),
        CheckDefinition("item-missing-from-catalog", "事项未对应目录", "platform items missing from the catalog", subject: .items, needs: [.catalog],
                        definition: "items on the platform whose code is not in the published catalog"),
        CheckDefinition("catalog-missing-from-platform", "目录事项未上平台", "catalog items missing from the platform", subject: .catalog, needs: [.catalog],
                        definition: "entries of the published catalog whose code no platform item has"),
        CheckDefinition("abolished-item-running", "已取消事项仍在运行", "abolished items still running", subject: .items, needs: [.catalog],
                        definition: "items still active on the platform though the catalog has abolished them"),
        CheckDefinition("case-after-abolition", "取消后仍办件", "cases on an item after its abolition", subject: .cases, needs: [.cases],
                        definition: "cases opened on or after the day their item was abolished (on the platform, or else in the catalog)"),
        CheckDefinition("no-platform", "未建平台", "departments with no platform", subject: .departments,
                        definition: "departments whose platform is none"),
        CheckDefinition("few-terminals", "联网终端过少", "departments with few connected terminals", subject: .departments,
                        parameters: [p("terminals", 2, "the most terminals that still count as few")],
                        definition: "online departments with terminals or fewer computers on the government extranet"),
        CheckDefinition("workflow-without-leader-review", "流程缺领导审批", "workflows without a leader review", subject: .workflows, needs: [.workflows],
                        definition: "department workflows (not templates) none of whose steps is a leader's review"),
        CheckDefinition("workflow-without-risk-point", "流程缺风险点", "workflows without risk points", subject: .workflows, needs: [.workflows],
                        definition: "department workflows none of whose steps is a risk point"),
        CheckDefinition("workflow-without-supervision-point", "流程缺监察点", "workflows without supervision points", subject: .workflows, needs: [.workflows],
                        definition: "department workflows none of whose steps is a supervision point"),
        CheckDefinition("template-copy-too-many-steps", "模板流程环节过多", "template copies with too many steps", subject: .workflows, needs: [.workflows],
                        parameters: [p("percent", 150, "a copy is too long at this share (%) of the median step count of its department peers' workflows of the same category")],
                        definition: "workflows copied from a template whose step count is at least percent % of the median step count of the department workflows of the same item category"),
        CheckDefinition("unhandled-alarm", "报警未处置", "alarms left unhandled", subject: .alerts, needs: [.alerts],
                        parameters: [p("days", 5, "working days an alarm may stay open")],
                        definition: "alarms not handled and raised more than days working days before today"),
        CheckDefinition("supervisor-never-logged-in", "监察人员从未登录", "supervisors who never logged in", subject: .operators, needs: [.logins],
                        definition: "supervisors with no login at all"),
        CheckDefinition("supervisor-inactive", "监察人员长期未登录", "supervisors not logged in for long", subject: .operators, needs: [.logins],
                        parameters: [p("days", 20, "working days without a login")],
                        definition: "supervisors whose last login was more than days working days before today"),
        CheckDefinition("late-recording", "事后补录", "steps recorded long after they occurred", subject: .steps, needs: [.recordedTimes],
                        parameters: [p("hours", 72, "hours between occurring and recording that count as late")],
                        definition: "step records entered on the platform hours hours or more after the step occurred"),
        CheckDefinition("bulk-recording", "集中补录", "multi-day cases recorded within minutes", subject: .cases, needs: [.recordedTimes],
                        parameters: [p("span_hours", 48, "the fewest hours the steps' occurred times span"), p("window_minutes", 30, "the most minutes between the first and last recording")],
                        definition: "cases of two steps or more whose steps span span_hours hours or more but were all recorded within window_minutes minutes"),
        CheckDefinition("created-after-decision", "办结后建档", "cases created after their decision", subject: .cases, needs: [.cases],
                        definition: "cases created on the platform after their decision"),
        CheckDefinition("one-person-case", "一人办案", "one person recorded every step", subject: .cases, needs: [.operators],
                        parameters: [p("steps", 3, "the fewest steps"), p("leader", 1, "1: a leader's review must be among the steps; 0: any steps")],
                        definition: "cases of steps steps or more (a leader's review among them unless leader=0) whose steps with an operator all have the same one; steps without an operator are left out, as process-mining tools do"),
        CheckDefinition("same-person-review", "同一人受理审核", "the same person accepted and reviewed", subject: .cases, needs: [.operators],
                        definition: "cases whose first step's operator also recorded a reviewer's or leader's step, while others worked on the case"),
        CheckDefinition("single-operator-department", "单人操作部门", "departments with a single active operator", subject: .departments, usesPeriod: true, needs: [.operators],
                        definition: "departments whose steps of cases opened in the period were all recorded by one operator"),
        CheckDefinition("no-leader", "无领导账号", "departments with no leader on the platform", subject: .departments, needs: [.operators],
                        definition: "online departments with operators but none in the leader role"),
        CheckDefinition("step-overtime", "环节超时", "steps over their time limit", subject: .steps, needs: [.timeLimits],
                        parameters: [p("excess", 1, "working days over the limit that count")],
                        definition: "steps whose working days (Monday-to-Friday dates after the previous step's date, up to its own; the first step from the case's opening) exceed the workflow step's limit by excess or more"),
    ]

    /// The check called `id`.
    public static func named(_ id: String) -> CheckDefinition? {
        all.first { $0.id == id }
    }
}
