import Activities
import Auth
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import ShiftPlanner
import Synchronization
import TrackerCore
import TrackerStore

/// Runs queued optimisation jobs one at a time: loads the problem, runs the solver on its own threads (never on the
/// server's event loops), and every second writes the best score so far and a heartbeat, and checks whether the job
/// was cancelled. A job whose heartbeat stopped — its server restarted or died — is marked failed on the next pass,
/// never left "running". A background `Service`: jobs started here ring its doorbell; others (another instance's)
/// are found by a slow poll; nothing touches the database at start-up.
public final class OptimizeRunner: Service {
    private let database: any Database
    private let directory: any DirectoryRepository
    private let rollups: RollupReader
    private let settings: ScheduleSettingsStore
    private let store: OptimizeJobStore
    private let doorbell: Doorbell
    private let time: TimeSource
    private let logger: Logger
    private let pollInterval: Duration
    private let threads: Int

    init(database: any Database, directory: any DirectoryRepository, settings: ScheduleSettingsStore, doorbell: Doorbell, time: TimeSource,
         logger: Logger, pollInterval: Duration = .seconds(30), threads: Int = 2) {
        self.database = database
        self.directory = directory
        rollups = RollupReader(database: database)
        self.settings = settings
        store = OptimizeJobStore(database: database)
        self.doorbell = doorbell
        self.time = time
        self.logger = logger
        self.pollInterval = pollInterval
        self.threads = threads
    }

    public func run() async throws {
        await PeriodicWork.run(ringing: doorbell, every: pollInterval) { await self.runQueued() }
    }

    /// Marks failed the running jobs whose heartbeat stopped before `at` − 30 s (what a restarted instance's first
    /// pass does); returns their ids.
    public static func failInterrupted(database: any Database, at: Date) async throws -> [String] {
        try await OptimizeJobStore(database: database).failInterrupted(at: at.epochMillis)
    }

    /// Marks interrupted jobs failed, then runs every queued job, in the caller's task.
    public func runQueued() async {
        await PeriodicWork.attempt("optimize queue", logger: logger) {
            for id in try await store.failInterrupted(at: time.now.epochMillis) {
                logger.warning("optimize job interrupted", metadata: ["job": "\(id)"])
            }
            while !Task.isShuttingDownGracefully && !Task.isCancelled, let row = try await store.claim(at: time.now.epochMillis) {
                await process(row)
            }
        }
    }

    private func process(_ row: OptimizeJobStore.Row) async {
        let job = row.job
        logger.info("optimize job started", metadata: ["job": "\(job.id)", "team": "\(job.teamId ?? "-")", "seconds": "\(job.request.seconds)"])
        do {
            // The zone the job's dates were read in when it was started.
            var teamZone: String?
            if let teamID = job.teamId { teamZone = try await directory.team(id: teamID)?.timeZone }
            let zone = try await OptimizeService.zone(teamZone, directory)
            let scope = OptimizeProblem.Scope(teamIDs: row.teamIDs, locationID: job.locationId, from: job.from.epochMillis, to: job.to.epochMillis)
            let loaded = try await OptimizeProblem.load(scope, request: job.request, database: database, directory: directory, rollups: rollups,
                                                        settings: try await settings.organization(), zone: zone, now: time.now)
            let (result, cancelled) = try await solve(loaded, job: job)
            if cancelled {
                try await store.finish(id: job.id, status: .cancelled, result: nil, steps: Int64(result.steps), error: nil, at: time.now.epochMillis)
                logger.info("optimize job cancelled", metadata: ["job": "\(job.id)"])
                return
            }
            let plan = OptimizeResult(loaded, assignment: result.assignment)
            try await store.finish(id: job.id, status: .done, result: plan, steps: Int64(result.steps), error: nil, at: time.now.epochMillis)
            logger.info("optimize job done", metadata: ["job": "\(job.id)", "score": "\(result.score)", "shifts": "\(loaded.movable.count)",
                                                        "open": "\(plan.open.count)", "steps": "\(result.steps)"])
        } catch {
            let message = (error as? any AppError)?.message ?? "internal error"
            logger.error("optimize job failed", metadata: ["job": "\(job.id)", "error": "\(String(describing: type(of: error)))"])
            try? await store.finish(id: job.id, status: .failed, result: nil, steps: 0, error: message, at: time.now.epochMillis)
        }
    }

    /// Runs the solver on a thread of its own while this task beats the heartbeat and watches for cancelling.
    private func solve(_ loaded: OptimizeProblem, job: OptimizeJob) async throws -> (Solver.Result, cancelled: Bool) {
        let stop = Atomic<Bool>(false), best = Mutex<PlanScore?>(nil)
        let shared = SharedFlags(stop: stop, best: best)
        var options = Solver.Options(seed: job.request.seed, timeLimit: .seconds(job.request.seconds),
                                     unimprovedLimit: job.request.unimprovedSeconds.map { .seconds($0) }, threads: threads)
        options.shouldStop = { shared.stop.load(ordering: .relaxed) }
        options.onSearchThread = { Self.lowerThreadPriority() }
        options.progress = { score in shared.best.withLock { current in if current.map({ score > $0 }) ?? true { current = score } } }
        let problem = loaded.problem, chosen = options
        let solving = Task<Solver.Result, Never> {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: Solver.solve(problem, options: chosen)) }
            }
        }
        let watcher = Task {
            var cancelled = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if Task.isCancelled { break }
                let score = shared.best.withLock { $0 }
                let asked = (try? await store.heartbeat(id: job.id, best: score.map(OptimizeJob.Score.init), steps: 0, at: time.now.epochMillis)) ?? false
                if asked || Task.isShuttingDownGracefully {
                    cancelled = asked
                    shared.stop.store(true, ordering: .relaxed)
                }
            }
            return cancelled
        }
        let result = await solving.value
        watcher.cancel()
        let cancelled = await watcher.value
        if Task.isShuttingDownGracefully && !cancelled { throw ShutdownError() }
        return (result, cancelled)
    }

    /// Nice 10 for the calling thread only (on Linux the nice value is per thread, and `who` 0 is the calling
    /// thread): a 30-second search yields the cores to request handling whenever a request is waiting.
    static func lowerThreadPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    struct ShutdownError: AppError {
        var kind: ErrorKind { .unavailable }
        var code: String { "interrupted" }
        var message: String { "interrupted: the server stopped while the job ran; start the job again" }
    }
}

/// What the solver's threads and the watching task share.
private final class SharedFlags: Sendable {
    let stop: Atomic<Bool>
    let best: Mutex<PlanScore?>
    init(stop: consuming Atomic<Bool>, best: consuming Mutex<PlanScore?>) {
        self.stop = stop
        self.best = best
    }
}
