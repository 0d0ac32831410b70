#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C pressed since the last `take()`; set from the signal handler.
private let interruptsPending = Atomic<Int>(0)

/// SIGINT handling: the handler only counts; the line editor and the store's progress
/// check ask the count, so Ctrl-C clears the line or stops a query and never ends the shell.
public enum InterruptSignal {
    /// Installs the handler (without SA_RESTART, so a blocked read returns EINTR).
    public static func install() {
        // Touch the counter first: its lazy initialisation must not run in the handler.
        _ = interruptsPending.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptsPending.add(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Whether Ctrl-C has been pressed and not yet taken.
    public static var isPending: Bool { interruptsPending.load(ordering: .relaxed) > 0 }

    /// Takes a pending interrupt: true when there was one.
    @discardableResult
    public static func take() -> Bool { interruptsPending.exchange(0, ordering: .relaxed) > 0 }
}
