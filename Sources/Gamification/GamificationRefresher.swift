import Logging
import ServiceLifecycle
import TrackerCore
import TrackerStore

/// Keeps points current: wakes when this process committed rollup changes or once a poll interval, waits a moment
/// so a burst of heartbeats is scored once, moves change marks into the queue and computes it. A background
/// `Service`: nothing touches the database before the first wake-up; a failed pass is retried soon.
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
        do {
            try await evaluator.drainMarks()
            let done = try await evaluator.evaluateQueued { Task.isCancelled || Task.isShuttingDownGracefully }
            if done > 0 { logger.debug("gamification scored", metadata: ["personDays": "\(done)"]) }
            return true
        } catch let error as DatabaseError {
            if case .unavailable = error {} else { logger.warning("gamification scoring failed; will retry", metadata: ["error": "\(error.code)"]) }
            return false
        } catch {
            logger.warning("gamification scoring failed; will retry", metadata: ["error": "\(String(describing: type(of: error)))"])
            return false
        }
    }
}
