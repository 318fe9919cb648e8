import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// The SQL of `optimize_jobs`. Jobs live in the database so any instance may run one another instance queued, and a
/// job's state outlives the process that ran it.
struct OptimizeJobStore: Sendable {
    let database: any Database
    /// A running job whose heartbeat is older than this was interrupted (restart, crash) and is marked failed.
    static let staleAfterMs: Int64 = 30_000
    static let columns = ["id", "requested_by", "team_id", "location_id", "team_ids", "from_ms", "to_ms", "request", "status",
                          "best_hard", "best_medium", "best_soft", "steps", "result", "error", "created_at", "started_at",
                          "heartbeat_at", "finished_at"]

    /// A stored job and the teams its scope covers.
    struct Row: Sendable {
        var job: OptimizeJob
        var teamIDs: [String]
    }

    func insert(_ job: OptimizeJob, teamIDs: [String]) async throws {
        let request = String(decoding: try JSONCoding.encoder.encode(job.request), as: UTF8.self)
        let teams = String(decoding: try JSONCoding.encoder.encode(teamIDs), as: UTF8.self)
        try await database.withSingleStatementWrite { db in
            try await db.insert(into: "optimize_jobs")
                .columns("id", "requested_by", "team_id", "location_id", "team_ids", "from_ms", "to_ms", "request", "status", "created_at")
                .values(SQLBind(job.id), SQLBind(job.requestedBy), SQLBind(job.teamId), SQLBind(job.locationId), SQLBind(teams),
                        SQLBind(job.from.epochMillis), SQLBind(job.to.epochMillis), SQLBind(request), SQLBind(job.status.rawValue),
                        SQLBind(job.createdAt.epochMillis))
                .run()
        }
    }

    func row(id: String, withResult: Bool = true) async throws -> Row? {
        try await database.withConnection { db in
            try await db.select().columns(Self.columns).from("optimize_jobs").where("id", .equal, id).first()
                .map { try Self.row($0, withResult: withResult) }
        }
    }

    /// The newest jobs, of everyone (`requestedBy`/`teams` nil) or of one requester or those teams.
    func recent(requestedBy: String?, teams: [String]?, limit: Int) async throws -> [Row] {
        try await database.withConnection { db in
            var query = db.select().columns(Self.columns).from("optimize_jobs")
            if let requestedBy {
                query = query.where { group in
                    var g = group.where("requested_by", .equal, requestedBy)
                    if let teams, !teams.isEmpty { g = g.orWhere("team_id", .in, teams) }
                    return g
                }
            }
            return try await query.orderBy("created_at", .descending).orderBy("id").limit(limit).all().map { try Self.row($0, withResult: false) }
        }
    }

    func activeCount(requestedBy: String) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM optimize_jobs WHERE requested_by = \(bind: requestedBy) AND status IN ('queued', 'running')
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Takes the oldest queued job for this instance; nil when there is none (or another instance took it first).
    func claim(at now: Int64) async throws -> Row? {
        for _ in 0..<20 {
            let candidate = try await database.withConnection { db in
                try await db.select().column("id").from("optimize_jobs").where("status", .equal, "queued")
                    .orderBy("created_at").orderBy("id").limit(1).first()?.decode(column: "id", as: String.self)
            }
            guard let id = candidate else { return nil }
            let taken = try await database.withSingleStatementWrite { db in
                try await db.update("optimize_jobs").set("status", to: "running").set("started_at", to: now).set("heartbeat_at", to: now)
                    .where("id", .equal, id).where("status", .equal, "queued").returning("id").all()
            }
            if !taken.isEmpty { return try await row(id: id) }
        }
        return nil
    }

    /// The running job's best score, steps and heartbeat; returns whether cancelling was asked for.
    func heartbeat(id: String, best: OptimizeJob.Score?, steps: Int64, at now: Int64) async throws -> Bool {
        let rows = try await database.withSingleStatementWrite { db in
            var update = db.update("optimize_jobs").set("heartbeat_at", to: now).set("steps", to: steps)
            if let best { update = update.set("best_hard", to: best.hard).set("best_medium", to: best.medium).set("best_soft", to: best.soft) }
            return try await update.where("id", .equal, id).where("status", .equal, "running").returning("cancel_requested").all()
        }
        return try rows.first?.decode(column: "cancel_requested", as: Int.self) ?? 1 != 0
    }

    func finish(id: String, status: OptimizeJob.Status, result: OptimizeResult?, steps: Int64, error: String?, at now: Int64) async throws {
        let text = try result.map { String(decoding: try JSONCoding.encoder.encode($0), as: UTF8.self) }
        try await database.withSingleStatementWrite { db in
            var update = db.update("optimize_jobs").set("status", to: status.rawValue).set("result", to: text).set("error", to: error)
                .set("finished_at", to: now).set("steps", to: steps)
            if let score = result?.score {
                update = update.set("best_hard", to: score.hard).set("best_medium", to: score.medium).set("best_soft", to: score.soft)
            }
            try await update.where("id", .equal, id).where("status", .equal, "running").run()
        }
    }

    /// Marks failed every running job whose heartbeat stopped (its instance was restarted or died).
    func failInterrupted(at now: Int64) async throws -> [String] {
        try await database.withSingleStatementWrite { db in
            try await db.update("optimize_jobs").set("status", to: "failed")
                .set("error", to: "interrupted: the server running it stopped; start the job again")
                .set("finished_at", to: now)
                .where("status", .equal, "running").where("heartbeat_at", .lessThan, now - Self.staleAfterMs)
                .returning("id").all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// Cancels a queued job at once, or asks the runner of a running one to stop; false when it had finished.
    func cancel(id: String, at now: Int64) async throws -> Bool {
        try await database.withTransaction { db in
            let queued = try await db.update("optimize_jobs").set("status", to: "cancelled").set("finished_at", to: now)
                .where("id", .equal, id).where("status", .equal, "queued").returning("id").all()
            if !queued.isEmpty { return true }
            let running = try await db.update("optimize_jobs").set("cancel_requested", to: 1)
                .where("id", .equal, id).where("status", .equal, "running").returning("id").all()
            return !running.isEmpty
        }
    }

    static func row(_ row: any SQLRow, withResult: Bool) throws -> Row {
        func date(_ column: String) throws -> Date? { try row.decode(column: column, as: Int64?.self).map(Date.init(epochMillis:)) }
        let request = try JSONCoding.decoder.decode(OptimizeRequest.self, from: Data(try row.decode(column: "request", as: String.self).utf8))
        let teams = (try? JSONCoding.decoder.decode([String].self, from: Data(try row.decode(column: "team_ids", as: String.self).utf8))) ?? []
        let status = OptimizeJob.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed
        var best: OptimizeJob.Score?
        if let hard = try row.decode(column: "best_hard", as: Int64?.self) {
            best = .init(hard: hard, medium: try row.decode(column: "best_medium", as: Int64?.self) ?? 0,
                         soft: try row.decode(column: "best_soft", as: Double?.self) ?? 0)
        }
        let startedAt = try date("started_at"), finishedAt = try date("finished_at"), heartbeat = try date("heartbeat_at")
        var progress = status.finished ? 1.0 : 0.0
        if status == .running, let startedAt, let heartbeat {
            progress = min(0.99, max(0, heartbeat.timeIntervalSince(startedAt) / Double(request.seconds)))
        }
        let result = try withResult ? row.decode(column: "result", as: String?.self).flatMap {
            try JSONCoding.decoder.decode(OptimizeResult.self, from: Data($0.utf8))
        } : nil
        let job = OptimizeJob(
            id: try row.decode(column: "id", as: String.self), status: status, teamId: try row.decode(column: "team_id", as: String?.self),
            locationId: try row.decode(column: "location_id", as: String?.self),
            from: Date(epochMillis: try row.decode(column: "from_ms", as: Int64.self)), to: Date(epochMillis: try row.decode(column: "to_ms", as: Int64.self)),
            request: request, progress: progress, bestScore: best, steps: try row.decode(column: "steps", as: Int64.self),
            error: try row.decode(column: "error", as: String?.self), requestedBy: try row.decode(column: "requested_by", as: String.self),
            createdAt: try date("created_at") ?? Date(epochMillis: 0), startedAt: startedAt, finishedAt: finishedAt, result: result
        )
        return Row(job: job, teamIDs: teams)
    }
}
