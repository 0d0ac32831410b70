/// One planned case, small enough to sort by the million: when it opens, where, on
/// which item, with which flags, and the seed of its own random stream.
struct CaseSeed: Sendable {
    /// When the case is opened (accepted), milliseconds since the epoch.
    var opened: Int64
    /// Index of the department.
    var department: Int32
    /// Index of the item.
    var item: Int32
    /// `ItemCategory.ordinal` of the item.
    var category: UInt8
    /// `CaseSeed` flags.
    var flags: UInt8
    /// Seed of the case's own random stream.
    var random: UInt64

    /// Recorded promptly with no anomaly, whatever the department's habits.
    static let prompt: UInt8 = 1
    /// Opened on an item after the catalog abolished it.
    static let afterAbolition: UInt8 = 2
    /// Opened in late 2015, with one step over its limit (the units afraid of alarms).
    static let lateIn2015: UInt8 = 4

    /// Whether a flag is set.
    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}
