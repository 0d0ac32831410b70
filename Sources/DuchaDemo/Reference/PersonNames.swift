/// Plausible Chinese personal names, built from pools of common surnames (with those
/// frequent in north-east Sichuan) and given-name characters.
enum PersonNames {
    static let surnames: [String] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗",
        "高", "林", "唐", "冉", "向", "邓", "蒋", "谭", "曾", "彭", "袁", "熊", "谢", "邱", "廖", "杜", "任", "余",
        "魏", "苟", "汪", "钟", "龚", "付", "符", "覃", "秦", "蒲", "牟", "贺",
    ]

    static let givenCharacters: [String] = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "英",
        "华", "平", "刚", "桂", "兰", "红", "霞", "建", "国", "志", "文", "斌", "波", "宇", "浩", "鹏", "辉", "琳",
        "婷", "雪", "梅", "飞", "俊", "林", "海", "龙", "晓", "春", "燕", "玲", "德", "成", "永", "川", "蓉", "渝",
        "君", "益", "新", "佳", "云", "清",
    ]

    /// A name: a surname and one or two given-name characters.
    static func name(_ random: inout DemoRandom) -> String {
        var name = random.pick(surnames) + random.pick(givenCharacters)
        if random.chance(0.7) { name += random.pick(givenCharacters) }
        return name
    }
}
