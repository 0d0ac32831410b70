import DuchaCore
import DuchaStore

/// `audit verify [HASH]`: recomputes the audit log's hash chain. An edited, deleted or
/// reordered entry breaks it from that entry on; the first broken one is named and the
/// run ends with the data/integrity exit code. The chain's last hash, noted elsewhere
/// (a bulletin, a letter), later proves that no entry up to it was cut off: give it as HASH.
enum AuditCommand {
    static func run(_ rest: String, at position: SourcePosition, in session: Session) throws {
        let words = CommandWords(rest).words
        guard words.first?.text == "verify", words.count <= 2 else {
            throw ShellError(.badArgument, "write audit verify, or audit verify HASH with a hash noted earlier; `audit | ...` queries the log", at: position)
        }
        let store = session.store
        if let broken = try store.firstBrokenAuditEntry() {
            throw ShellError(.auditBroken, "the audit log is broken at entry \(broken): it, or an entry before it, was edited, deleted or reordered; entries from \(broken) on cannot be trusted", at: position)
        }
        let summary = try store.auditSummary()
        if words.count == 2 {
            let noted = words[1].text.lowercased()
            guard summary.hashes.contains(noted) else {
                throw ShellError(.auditBroken, "no entry of the audit log has the hash \(words[1].text): entries up to it were cut off, or it was noted from another database", at: position.advanced(by: words[1].offset))
            }
        }
        guard let last = summary.last else {
            session.output.line("the audit log is empty: nothing has been changed through ducha yet")
            return
        }
        session.output.line("the audit log is whole: \(summary.count.grouped) entries, \(ChinaTime.format(summary.first!)) to \(ChinaTime.format(last.at)); last hash \(last.hash)")
    }
}
