import DuchaCore

/// A catalog row, before it is written.
struct CatalogRow: Sendable {
    var code: String
    var name: String
    var category: ItemCategory
    var department: Int
    var published: CivilDate
    var abolished: CivilDate?
    var missingFromPlatform: Bool
}
