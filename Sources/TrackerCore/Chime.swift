import Synchronization

/// One event several independent loops wait for (rollups changed: flags and gamification each refresh): every
/// subscriber gets its own `Doorbell`, so a ring missed while one is busy stays pending for it and is not consumed
/// by another.
public final class Chime: Sendable {
    private let bells = Mutex<[Doorbell]>([])

    public init() {}

    /// A doorbell rung by every `ring()` from now on.
    public func subscribe() -> Doorbell {
        let bell = Doorbell()
        bells.withLock { $0.append(bell) }
        return bell
    }

    public func ring() async {
        for bell in bells.withLock({ $0 }) { await bell.ring() }
    }
}
