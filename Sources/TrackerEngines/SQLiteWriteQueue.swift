import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization
import TrackerStore

/// The single SQLite writer with group commit. Concurrent `submit` calls queue up; the writer takes everything
/// queued, runs each body in its own SAVEPOINT inside one `BEGIN IMMEDIATE … COMMIT`, and only after the COMMIT
/// resumes the callers. One fsync serves the whole batch; a failing body rolls back to its savepoint alone (a batch of
/// one needs no savepoint: its transaction is rolled back instead).
final class SQLiteWriteQueue: Sendable {
    struct Job: Sendable {
        let enqueued: ContinuousClock.Instant
        /// queued → started (the writer took it) or queued → abandoned (deadline or cancellation): whoever moves it
        /// first resumes the caller, exactly once.
        let phase: PhaseBox
        /// Runs the caller's body; true when it succeeded (its result is held until commit).
        let execute: @Sendable (any SQLDatabase) async -> Bool
        /// Resumes the caller: with its own result, or with `error` when the batch did not commit.
        let finish: @Sendable ((any Error)?) -> Void
        /// Runs alone and outside any transaction (maintenance: VACUUM cannot run inside one).
        let bare: Bool
    }

    enum Phase: Sendable { case queued, started, abandoned }

    final class PhaseBox: Sendable {
        private let phase = Mutex(Phase.queued)

        /// Moves from `queued` to `next`; false when someone else moved it first.
        func leaveQueue(to next: Phase) -> Bool {
            phase.withLock { p in
                guard p == .queued else { return false }
                p = next
                return true
            }
        }
    }

    private struct State {
        var pending: [Job] = []
        var closed = false
    }

    /// Upper bound on one batch, so one transaction never grows without limit under sustained load.
    static let maxBatch = 512

    private let state = Mutex(State())
    private let signal: AsyncStream<Void>.Continuation
    private let signals: AsyncStream<Void>
    private let maxQueued: Int
    private let maxWait: Duration
    private let retryAfter: Int
    private let instrumentation: PoolInstrumentation
    private let logger: Logger

    init(maxQueued: Int, maxWait: Duration, retryAfter: Int, instrumentation: PoolInstrumentation, logger: Logger) {
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.maxQueued = maxQueued
        self.maxWait = maxWait
        self.retryAfter = retryAfter
        self.instrumentation = instrumentation
        self.logger = logger
    }

    /// Queues `body` for the next batch and returns its result once the batch has committed. `bare`: the body runs
    /// alone on the writer, outside any transaction (for VACUUM and ANALYZE), between batches.
    func submit<T: Sendable>(bare: Bool = false, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard instrumentation.enterWaiting() else {
            throw DatabaseError.unavailable(.tooManyWaiters, retryAfterSeconds: retryAfter)
        }
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let phase = PhaseBox()
        let abandon: @Sendable (CheckedContinuation<T, any Error>, any Error) -> Void = { continuation, error in
            if phase.leaveQueue(to: .abandoned) {
                self.instrumentation.leftWaiting(timedOut: true)
                continuation.resume(throwing: error)
            }
        }
        let unavailable = DatabaseError.unavailable(.acquireTimeout, retryAfterSeconds: retryAfter)
        let maxWait = self.maxWait
        let box = Mutex<CheckedContinuation<T, any Error>?>(nil)
        // A queued write has the same deadline as a lease and ends with its caller's task: a writer busy with a long
        // batch can delay, but never strand, the requests behind it.
        let deadline = Task {
            guard (try? await Task.sleep(for: maxWait)) != nil, let continuation = box.withLock({ $0 }) else { return }
            abandon(continuation, unavailable)
        }
        defer { deadline.cancel() }
        return try await withTaskCancellationHandler { try await withCheckedThrowingContinuation { continuation in
            box.withLock { $0 = continuation }
            let job = Job(
                enqueued: .now,
                phase: phase,
                execute: { db in
                    do {
                        let value = try await body(db)
                        outcome.withLock { $0 = .success(value) }
                        return true
                    } catch {
                        outcome.withLock { $0 = .failure(error) }
                        return false
                    }
                },
                finish: { batchError in
                    if let batchError {
                        continuation.resume(throwing: batchError)
                    } else {
                        let result = outcome.withLock { $0 } ?? .failure(DatabaseError.queryFailed)
                        continuation.resume(with: result)
                    }
                },
                bare: bare
            )
            let accepted = state.withLock { s -> Bool in
                guard !s.closed else { return false }
                s.pending.append(job)
                return true
            }
            if accepted {
                signal.yield()
            } else if phase.leaveQueue(to: .abandoned) {
                instrumentation.leftWaiting(timedOut: false)
                continuation.resume(throwing: DatabaseError.unavailable(.shuttingDown, retryAfterSeconds: retryAfter))
            }
        } } onCancel: {
            if let continuation = box.withLock({ $0 }) { abandon(continuation, CancellationError()) }
        }
    }

    /// The writer loop; returns when cancelled.
    func run(on writer: SQLiteConnection) async {
        for await _ in signals {
            await drain(on: writer)
        }
    }

    /// Refuses new writes, then commits whatever is already queued: acknowledged work is never dropped.
    func drainAndClose(on writer: SQLiteConnection) async {
        state.withLock { $0.closed = true }
        await drain(on: writer)
    }

    private func drain(on writer: SQLiteConnection) async {
        while true {
            let batch = state.withLock { s -> [Job] in
                let take = Array(s.pending.prefix(Self.maxBatch))
                s.pending.removeFirst(take.count)
                return take
            }
            if batch.isEmpty { return }
            // Bare jobs split the batch: the writes before one commit first, then it runs on its own.
            var normal: [Job] = []
            for job in batch {
                if job.bare {
                    if !normal.isEmpty { await commit(normal, on: writer) }
                    normal = []
                    await runBare(job, on: writer)
                } else {
                    normal.append(job)
                }
            }
            if !normal.isEmpty { await commit(normal, on: writer) }
        }
    }

    private func runBare(_ job: Job, on writer: SQLiteConnection) async {
        guard job.phase.leaveQueue(to: .started) else { return }
        instrumentation.dequeued(after: .now - job.enqueued)
        let lease = instrumentation.startLease()
        defer { instrumentation.leaseEnded(lease) }
        _ = await job.execute(writer.sql(queryLogLevel: nil))
        job.finish(nil)
    }

    private func commit(_ batch: [Job], on writer: SQLiteConnection) async {
        let now = ContinuousClock.now
        var live: [Job] = []
        for job in batch {
            if !job.phase.leaveQueue(to: .started) {
                continue  // abandoned: its caller already has its 503
            } else if now - job.enqueued > maxWait {
                // Waited past the acquire deadline: its caller gets 503 rather than a late, surprising success.
                instrumentation.leftWaiting(timedOut: true)
                job.finish(DatabaseError.unavailable(.acquireTimeout, retryAfterSeconds: retryAfter))
            } else {
                live.append(job)
            }
        }
        guard !live.isEmpty else { return }
        for job in live { instrumentation.dequeued(after: now - job.enqueued) }
        // The batch holds the one writer connection: one lease, however many jobs ride in it.
        let lease = instrumentation.startLease()
        defer { instrumentation.leaseEnded(lease) }

        let db = writer.sql(queryLogLevel: nil)
        do {
            try await db.raw("BEGIN IMMEDIATE").run()
        } catch {
            let translated = DriverErrorTranslator.translate(error, retryAfter: retryAfter, logger: logger)
            for job in live { job.finish(translated) }
            return
        }
        if live.count == 1 {
            // One job (every write when writes do not overlap): the transaction is its savepoint, two statements fewer.
            let job = live[0]
            do {
                if await job.execute(db) {
                    try await db.raw("COMMIT").run()
                } else {
                    try await db.raw("ROLLBACK").run()
                }
                job.finish(nil)
            } catch {
                try? await db.raw("ROLLBACK").run()
                job.finish(DriverErrorTranslator.translate(error, retryAfter: retryAfter, logger: logger))
            }
            return
        }
        for (index, job) in live.enumerated() {
            let name = "w\(index)"
            do {
                try await db.raw("SAVEPOINT \(unsafeRaw: name)").run()
                if await job.execute(db) {
                    try await db.raw("RELEASE \(unsafeRaw: name)").run()
                } else {
                    try await db.raw("ROLLBACK TO \(unsafeRaw: name)").run()
                    try await db.raw("RELEASE \(unsafeRaw: name)").run()
                }
            } catch {
                // The savepoint machinery itself failed: the transaction is unusable; fail the whole batch.
                try? await db.raw("ROLLBACK").run()
                let translated = DriverErrorTranslator.translate(error, retryAfter: retryAfter, logger: logger)
                for job in live { job.finish(translated) }
                return
            }
        }
        do {
            try await db.raw("COMMIT").run()
        } catch {
            try? await db.raw("ROLLBACK").run()
            let translated = DriverErrorTranslator.translate(error, retryAfter: retryAfter, logger: logger)
            for job in live { job.finish(translated) }
            return
        }
        for job in live { job.finish(nil) }
    }
}
