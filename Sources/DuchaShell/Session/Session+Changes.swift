import DuchaCore
import DuchaStore

extension Session {
    /// Refuses a change on a database opened read-only, naming the command.
    func requireWritable(_ command: String) throws {
        if store.isReadOnly {
            throw ShellError(.readOnly, "the database is open read-only (--read-only, or a read-only file); \(command) would change it, so nothing was done")
        }
    }

    /// The escalation ladder: the setting `orders.ladder`, or the standard one.
    func escalationLadder() throws -> EscalationLadder {
        guard let text = try store.setting(Session.ladderSetting) else { return .standard }
        do {
            return try EscalationLadder.parse(text)
        } catch {
            throw ShellError(.badInput, "the saved ladder (setting \(Session.ladderSetting)) cannot be read: \(error.message); set it again with orders ladder \"...\"")
        }
    }

    /// The setting that holds the escalation ladder's text.
    static let ladderSetting = "orders.ladder"
}
