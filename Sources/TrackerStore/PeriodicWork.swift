import Foundation
import Logging
import ServiceLifecycle
import TrackerCore

/// The loop of a background `Service` that works once an interval (retention sweeps, attendance refreshes): it first
/// waits an interval — a server started with the database down does not touch it at start-up — and stops at graceful
/// shutdown or cancellation, even mid-wait.
public enum PeriodicWork {
    public static func run(every interval: Duration, _ work: @Sendable () async -> Void) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await work()
        }
    }

    /// The loop of a queue worker: works whenever `doorbell` rings (work queued by this process) or `interval` passes
    /// (work queued by another instance, or left by a crash); graceful shutdown rings it so the loop ends at once.
    public static func run(ringing doorbell: Doorbell, every interval: Duration, _ work: @Sendable () async -> Void) async {
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                await doorbell.wait(timeout: interval)
                await work()
            }
        } onGracefulShutdown: {
            Task { await doorbell.ring() }
        }
    }

    /// A queue worker whose work knows when it is next due (retries with backoff): waits for the doorbell, for the
    /// wait the last round of `work` asked for, or for `interval`, whichever comes first.
    public static func run(ringing doorbell: Doorbell, atMost interval: Duration, _ work: @Sendable () async -> Duration?) async {
        await withGracefulShutdownHandler {
            var wait = interval
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                await doorbell.wait(timeout: wait)
                guard !Task.isShuttingDownGracefully && !Task.isCancelled else { return }
                wait = min(interval, await work() ?? interval)
            }
        } onGracefulShutdown: {
            Task { await doorbell.ring() }
        }
    }

    /// The loop of an evaluator of derived data (flags, gamification): on the doorbell or once `interval`, waits
    /// `settle` so a burst of writes is judged once, runs `pass`, and after a failed pass (the database busy or away)
    /// tries again after `retryAfterFailure` rather than at the next poll. The first pass comes at once: evaluators
    /// start after start-up work, and what a previous process left queued should not wait a poll interval.
    public static func run(ringing doorbell: Doorbell, atMost interval: Duration, settle: Duration,
                           retryAfterFailure: Duration, _ pass: @Sendable () async -> Bool) async {
        await doorbell.ring()
        await run(ringing: doorbell, atMost: interval) {
            try? await Task.sleep(for: settle)
            return await pass() ? nil : retryAfterFailure
        }
    }

    /// One pass of background work that may fail: a failure is logged as `"<what> failed; will retry"` with the
    /// error's code (nothing while the database is away — the pool reports that) and the pass reports false. The
    /// pass is recorded on the worker's `WorkerBoard`, when the task runs as a named worker.
    @discardableResult
    public static func attempt(_ what: String, logger: Logger, _ pass: () async throws -> Void) async -> Bool {
        let worker = WorkerBoard.current
        worker.map { $0.board.started($0.name, at: Date()) }
        let failure: String?
        do {
            try await pass()
            failure = nil
        } catch let error as DatabaseError {
            if case .unavailable = error {} else { logger.warning("\(what) failed; will retry", metadata: ["error": "\(error.code)"]) }
            failure = error.code
        } catch {
            let code = String(describing: type(of: error))
            logger.warning("\(what) failed; will retry", metadata: ["error": "\(code)"])
            failure = code
        }
        worker.map { $0.board.finished($0.name, at: Date(), error: failure) }
        return failure == nil
    }
}
