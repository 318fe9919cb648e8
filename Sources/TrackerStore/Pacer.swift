/// Lets something happen at most once per `every` (the first time at once). Evaluators move change marks into their
/// queue through one: often enough that data arriving during a long pass is judged within about a second, seldom
/// enough that a device sending heartbeats does not have its day re-judged after every batch — under steady ingest
/// that alone cost a third of the heartbeat throughput.
public struct Pacer: Sendable {
    public let every: Duration
    private var last: ContinuousClock.Instant?

    public init(every: Duration) {
        self.every = every
    }

    /// True (and restarts the interval) when `every` has passed since the last time it said true.
    public mutating func ready(now: ContinuousClock.Instant = .now) -> Bool {
        if let last, now - last < every { return false }
        last = now
        return true
    }
}
