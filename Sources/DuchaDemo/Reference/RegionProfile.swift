import DuchaCore

/// One region of Dazhou as the scenario knows it: its name, code and level, when its
/// catalog was published and when a later announcement abolished some items, and which
/// kinds of county department it lacks.
struct RegionProfile: Sendable {
    /// The region's name, e.g. 万源市.
    let name: String
    /// The two-letter code used in case numbers and item codes, e.g. WY.
    let code: String
    /// City, district, county or county-level city.
    let level: RegionLevel
    /// When the region's catalog (行政职权目录) was announced.
    let catalogPublished: CivilDate
    /// When a later announcement abolished some of the catalog's items.
    let abolitionAnnounced: CivilDate
    /// Keys of the county department kinds this region does not have.
    let missingKinds: Set<String>

    /// Whether this is the city level (市级).
    var isCity: Bool { level == .city }

    /// The prefix of its departments' names: 市 for the city level, else the region's name.
    var departmentPrefix: String { isCity ? "市" : name }

    /// The eight regions, city level first.
    static let all: [RegionProfile] = [
        RegionProfile(name: "市级", code: "SJ", level: .city, catalogPublished: date(2015, 12, 25),
                      abolitionAnnounced: date(2016, 2, 26), missingKinds: []),
        RegionProfile(name: "通川区", code: "TC", level: .district, catalogPublished: date(2015, 12, 28),
                      abolitionAnnounced: date(2016, 3, 1), missingKinds: ["maritime", "grain"]),
        RegionProfile(name: "达川区", code: "DC", level: .district, catalogPublished: date(2015, 12, 29),
                      abolitionAnnounced: date(2016, 3, 3), missingKinds: ["tourism"]),
        RegionProfile(name: "宣汉县", code: "XH", level: .county, catalogPublished: date(2015, 12, 30),
                      abolitionAnnounced: date(2016, 3, 2), missingKinds: ["planning"]),
        RegionProfile(name: "开江县", code: "KJ", level: .county, catalogPublished: date(2015, 12, 28),
                      abolitionAnnounced: date(2016, 2, 29), missingKinds: ["planning", "ethnicReligious"]),
        RegionProfile(name: "大竹县", code: "DZ", level: .county, catalogPublished: date(2015, 12, 30),
                      abolitionAnnounced: date(2016, 3, 4), missingKinds: ["maritime"]),
        RegionProfile(name: "渠县", code: "QX", level: .county, catalogPublished: date(2015, 12, 31),
                      abolitionAnnounced: date(2016, 3, 7), missingKinds: ["planning"]),
        RegionProfile(name: "万源市", code: "WY", level: .countyCity, catalogPublished: date(2015, 12, 29),
                      abolitionAnnounced: date(2016, 3, 1), missingKinds: ["maritime", "planning"]),
    ]

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }
}
