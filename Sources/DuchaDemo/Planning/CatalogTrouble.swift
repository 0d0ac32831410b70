/// How a department's platform items differ from its published catalog.
struct CatalogTrouble: Sendable, Equatable {
    /// The department never adjusted its items to the catalog: about 30% of its items
    /// run under old codes and about 20% more catalog entries never reached the platform.
    var unadjusted = false
    /// Platform items under old codes that the catalog no longer lists.
    var oldItems = 0
    /// Catalog entries never put on the platform.
    var newEntries = 0
    /// Items the catalog abolished that still run on the platform.
    var abolishedRunning = 0
    /// Items the catalog abolished and the platform abolished too (no anomaly).
    var abolishedProperly = 0

    /// Platform and catalog agree.
    static let none = CatalogTrouble()
}
