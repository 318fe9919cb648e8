import CoreMetrics
import Foundation
import Logging
import Synchronization
import TrackerStore

/// Our own bookkeeping around a pool: what PostgresClient does not expose (it has no public metrics) and what
/// the SQLite engine needs too. Every change updates the swift-metrics gauges, which `/metrics` exports.
final class PoolInstrumentation: Sendable {
    private struct State {
        var openConnections: Set<Int> = []
        var leased = 0
        var waiting = 0
        var acquireTimeouts = 0
        var rejectedWaiters = 0
        var createFailures = 0
        /// Since when every connection attempt has failed (nil once a lease succeeds): the pool is down.
        var failingSince: ContinuousClock.Instant?
        var nextLeaseID = 0
        var leaseStarts: [Int: ContinuousClock.Instant] = [:]
        var warnedLeases: Set<Int> = []
    }

    private let state = Mutex(State())
    let engine: DatabaseEngineKind
    let maximum: Int
    let maxWaiters: Int

    private let totalGauge: Gauge
    private let idleGauge: Gauge
    private let leasedGauge: Gauge
    private let waitingGauge: Gauge
    private let longLeaseGauge: Gauge
    private let acquireTimer: CoreMetrics.Timer
    private let timeoutCounter: Counter
    private let rejectedCounter: Counter
    private let createFailureCounter: Counter

    init(engine: DatabaseEngineKind, maximum: Int, maxWaiters: Int, metrics: any MetricsFactory) {
        self.engine = engine
        self.maximum = maximum
        self.maxWaiters = maxWaiters
        let dims = [("engine", engine.rawValue)]
        totalGauge = Gauge(label: "tracker_db_pool_connections_total", dimensions: dims, factory: metrics)
        idleGauge = Gauge(label: "tracker_db_pool_connections_idle", dimensions: dims, factory: metrics)
        leasedGauge = Gauge(label: "tracker_db_pool_connections_leased", dimensions: dims, factory: metrics)
        waitingGauge = Gauge(label: "tracker_db_pool_waiting", dimensions: dims, factory: metrics)
        longLeaseGauge = Gauge(label: "tracker_db_pool_long_leases", dimensions: dims, factory: metrics)
        Gauge(label: "tracker_db_pool_connections_max", dimensions: dims, factory: metrics).record(maximum)
        acquireTimer = CoreMetrics.Timer(
            label: "tracker_db_pool_acquire_seconds", dimensions: dims, preferredDisplayUnit: .seconds, factory: metrics
        )
        timeoutCounter = Counter(label: "tracker_db_pool_acquire_timeouts", dimensions: dims, factory: metrics)
        rejectedCounter = Counter(label: "tracker_db_pool_rejected_waiters", dimensions: dims, factory: metrics)
        createFailureCounter = Counter(label: "tracker_db_pool_connect_failures", dimensions: dims, factory: metrics)
        publish(State())
    }

    // MARK: connections

    func connectionOpened(_ id: Int) {
        publish(state.withLock { $0.openConnections.insert(id); return $0 })
    }

    func connectionClosed(_ id: Int) {
        publish(state.withLock { $0.openConnections.remove(id); return $0 })
    }

    func connectFailed() {
        createFailureCounter.increment()
        state.withLock {
            $0.createFailures += 1
            if $0.failingSince == nil { $0.failingSince = .now }
        }
    }

    /// How long connection attempts have been failing with no lease granted since; nil when the pool works.
    func failingFor() -> Duration? {
        state.withLock { $0.failingSince.map { .now - $0 } }
    }

    /// Forgets the failure streak (a fresh pool starts from scratch).
    func resetFailing() {
        state.withLock { $0.failingSince = nil }
    }

    // MARK: waiting and leasing

    /// Registers a waiter; false (and counted as rejected) when the waiting bound is full.
    func enterWaiting() -> Bool {
        let admitted: State? = state.withLock {
            guard $0.waiting < maxWaiters else {
                $0.rejectedWaiters += 1
                return nil
            }
            $0.waiting += 1
            return $0
        }
        guard let admitted else {
            rejectedCounter.increment()
            return false
        }
        publish(admitted)
        return true
    }

    /// The waiter got a connection after `waited`; returns a lease id for `leaseEnded`.
    func leased(after waited: Duration) -> Int {
        dequeued(after: waited)
        return startLease()
    }

    /// The waiter stopped waiting because its turn came (recorded as acquire time) without a lease of its own.
    func dequeued(after waited: Duration) {
        acquireTimer.recordNanoseconds(waited.nanoseconds)
        publish(state.withLock { $0.waiting -= 1; return $0 })
    }

    func startLease() -> Int {
        let (id, snapshot) = state.withLock { s -> (Int, State) in
            s.leased += 1
            s.failingSince = nil
            s.nextLeaseID += 1
            s.leaseStarts[s.nextLeaseID] = .now
            return (s.nextLeaseID, s)
        }
        publish(snapshot)
        return id
    }

    /// The waiter gave up (timeout when `timedOut`, else an error or cancellation).
    func leftWaiting(timedOut: Bool) {
        if timedOut { timeoutCounter.increment() }
        publish(state.withLock {
            $0.waiting -= 1
            if timedOut { $0.acquireTimeouts += 1 }
            return $0
        })
    }

    func leaseEnded(_ id: Int) {
        publish(state.withLock {
            $0.leased -= 1
            $0.leaseStarts[id] = nil
            $0.warnedLeases.remove(id)
            return $0
        })
    }

    /// Logs each lease held past `threshold` once; called periodically by the engine's service loop.
    func warnAboutLongLeases(threshold: Duration, logger: Logger) {
        let now = ContinuousClock.now
        let (fresh, count) = state.withLock { s -> ([(Int, Duration)], Int) in
            let long = s.leaseStarts.filter { now - $0.value > threshold }
            let fresh = long.filter { !s.warnedLeases.contains($0.key) }.map { ($0.key, now - $0.value) }
            s.warnedLeases.formUnion(fresh.map(\.0))
            return (fresh, long.count)
        }
        longLeaseGauge.record(count)
        for (id, held) in fresh {
            logger.warning(
                "database connection held longer than the lease warning threshold",
                metadata: ["lease": "\(id)", "heldSeconds": "\(held.seconds)", "engine": "\(engine.rawValue)"]
            )
        }
    }

    // MARK: status

    func status(totalOverride: Int? = nil) -> PoolStatus {
        state.withLock { s in
            let total = totalOverride ?? max(s.openConnections.count, s.leased)
            return PoolStatus(
                engine: engine.rawValue, total: total, idle: max(0, total - s.leased), leased: s.leased,
                waiting: s.waiting, maximum: maximum, acquireTimeouts: s.acquireTimeouts,
                rejectedWaiters: s.rejectedWaiters, createFailures: s.createFailures,
                longLeases: s.warnedLeases.count  // warned leases leave the set when they end
            )
        }
    }

    private func publish(_ s: State) {
        let total = max(s.openConnections.count, s.leased)
        totalGauge.record(total)
        leasedGauge.record(s.leased)
        idleGauge.record(max(0, total - s.leased))
        waitingGauge.record(s.waiting)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let c = components
        return c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
    }

    var seconds: Double { Double(nanoseconds) / 1e9 }
}
