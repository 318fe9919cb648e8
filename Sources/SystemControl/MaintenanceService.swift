import Foundation
import Logging
import SQLKit
import ServiceLifecycle
import Synchronization
import TrackerCore
import TrackerStore

/// Runs maintenance an administrator asks for (`analyze`, `vacuum`, `rebuild-rollups`), one task at a time in this
/// instance, showing its progress. A background `Service` that waits for its doorbell; it runs whether or not this
/// instance runs the other workers (an administrator asked this instance). Tasks live in memory: the last 20 are kept.
public final class MaintenanceService: Service {
    private let database: any Database
    private let rebuilds: RollupRebuilds
    private let time: TimeSource
    private let logger: Logger
    private let doorbell = Doorbell()
    private let tasks = Mutex<[MaintenanceTask]>([])

    static let kept = 20
    /// How often a followed rollup rebuild is looked at.
    static let followEvery: Duration = .milliseconds(250)

    public init(database: any Database, rebuilds: RollupRebuilds, time: TimeSource, logger: Logger) {
        self.database = database
        self.rebuilds = rebuilds
        self.time = time
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(ringing: doorbell, every: .seconds(3600)) { await self.runQueued() }
    }

    /// Queues `kind` for `actor`; a `409` while another task is queued or running here.
    func start(_ kind: MaintenanceTask.Kind, by actor: String) async throws -> MaintenanceTask {
        let task = MaintenanceTask(id: UUID().uuidString.lowercased(), kind: kind, status: .queued, requestedBy: actor, createdAt: time.now,
                                   doneSteps: 0, totalSteps: 0, progress: 0)
        let accepted = tasks.withLock { list -> Bool in
            guard !list.contains(where: { $0.status == .queued || $0.status == .running }) else { return false }
            list.insert(task, at: 0)
            if list.count > Self.kept { list.removeLast(list.count - Self.kept) }
            return true
        }
        guard accepted else {
            throw SimpleAppError(.conflict, code: "maintenance_busy", message: "A maintenance task is already running on this instance; wait for it to finish.")
        }
        await doorbell.ring()
        return task
    }

    func task(id: String) -> MaintenanceTask? { tasks.withLock { $0.first { $0.id == id } } }
    var recent: [MaintenanceTask] { tasks.withLock { $0 } }

    private func update(_ id: String, _ change: (inout MaintenanceTask) -> Void) {
        tasks.withLock { list in
            guard let index = list.firstIndex(where: { $0.id == id }) else { return }
            change(&list[index])
            let t = list[index]
            list[index].progress = t.totalSteps > 0 ? min(1, Double(t.doneSteps) / Double(t.totalSteps)) : (t.status == .done ? 1 : 0)
        }
    }

    private func runQueued() async {
        while let next = tasks.withLock({ $0.last { $0.status == .queued } }) {
            update(next.id) { $0.status = .running; $0.startedAt = self.time.now }
            logger.info("maintenance started", metadata: ["task": "\(next.id)", "kind": "\(next.kind.rawValue)"])
            do {
                switch next.kind {
                case .analyze, .vacuum: try await tableByTable(next)
                case .rebuildRollups: try await rebuild(next)
                }
                update(next.id) { $0.status = .done; $0.finishedAt = self.time.now; $0.current = nil }
                logger.info("maintenance finished", metadata: ["task": "\(next.id)", "kind": "\(next.kind.rawValue)"])
            } catch {
                let message = (error as? any AppError)?.message ?? "the database refused: \(String(describing: type(of: error)))"
                update(next.id) { $0.status = .failed; $0.finishedAt = self.time.now; $0.error = message; $0.current = nil }
                logger.warning("maintenance failed", metadata: ["task": "\(next.id)", "error": "\(message)"])
            }
        }
    }

    /// ANALYZE each table; VACUUM: SQLite's whole file at once, PostgreSQL's tables one by one.
    private func tableByTable(_ task: MaintenanceTask) async throws {
        let before = try await database.sizeOnDisk()
        let steps: [(label: String, sql: SQLQueryString)]
        let tables = try await database.tableNames()
        switch (task.kind, database.engine) {
        case (.vacuum, .sqlite): steps = [("database file", "VACUUM"), ("write-ahead log", "PRAGMA wal_checkpoint(TRUNCATE)")]
        case (.vacuum, .postgres): steps = tables.map { ($0, "VACUUM (ANALYZE) \(ident: $0)") }
        default: steps = tables.map { ($0, "ANALYZE \(ident: $0)") }
        }
        update(task.id) { $0.totalSteps = steps.count; $0.bytesBefore = before }
        for (index, step) in steps.enumerated() {
            if Task.isCancelled || Task.isShuttingDownGracefully { throw CancellationError() }
            update(task.id) { $0.current = step.label }
            try await database.withMaintenanceConnection { db in try await db.raw(step.sql).run() }
            update(task.id) { $0.doneSteps = index + 1 }
        }
        let after = try await database.sizeOnDisk()
        update(task.id) { $0.bytesAfter = after }
    }

    /// Queues a rebuild of every rollup and follows it to its end.
    private func rebuild(_ task: MaintenanceTask) async throws {
        let job = try await rebuilds.start()
        update(task.id) { $0.rebuildJobId = job; $0.current = "rollup rebuild \(job)" }
        while true {
            let state = try await rebuilds.progress(job)
            update(task.id) { $0.doneSteps = state.done; $0.totalSteps = state.total }
            if let ended = state.ended {
                if !ended.isEmpty { throw SimpleAppError(.conflict, code: "rebuild_failed", message: ended) }
                return
            }
            try await Task.sleep(for: Self.followEvery)
        }
    }
}
