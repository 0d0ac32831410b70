import DuchaCore

/// An item row, before it is written.
struct ItemRow: Sendable {
    var code: String
    var name: String
    var category: ItemCategory
    var department: Int
    var workflow: Int?
    var status: ItemStatus
    var effective: CivilDate
    var abolished: CivilDate?
    /// The date the catalog abolished it, when it did.
    var catalogAbolished: CivilDate?
    var labels: [Anomaly]
}
