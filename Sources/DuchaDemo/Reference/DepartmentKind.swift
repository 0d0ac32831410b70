import DuchaCore

/// A kind of department found at the city level and in the counties: its names, the
/// shape and size of its list of powers, how many cases it runs, and the subjects its
/// items are about (used to build realistic item names).
struct DepartmentKind: Sendable {
    /// A stable key, e.g. `agriculture`.
    let key: String
    /// The city-level name, e.g. 市农业局; nil when the city level has none.
    let cityName: String?
    /// The county-level name after the region's name, e.g. 农业局; nil when counties have none.
    let countySuffix: String?
    /// How its items spread over the categories.
    let profile: ItemProfile
    /// Items held at the city level (counties hold somewhat fewer).
    let itemCount: Int
    /// Relative case volume of an active department of this kind.
    let caseWeight: Int
    /// What its items are about, e.g. 农药, 种子.
    let subjects: [String]
    /// The categories its cases cycle through when they are varied; nil for the profile's cycle.
    let caseCycle: [ItemCategory]?

    init(_ key: String, city: String?, county: String?, _ profile: ItemProfile, items: Int, weight: Int,
         _ subjects: [String], cycle: [ItemCategory]? = nil) {
        self.key = key
        self.cityName = city
        self.countySuffix = county
        self.profile = profile
        self.itemCount = items
        self.caseWeight = weight
        self.subjects = subjects
        self.caseCycle = cycle
    }

    /// The categories a department of this kind cycles through when its cases are varied.
    var variedCaseCycle: [ItemCategory] { caseCycle ?? profile.variedCaseCycle }

    /// The kind with this key.
    static func named(_ key: String) -> DepartmentKind {
        all.first { $0.key == key }!
    }

    /// Every kind, in the order departments are listed within a region.
    static let all: [DepartmentKind] = [
        DepartmentKind("development", city: "市发展改革委", county: "发展改革局", .licensing, items: 60, weight: 2,
                       ["企业投资项目", "价格", "招标投标", "节能评估", "电力设施", "石油天然气管道", "粮食流通"]),
        DepartmentKind("economy", city: "市经济和信息化委", county: "经济和信息化局", .enforcement, items: 45, weight: 2,
                       ["无线电", "电力", "民用爆炸物品", "节能", "墙体材料", "散装水泥", "盐业"]),
        DepartmentKind("education", city: "市教育局", county: "教育科技局", .licensing, items: 50, weight: 2,
                       ["民办学校", "教师资格", "幼儿园", "校车", "学历教育", "中外合作办学", "培训机构"]),
        DepartmentKind("science", city: "市科技局", county: nil, .licensing, items: 20, weight: 1,
                       ["科技成果", "技术合同", "高新技术企业", "科普", "科技计划项目"]),
        DepartmentKind("ethnicReligious", city: "市民族宗教局", county: "民族宗教局", .licensing, items: 25, weight: 1,
                       ["宗教活动场所", "宗教教职人员", "宗教团体", "清真食品", "宗教临时活动地点"]),
        DepartmentKind("police", city: "市公安局", county: "公安局", .enforcement, items: 220, weight: 8,
                       ["治安", "户籍", "娱乐场所", "旅馆业", "典当业", "民用枪支", "剧毒化学品", "烟花爆竹",
                        "道路交通", "机动车", "出入境", "保安服务", "易制毒化学品", "消防"]),
        DepartmentKind("civilAffairs", city: "市民政局", county: "民政局", .service, items: 60, weight: 3,
                       ["社会团体", "民办非企业单位", "婚姻登记", "最低生活保障", "殡葬", "地名", "养老机构", "优抚"]),
        DepartmentKind("justice", city: "市司法局", county: "司法局", .service, items: 35, weight: 2,
                       ["律师执业", "法律援助", "公证", "基层法律服务", "司法鉴定", "人民调解"]),
        DepartmentKind("finance", city: "市财政局", county: "财政局", .levy, items: 50, weight: 2,
                       ["会计从业", "政府采购", "非税收入", "财政票据", "代理记账", "国有资产"]),
        DepartmentKind("humanResources", city: "市人力资源社会保障局", county: "人力资源社会保障局", .service, items: 90, weight: 4,
                       ["劳动保障", "社会保险", "职业介绍", "劳务派遣", "职业技能培训", "工伤认定", "劳动合同", "退休审批"]),
        DepartmentKind("land", city: "市国土资源局", county: "国土资源局", .enforcement, items: 120, weight: 5,
                       ["建设用地", "采矿权", "探矿权", "土地复垦", "地质灾害防治", "测绘", "土地登记", "耕地占用"]),
        DepartmentKind("environment", city: "市环境保护局", county: "环境保护局", .enforcement, items: 110, weight: 5,
                       ["排污", "建设项目环境影响评价", "危险废物", "辐射安全", "大气污染防治", "水污染防治", "噪声污染",
                        "机动车排气"]),
        DepartmentKind("construction", city: "市住房城乡建设局", county: "住房城乡建设局", .licensing, items: 130, weight: 5,
                       ["建筑施工", "建设工程质量", "建筑业企业资质", "城市燃气", "房地产开发", "物业服务", "勘察设计",
                        "城市供水"]),
        DepartmentKind("planning", city: "市规划局", county: "规划局", .licensing, items: 40, weight: 3,
                       ["建设工程规划", "建设用地规划", "乡村建设规划", "规划条件", "城市规划测绘"]),
        DepartmentKind("transport", city: "市交通运输局", county: "交通运输局", .enforcement, items: 150, weight: 6,
                       ["道路运输", "出租汽车", "公路路政", "水路运输", "机动车维修", "驾驶员培训", "超限运输", "公路建设"]),
        DepartmentKind("maritime", city: "市海事局", county: "海事局", .enforcement, items: 60, weight: 2,
                       ["船舶", "船员", "渡口", "水上交通安全", "通航水域", "船舶污染"]),
        DepartmentKind("roadTransport", city: "市运管处", county: nil, .enforcement, items: 70, weight: 3,
                       ["道路客运", "道路货运", "出租汽车经营", "机动车维修经营", "驾驶员培训经营", "客运站"]),
        DepartmentKind("roadAdministration", city: "市路政支队", county: nil, .enforcement, items: 50, weight: 3,
                       ["公路路产", "超限运输车辆", "公路用地", "公路标志", "跨越公路设施"]),
        DepartmentKind("water", city: "市水务局", county: "水务局", .enforcement, items: 89, weight: 3,
                       ["取水", "河道采砂", "水土保持", "水利工程", "防洪", "入河排污口", "城市供水", "节约用水",
                        "河道管理范围内建设项目", "水库大坝"]),
        DepartmentKind("agriculture", city: "市农业局", county: "农业局", .enforcement, items: 332, weight: 4,
                       ["农药", "种子", "肥料", "兽药", "饲料和饲料添加剂", "农作物种子", "植物检疫", "农产品质量安全",
                        "渔业捕捞", "水产苗种", "农业机械", "农业转基因生物", "拖拉机驾驶", "耕地质量",
                        "农村土地承包经营", "食用菌菌种"]),
        DepartmentKind("forestry", city: "市林业局", county: "林业局", .enforcement, items: 90, weight: 3,
                       ["林木采伐", "木材运输", "野生动物", "林地", "森林防火", "林木种苗", "古树名木", "森林植物检疫"]),
        DepartmentKind("livestock", city: "市畜牧食品局", county: "畜牧食品局", .enforcement, items: 80, weight: 3,
                       ["动物防疫", "兽药经营", "饲料生产", "生猪屠宰", "种畜禽", "畜禽养殖", "动物诊疗"]),
        DepartmentKind("commerce", city: "市商务局", county: "商务局", .licensing, items: 40, weight: 2,
                       ["成品油", "酒类流通", "拍卖", "再生资源回收", "报废汽车回收", "单用途商业预付卡"]),
        DepartmentKind("culture", city: "市文化广电新闻出版局", county: "文化广电新闻出版局", .enforcement, items: 100, weight: 4,
                       ["网吧", "娱乐场所经营", "出版物", "印刷", "广播电视", "卫星电视接收设施", "文物", "营业性演出"]),
        DepartmentKind("health", city: "市卫生计生委", county: "卫生计生局", .licensing, items: 140, weight: 5,
                       ["医疗机构", "医师执业", "公共场所卫生", "生活饮用水", "职业病防治", "传染病防治", "计划生育",
                        "母婴保健", "放射诊疗"]),
        DepartmentKind("audit", city: "市审计局", county: "审计局", .oversight, items: 20, weight: 2,
                       ["审计", "预算执行", "经济责任", "政府投资项目", "专项资金"]),
        DepartmentKind("stateAssets", city: "市国资委", county: nil, .oversight, items: 15, weight: 1,
                       ["国有资产", "国有企业", "产权登记"]),
        DepartmentKind("tax", city: "市地方税务局", county: "地方税务局", .levy, items: 70, weight: 4,
                       ["税务登记", "发票", "纳税申报", "税款", "减免税", "代扣代缴"]),
        DepartmentKind("industryCommerce", city: "市工商局", county: "工商局", .licensing, items: 160, weight: 6,
                       ["企业登记", "个体工商户", "商标", "广告", "合同", "无照经营", "网络交易", "直销", "拍卖经营"]),
        DepartmentKind("quality", city: "市质监局", county: "质监局", .enforcement, items: 90, weight: 3,
                       ["特种设备", "计量器具", "产品质量", "标准化", "认证认可", "工业产品生产许可", "气瓶充装"]),
        DepartmentKind("foodDrug", city: "市食品药品监管局", county: "食品药品监管局", .enforcement, items: 150, weight: 6,
                       ["食品生产", "食品经营", "餐饮服务", "药品经营", "医疗器械", "保健食品", "化妆品", "食品添加剂"],
                       cycle: [.penalty, .other, .licence, .penalty, .other]),
        DepartmentKind("safety", city: "市安全监管局", county: "安全监管局", .enforcement, items: 80, weight: 4,
                       ["安全生产", "危险化学品", "非煤矿山", "烟花爆竹经营", "职业卫生", "特种作业", "安全评价"]),
        DepartmentKind("statistics", city: "市统计局", county: "统计局", .oversight, items: 18, weight: 1,
                       ["统计调查", "统计数据", "统计从业", "涉外调查"]),
        DepartmentKind("tourism", city: "市旅游局", county: "旅游局", .licensing, items: 30, weight: 1,
                       ["旅行社", "导游", "旅游景区", "星级饭店", "乡村旅游"]),
        DepartmentKind("grain", city: "市粮食局", county: "粮食局", .enforcement, items: 30, weight: 1,
                       ["粮食收购", "粮食储存", "粮食质量", "军粮供应"]),
        DepartmentKind("civilDefence", city: "市人防办", county: "人防办", .licensing, items: 25, weight: 1,
                       ["人防工程", "防空地下室", "人防警报设施"]),
        DepartmentKind("urbanManagement", city: "市城管执法局", county: "城管执法局", .enforcement, items: 120, weight: 8,
                       ["市容环境卫生", "户外广告", "城市道路", "城市绿化", "违法建设", "占道经营", "建筑垃圾运输", "城市照明"]),
        DepartmentKind("hydrology", city: "市水文局", county: nil, .oversight, items: 15, weight: 1,
                       ["水文监测", "水文站", "水文资料"]),
        DepartmentKind("earthquake", city: "市防震减灾局", county: "防震减灾局", .licensing, items: 15, weight: 1,
                       ["地震安全性评价", "抗震设防", "地震监测设施"]),
        DepartmentKind("archives", city: "市档案局", county: "档案局", .oversight, items: 15, weight: 1,
                       ["档案", "档案中介", "重点建设项目档案"]),
        DepartmentKind("sports", city: "市体育局", county: nil, .licensing, items: 20, weight: 1,
                       ["体育经营", "高危险性体育项目", "体育赛事", "社会体育指导员"]),
        DepartmentKind("housing", city: "市房管局", county: "房管局", .licensing, items: 60, weight: 3,
                       ["商品房预售", "房屋登记", "房地产经纪", "物业管理", "房屋租赁", "住房保障"]),
    ]
}
