/// What one query may spend: wall-clock time, events held by one value, and work steps (an event processed by a
/// function is one step). Checked as it runs, so no query can hold a server thread or its memory for long; used up,
/// the query stops with a `400` saying which bound it hit. Not shared between tasks.
public final class QueryBudget {
    public struct Limits: Sendable, Equatable {
        /// Default 10 s (`TRACKER_AW_QUERY_TIMEOUT_MS`).
        public var timeout: Duration
        /// Default 500,000 (`TRACKER_AW_QUERY_MAX_EVENTS`): the most events a query's variables may hold together
        /// (a year of one person's window events is about 150,000), and one export or import.
        public var maxEvents: Int
        /// Steps in all: 50 × `maxEvents`.
        public var maxSteps: Int { maxEvents.multipliedReportingOverflow(by: 50).overflow ? Int.max : maxEvents * 50 }

        public init(timeout: Duration = .seconds(10), maxEvents: Int = 500_000) {
            self.timeout = timeout
            self.maxEvents = maxEvents
        }
    }

    public let limits: Limits
    private let deadline: ContinuousClock.Instant
    private var steps = 0
    private var sinceClockCheck = 0

    public init(limits: Limits) {
        self.limits = limits
        deadline = ContinuousClock.now.advanced(by: limits.timeout)
    }

    func charge(_ work: Int) throws {
        steps &+= max(work, 0)
        sinceClockCheck &+= max(work, 1)
        guard steps <= limits.maxSteps else { throw QueryError.budget("the query did too much work (more than \(limits.maxSteps) event steps)") }
        if sinceClockCheck >= 4_096 {
            sinceClockCheck = 0
            try checkClock()
        }
    }

    func checkClock() throws {
        guard ContinuousClock.now < deadline else { throw QueryError.budget("the query ran longer than its time limit (\(limits.timeout))") }
    }

    private var lastYield = ContinuousClock.now

    /// True every few milliseconds of work: the evaluator then yields its thread (an event loop's) to other requests.
    /// Yielding after every function cost more than the functions on a month of small per-day periods.
    func dueForYield() -> Bool {
        let now = ContinuousClock.now
        guard now - lastYield >= .milliseconds(5) else { return false }
        lastYield = now
        return true
    }

    func hold(_ events: Int) throws {
        guard events <= limits.maxEvents else { throw QueryError.budget("the query would hold more than \(limits.maxEvents) events") }
    }
}
