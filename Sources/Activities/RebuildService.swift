import Foundation
import Logging
import SQLKit
import ServiceLifecycle
import TrackerCore
import TrackerStore

/// Runs queued rebuild jobs: recomputes every (employee, hour) of the job's range from raw rows with the current
/// rules, a chunk per transaction, recording progress as it goes. One of the process's background services.
public final class RebuildService: Service {
    private let database: any Database
    private let jobs: SQLRebuildJobRepository
    private let rules: RuleSet
    private let time: TimeSource
    private let logger: Logger
    private let doorbell: Doorbell
    /// Jobs queued by this process ring the doorbell; jobs queued by other instances (or left by a crash) are
    /// found by this slow poll. Nothing touches the database at start-up.
    private let pollInterval: Duration
    static let chunkHours = 200
    /// Rung after each job: its rollup changes left marks for consumers.
    private let rollupsChanged: Chime

    init(database: any Database, rules: RuleSet, doorbell: Doorbell, time: TimeSource, logger: Logger, pollInterval: Duration = .seconds(30),
         rollupsChanged: Chime = Chime()) {
        self.rollupsChanged = rollupsChanged
        self.database = database
        self.jobs = SQLRebuildJobRepository(database: database, doorbell: doorbell)
        self.rules = rules
        self.time = time
        self.logger = logger
        self.pollInterval = pollInterval
        self.doorbell = doorbell
    }

    public func run() async throws {
        await PeriodicWork.run(ringing: doorbell, every: pollInterval) { await self.drainQueue() }
    }

    /// Runs every queued job now, in the caller's task (the demo generator re-scores before it ingests).
    public func runQueuedJobs() async { await drainQueue() }

    private func drainQueue() async {
        await PeriodicWork.attempt("rebuild queue", logger: logger) {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                guard let job = try await jobs.claim(at: time.now) else { return }
                await process(job)
                await rollupsChanged.ring()
            }
        }
    }

    func process(_ job: RebuildJob) async {
        logger.info("rebuild started", metadata: ["job": "\(job.id)", "reason": "\(job.reason)"])
        do {
            let pairs = try await work(for: job)
            try await jobs.progress(id: job.id, done: 0, total: pairs.count)
            var done = 0
            for chunk in stride(from: 0, to: pairs.count, by: Self.chunkHours) {
                if Task.isShuttingDownGracefully { throw CancellationError() }
                let slice = Array(pairs[chunk..<min(chunk + Self.chunkHours, pairs.count)])
                try await recompute(slice)
                done += slice.count
                try await jobs.progress(id: job.id, done: done, total: pairs.count)
                logger.info("rebuild progress", metadata: ["job": "\(job.id)", "done": "\(done)", "total": "\(pairs.count)"])
            }
            try await jobs.finish(id: job.id, status: .done, error: nil, at: time.now)
            logger.info("rebuild finished", metadata: ["job": "\(job.id)", "hours": "\(pairs.count)"])
        } catch is CancellationError {
            // Left "running": claimed again as stale after a restart.
            logger.notice("rebuild interrupted by shutdown", metadata: ["job": "\(job.id)"])
        } catch {
            logger.error("rebuild failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            try? await jobs.finish(id: job.id, status: .failed, error: (error as? any AppError)?.message ?? "internal error", at: time.now)
        }
    }

    /// Every (employee, hour) in range that has raw rows or a rollup (a rollup whose rows vanished must be cleared).
    /// Hours before the retention horizon are left out: their raw rows are gone and their rollups are what remains.
    private func work(for job: RebuildJob) async throws -> [(employee: String, hour: Int64)] {
        let to = job.to.epochMillis
        return try await database.withConnection { db in
            let from = max(job.from.epochMillis, try await PurgeHorizon.firstRecomputableHour(db))
            var pairs = Set<[String]>()
            // Events by their start hour (the key's range) and the later hours they reach.
            let person: SQLQueryString = job.employeeId.map { "AND p.employee_id = \(bind: $0)" } ?? ""
            let events = try await db.raw("""
                SELECT DISTINCT p.employee_id, e.start_ms - (e.start_ms % \(unsafeRaw: String(HourBucket.millis))) AS hour_start
                FROM activity_events e JOIN activity_people p ON p.no = e.person_no
                WHERE e.start_ms >= \(bind: from) AND e.start_ms < \(bind: to) \(person)
                UNION
                SELECT DISTINCT p.employee_id, h.hour_start FROM activity_event_hours h JOIN activity_people p ON p.no = h.person_no
                WHERE h.hour_start >= \(bind: from) AND h.hour_start < \(bind: to) \(person)
                """).all()
            for row in events {
                pairs.insert([try row.decode(column: "employee_id", as: String.self), String(try row.decode(column: "hour_start", as: Int64.self))])
            }
            for table in ["idle_segments", "hourly_rollups"] {
                var query = db.select().distinct().columns("employee_id", "hour_start").from(table)
                    .where("hour_start", .greaterThanOrEqual, from).where("hour_start", .lessThan, to)
                if let employee = job.employeeId { query = query.where("employee_id", .equal, employee) }
                for row in try await query.all() {
                    pairs.insert([try row.decode(column: "employee_id", as: String.self), String(try row.decode(column: "hour_start", as: Int64.self))])
                }
            }
            return pairs.map { ($0[0], Int64($0[1])!) }.sorted { ($0.employee, $0.hour) < ($1.employee, $1.hour) }
        }
    }

    /// Recomputes a chunk in one transaction: its people locked first, then rollups in (hour, organisation shard)
    /// order — every writer takes the shared organisation rows in that order (ingest touches one person, so one
    /// shard, hours ascending), so instances rebuilding and ingesting at once cannot deadlock on them.
    private func recompute(_ pairs: [(employee: String, hour: Int64)]) async throws {
        let rules = self.rules
        let engine = database.engine
        try await database.withTransaction { db in
            // The people of the chunk first (ascending ids), as ingest locks a person before writing their rollups.
            try await db.lockRows(table: "employees", ids: pairs.map(\.employee), engine: engine)
            // A purge may have committed since the work was listed.
            let firstHour = try await PurgeHorizon.firstRecomputableHour(db)
            var scoring: [String: RuleSet.Snapshot] = [:]
            for employee in Set(pairs.map(\.employee)) { scoring[employee] = try await rules.current(db, employeeID: employee) }
            let ordered = pairs.sorted { ($0.hour, $0.employee.prefix(1), $0.employee) < ($1.hour, $1.employee.prefix(1), $1.employee) }
            for (employee, hour) in ordered where hour >= firstHour {
                guard let s = scoring[employee] else { continue }
                try await RollupWriter.recompute(db, employeeID: employee, teamID: s.team, hours: [hour], matcher: s.matcher, rulesVersion: s.version)
            }
        }
    }
}
