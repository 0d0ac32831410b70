import DuchaCore

/// Builds realistic item names from a department's subjects and templates per
/// category ("对未取得…许可擅自从事…的处罚", "…许可", "…监督检查"), and item codes.
enum ItemNaming {
    /// The name of a department's `index`-th item (from 0) of `category`: each index
    /// gives a different name within the department.
    static func name(category: ItemCategory, index: Int, subjects: [String]) -> String {
        let templates = self.templates(for: category)
        let subject = subjects[index % subjects.count]
        let round = index / subjects.count
        var name = templates[round % templates.count].replacingPlaceholder(with: subject)
        if round >= templates.count { name += "（情形" + String(round / templates.count + 1) + "）" }
        return name
    }

    /// An item code: region, department number, category and sequence, e.g. SJ-020-CF-007.
    static func code(region: String, department: Int, category: ItemCategory, sequence: Int) -> String {
        region + "-" + padded(department, 3) + "-" + categoryCode(category) + "-" + padded(sequence, 3)
    }

    /// Two letters per category, from the pinyin initials (许可 XK, 处罚 CF ...).
    static func categoryCode(_ category: ItemCategory) -> String {
        switch category {
        case .licence: return "XK"
        case .penalty: return "CF"
        case .enforcement: return "QZ"
        case .levy: return "ZS"
        case .benefit: return "JF"
        case .inspection: return "JC"
        case .confirmation: return "QR"
        case .reward: return "JL"
        case .adjudication: return "CJ"
        case .other: return "QT"
        }
    }

    /// Zero-padded decimal.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Name templates per category; `#` stands for the subject.
    static func templates(for category: ItemCategory) -> [String] {
        switch category {
        case .licence:
            return ["#许可", "#审批", "#核准", "#资质认定", "#经营许可证核发", "#许可变更", "#许可延续"]
        case .penalty:
            return ["对未取得#许可擅自从事相关活动的处罚", "对违反#管理规定的处罚", "对#生产经营者未建立台账的处罚",
                    "对伪造、变造、转让#许可证件的处罚", "对拒绝、阻碍#监督检查的处罚", "对销售不合格#的处罚",
                    "对#标识不符合规定的处罚", "对未按规定报告#信息的处罚", "对超范围从事#活动的处罚",
                    "对以欺骗手段取得#许可的处罚", "对#从业人员未持证上岗的处罚", "对未按规定保存#记录的处罚",
                    "对擅自变更#许可事项的处罚", "对发布#违法广告的处罚", "对#安全隐患逾期不整改的处罚"]
        case .enforcement:
            return ["查封、扣押违法#相关物品", "对#违法行为的代履行", "暂扣#相关证照", "封存#相关场所和设施"]
        case .levy:
            return ["#相关费用征收", "#补偿费征收", "#保证金收取"]
        case .benefit:
            return ["#补助发放", "#补贴发放", "#救助金给付"]
        case .inspection:
            return ["#监督检查", "对#活动的日常检查", "#专项检查", "#年度检查"]
        case .confirmation:
            return ["#登记", "#认定", "#证明出具", "#备案确认"]
        case .reward:
            return ["对#工作中成绩显著的单位和个人的奖励", "对举报#违法行为有功人员的奖励"]
        case .adjudication:
            return ["#纠纷裁决", "#权属争议裁决"]
        case .other:
            return ["#备案", "#年度报告公示", "#信息公开", "#统计报送"]
        }
    }

    /// Possible results of a decided case, per category.
    static func results(for category: ItemCategory) -> [String] {
        switch category {
        case .licence: return ["准予许可", "准予许可", "准予许可", "不予许可"]
        case .penalty: return ["给予警告", "罚款", "警告并处罚款", "没收违法所得并处罚款", "责令停产停业", "不予处罚"]
        case .enforcement: return ["查封", "扣押", "解除强制措施"]
        case .levy: return ["征收完毕", "准予减缓"]
        case .benefit: return ["准予给付", "不予给付"]
        case .inspection: return ["未发现问题", "责令限期整改", "移送立案"]
        case .confirmation: return ["予以确认", "不予确认"]
        case .reward: return ["给予奖励"]
        case .adjudication: return ["作出裁决", "调解结案"]
        case .other: return ["办结"]
        }
    }
}
