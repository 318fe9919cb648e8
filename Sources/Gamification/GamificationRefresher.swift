import Logging
import ServiceLifecycle
import TrackerCore
import TrackerStore

/// Keeps points current: wakes when this process committed rollup changes or once a poll interval, waits a moment
/// so a burst of heartbeats is scored once, and computes the queue (taking in change marks about once a second). A
/// background `Service` started after start-up work (its first pass comes at once); a failed pass is retried soon.
public final class GamificationRefresher: Service {
    let evaluator: GamificationEvaluator
    private let doorbell: Doorbell
    private let pollInterval: Duration
    private let settle: Duration
    private let logger: Logger

    init(evaluator: GamificationEvaluator, doorbell: Doorbell, pollInterval: Duration = .seconds(30), settle: Duration = .seconds(2),
         logger: Logger) {
        self.evaluator = evaluator
        self.doorbell = doorbell
        self.pollInterval = pollInterval
        self.settle = settle
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(ringing: doorbell, atMost: pollInterval, settle: settle, retryAfterFailure: .seconds(5)) {
            await self.pass()
        }
    }

    /// One pass: marks → queue → computed. Public for the CLI and tests.
    @discardableResult
    public func pass() async -> Bool {
        await PeriodicWork.attempt("gamification scoring", logger: logger) {
            let done = try await evaluator.evaluateQueued { Task.isCancelled || Task.isShuttingDownGracefully }
            if done > 0 { logger.debug("gamification scored", metadata: ["personDays": "\(done)"]) }
        }
    }
}
