import DuchaCore

/// The audit log's hash chain: each entry's hash covers its fields and the previous
/// entry's hash, so removing or editing an entry breaks every hash after it. The table
/// itself refuses updates and deletes.
public enum AuditLog {
    /// The previous hash of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry: SHA-256 over the previous hash and the fields, one per line.
    public static func hash(previous: String, at: Instant, actor: String, command: String, change: String) -> String {
        SHA256.hex("\(previous)\n\(at.millisecondsSinceEpoch)\n\(actor)\n\(command)\n\(change)".utf8)
    }
}

/// Who changed the data, when, and with what command: the audit entry a change appends.
public struct AuditStamp: Sendable {
    public var at: Instant
    public var actor: String
    public var command: String

    public init(at: Instant, actor: String, command: String) {
        self.at = at
        self.actor = actor
        self.command = command
    }
}

extension Store {
    /// Appends an entry to the audit log, chained to the last one.
    public func appendAudit(at: Instant, actor: String, command: String, change: String) throws {
        let last = try connection.prepare("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
        let previous = try last.step() ? (last.text(at: 0) ?? AuditLog.genesis) : AuditLog.genesis
        last.reset()
        let insert = try connection.prepare("INSERT INTO audit (at, actor, command, change, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")
        try insert.bind([.integer(at.millisecondsSinceEpoch), .text(actor), .text(command), .text(change), .text(previous),
                         .text(AuditLog.hash(previous: previous, at: at, actor: actor, command: command, change: change))])
        try insert.run()
    }

    /// The first audit entry whose hash does not follow from its fields and the entry
    /// before it, or nil when the chain is whole.
    public func firstBrokenAuditEntry() throws -> Int64? {
        let entries = try connection.prepare("SELECT id, at, actor, command, change, previous_hash, hash FROM audit ORDER BY id")
        var previous = AuditLog.genesis
        while try entries.step() {
            let expected = AuditLog.hash(previous: previous, at: Instant(millisecondsSinceEpoch: entries.integer(at: 1)),
                                         actor: entries.text(at: 2) ?? "", command: entries.text(at: 3) ?? "", change: entries.text(at: 4) ?? "")
            guard entries.text(at: 5) == previous, entries.text(at: 6) == expected else { return entries.integer(at: 0) }
            previous = expected
        }
        return nil
    }

    /// The number of entries, the first and last times, the last hash, and every hash.
    public func auditSummary() throws -> (count: Int, first: Instant?, last: (at: Instant, hash: String)?, hashes: Set<String>) {
        let statement = try connection.prepare("SELECT at, hash FROM audit ORDER BY id")
        var count = 0
        var first: Instant?
        var last: (at: Instant, hash: String)?
        var hashes: Set<String> = []
        while try statement.step() {
            let at = Instant(millisecondsSinceEpoch: statement.integer(at: 0))
            let hash = statement.text(at: 1) ?? ""
            if first == nil { first = at }
            last = (at, hash)
            hashes.insert(hash)
            count += 1
        }
        return (count, first, last, hashes)
    }
}
