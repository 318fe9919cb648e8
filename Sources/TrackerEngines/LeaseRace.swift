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

extension LeaseRace {
    /// Thrown by `acquire` when it got a connection after the deadline had already won (it must give it back).
    struct Lost: Error {}

    /// Races `acquire` against `timeout`: the value, or nil when the deadline won. `acquire` must call
    /// `claimLease()` first thing once it holds a connection and throw `Lost` when that returns false.
    /// `timedOut` / `failed` run once when the wait ends by the deadline / by an error of `acquire`.
    ///
    /// Whichever child finishes first, a lost race is never an error: a connection that arrives just after the
    /// deadline used to escape as a cancellation (a `500`) when its child finished before the timer's.
    static func run<T: Sendable>(
        timeout: Duration,
        acquire: @escaping @Sendable (LeaseRace) async throws -> T,
        timedOut: @escaping @Sendable () -> Void,
        failed: @escaping @Sendable () -> Void
    ) async throws -> T? {
        let race = LeaseRace()
        return try await withThrowingTaskGroup(of: Step<T>.self) { group in
            group.addTask {
                do {
                    return .value(try await acquire(race))
                } catch is Lost {
                    return .lost
                } catch {
                    if race.abandon() { failed() }
                    throw error
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                guard race.abandon() else { return .lost }   // the lease won: its child brings the value
                timedOut()
                return .timedOut
            }
            while let step = try await group.next() {
                switch step {
                case .value(let value):
                    group.cancelAll()
                    return value
                case .timedOut:
                    group.cancelAll()
                    return nil
                case .lost:
                    continue
                }
            }
            return nil
        }
    }

    private enum Step<T: Sendable>: Sendable {
        case value(T)
        case timedOut
        /// This child lost the race; the other one decides.
        case lost
    }
}
