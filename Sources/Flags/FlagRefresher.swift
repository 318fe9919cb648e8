import Logging
import ServiceLifecycle
import TrackerCore
import TrackerStore

/// Keeps flags current: wakes when this process committed rollup changes (the ingest doorbell) or once a poll
/// interval (changes by other instances, shift changes, the passing of time), waits a moment so a burst of
/// heartbeats is judged once, then sweeps for what time has ended and evaluates the queue — fresh data first, new
/// change marks taken in about once a second (see `PersonDayQueue.Lane`). A background `Service` started after
/// start-up work (its first pass comes at once, for what a previous process left); a failed pass is logged and
/// retried soon.
public final class FlagRefresher: Service {
    private let evaluator: FlagEvaluator
    private let sweep: FlagSweep
    private let doorbell: Doorbell
    private let pollInterval: Duration
    private let settle: Duration
    private let logger: Logger

    init(evaluator: FlagEvaluator, sweep: FlagSweep, doorbell: Doorbell, pollInterval: Duration = .seconds(30),
         settle: Duration = .seconds(2), logger: Logger) {
        self.evaluator = evaluator
        self.sweep = sweep
        self.doorbell = doorbell
        self.pollInterval = pollInterval
        self.settle = settle
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(ringing: doorbell, atMost: pollInterval, settle: settle, retryAfterFailure: Self.retryAfterFailure) {
            await self.pass()
        }
    }

    static let retryAfterFailure: Duration = .seconds(5)

    /// One pass: sweep, then evaluate until the queue is empty (marks → queue before every batch). Public for the CLI
    /// and tests.
    @discardableResult
    public func pass() async -> Bool {
        await PeriodicWork.attempt("flag evaluation", logger: logger) {
            try await sweep.run()
            let result = try await evaluator.evaluateQueued { Task.isCancelled || Task.isShuttingDownGracefully }
            if result.raised + result.withdrawn > 0 {
                logger.info("flags evaluated", metadata: ["personDays": "\(result.evaluated)", "raised": "\(result.raised)",
                                                          "withdrawn": "\(result.withdrawn)"])
            }
        }
    }
}
