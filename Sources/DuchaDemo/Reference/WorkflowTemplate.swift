import DuchaCore

/// A workflow template the city offers its departments (one per category), and the
/// ways departments derive their own workflows from it.
struct WorkflowTemplate: Sendable {
    /// The template's name, e.g. 行政处罚通用流程.
    let name: String
    /// The category of items it is meant for.
    let category: ItemCategory
    /// Its steps, in order.
    let steps: [WorkflowStepSpecification]
    /// Names of steps a department may leave out when it adapts the template.
    let optionalSteps: Set<String>

    /// The template for a category.
    static func template(for category: ItemCategory) -> WorkflowTemplate {
        all[category.ordinal]
    }

    /// The ten templates, in `ItemCategory.allCases` order. The penalty template follows
    /// the full general procedure with tight limits: departments that copy it unchanged
    /// get far more steps than their peers, and alarms.
    static let all: [WorkflowTemplate] = [
        WorkflowTemplate(name: "行政许可通用流程", category: .licence, steps: [
            .init("受理", .clerk, 1),
            .init("审查", .reviewer, 10, risk: true),
            .init("领导审批", .leader, 3, supervision: true),
            .init("决定", .leader, 2, decision: true),
            .init("送达", .clerk, 5),
        ], optionalSteps: ["送达"]),
        WorkflowTemplate(name: "行政处罚通用流程", category: .penalty, steps: [
            .init("立案", .clerk, 1),
            .init("调查取证", .clerk, 3, risk: true),
            .init("案件审查", .reviewer, 2),
            .init("法制审核", .reviewer, 2, risk: true),
            .init("领导审批", .leader, 1, supervision: true),
            .init("告知", .clerk, 1),
            .init("陈述申辩", .clerk, 3),
            .init("集体讨论", .leader, 2),
            .init("处罚决定", .leader, 1, supervision: true, decision: true),
            .init("送达", .clerk, 2),
            .init("执行结案", .clerk, 3),
        ], optionalSteps: ["法制审核", "告知", "陈述申辩", "集体讨论", "执行结案"]),
        WorkflowTemplate(name: "行政强制通用流程", category: .enforcement, steps: [
            .init("呈批", .clerk, 1),
            .init("审核", .reviewer, 2, risk: true),
            .init("领导审批", .leader, 1, supervision: true),
            .init("实施强制措施", .clerk, 5, decision: true),
            .init("解除或结案", .clerk, 10),
        ], optionalSteps: ["解除或结案"]),
        WorkflowTemplate(name: "行政征收通用流程", category: .levy, steps: [
            .init("受理", .clerk, 1),
            .init("核定", .reviewer, 5, risk: true),
            .init("领导审批", .leader, 3, supervision: true),
            .init("征收决定", .leader, 2, decision: true),
            .init("缴款入库", .clerk, 5),
        ], optionalSteps: ["缴款入库"]),
        WorkflowTemplate(name: "行政给付通用流程", category: .benefit, steps: [
            .init("受理", .clerk, 1),
            .init("审核", .reviewer, 10, risk: true),
            .init("公示", .clerk, 7),
            .init("领导审批", .leader, 3, supervision: true),
            .init("给付决定", .leader, 5, decision: true),
        ], optionalSteps: ["公示"]),
        WorkflowTemplate(name: "行政检查通用流程", category: .inspection, steps: [
            .init("制定检查方案", .clerk, 3),
            .init("实施检查", .clerk, 5, risk: true),
            .init("审核", .reviewer, 3),
            .init("领导审批", .leader, 3, supervision: true),
            .init("处理决定", .leader, 2, decision: true),
            .init("立卷归档", .clerk, 5),
        ], optionalSteps: ["立卷归档"]),
        WorkflowTemplate(name: "行政确认通用流程", category: .confirmation, steps: [
            .init("受理", .clerk, 1),
            .init("审查", .reviewer, 10, risk: true),
            .init("领导审批", .leader, 3, supervision: true),
            .init("确认决定", .leader, 2, decision: true),
            .init("送达", .clerk, 5),
        ], optionalSteps: ["送达"]),
        WorkflowTemplate(name: "行政奖励通用流程", category: .reward, steps: [
            .init("推荐申报", .clerk, 5),
            .init("审核", .reviewer, 10, risk: true),
            .init("公示", .clerk, 7),
            .init("领导审批", .leader, 3, supervision: true),
            .init("奖励决定", .leader, 3, decision: true),
        ], optionalSteps: ["公示"]),
        WorkflowTemplate(name: "行政裁决通用流程", category: .adjudication, steps: [
            .init("受理", .clerk, 1),
            .init("调查", .clerk, 10, risk: true),
            .init("调解", .reviewer, 10),
            .init("领导审批", .leader, 3, supervision: true),
            .init("裁决决定", .leader, 3, decision: true),
            .init("送达", .clerk, 5),
        ], optionalSteps: ["调解", "送达"]),
        WorkflowTemplate(name: "其他权力通用流程", category: .other, steps: [
            .init("受理", .clerk, 1),
            .init("审核", .reviewer, 5, risk: true),
            .init("领导审批", .leader, 3, supervision: true),
            .init("办结", .leader, 2, decision: true),
        ], optionalSteps: []),
    ]

    /// The penalty workflow most departments adapt from the template: fewer steps,
    /// limits that fit the work. `extra` adds one optional step (法制审核, 告知 or
    /// 执行结案); `withoutDelivery` drops 送达. Five to seven steps.
    static func adaptedPenaltySteps(extra: String?, withoutDelivery: Bool) -> [WorkflowStepSpecification] {
        var steps: [WorkflowStepSpecification] = [
            .init("立案", .clerk, 1),
            .init("调查取证", .clerk, 10, risk: true),
            .init("案件审查", .reviewer, 5),
        ]
        if extra == "法制审核" { steps.append(.init("法制审核", .reviewer, 3, risk: true)) }
        if extra == "告知" { steps.append(.init("告知", .clerk, 3)) }
        steps.append(.init("领导审批", .leader, 3, supervision: true))
        steps.append(.init("处罚决定", .leader, 2, decision: true))
        if !withoutDelivery { steps.append(.init("送达", .clerk, 5)) }
        if extra == "执行结案" { steps.append(.init("执行结案", .clerk, 10)) }
        return steps
    }

    /// 达川区安全监管局's optimised penalty workflow: five steps, a leader review that
    /// decides, risk points on evidence and legal review, supervision where it matters.
    static let optimisedPenaltySteps: [WorkflowStepSpecification] = [
        .init("立案受理", .clerk, 1),
        .init("调查取证", .clerk, 10, risk: true),
        .init("法制审核", .reviewer, 3, risk: true),
        .init("领导审批决定", .leader, 3, supervision: true, decision: true),
        .init("送达执行", .clerk, 10, supervision: true),
    ]
}
