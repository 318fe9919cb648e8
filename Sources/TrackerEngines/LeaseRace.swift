import Synchronization

/// Decides, exactly once, whether a waiting request got its connection or hit its deadline.
/// Both the lease path and the timer path call in; whoever comes first wins and the other backs off.
final class LeaseRace: Sendable {
    private enum Phase { case waiting, leased, abandoned }
    private let phase = Mutex(Phase.waiting)

    /// The connection arrived; false if the deadline already passed (the caller must give it back unused).
    func claimLease() -> Bool {
        phase.withLock {
            guard $0 == .waiting else { return false }
            $0 = .leased
            return true
        }
    }

    /// The deadline passed or the wait failed; false if the connection had already arrived.
    func abandon() -> Bool {
        phase.withLock {
            guard $0 == .waiting else { return false }
            $0 = .abandoned
            return true
        }
    }
}
