import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Rebuild jobs live in the database, so any instance may run a job another one queued, and a job survives restarts.
struct SQLRebuildJobRepository: Sendable {
    let database: any Database
    /// Rung after every enqueue so this process's rebuild service starts at once.
    let doorbell: Doorbell
    static let columns = ["id", "employee_id", "from_hour", "to_hour", "status", "total_hours", "done_hours", "reason",
                          "created_at", "started_at", "finished_at", "error"]
    /// A job "running" this long without finishing is taken to belong to a dead instance and is claimed again.
    static let staleAfterSeconds: Int64 = 600

    func enqueue(employeeID: String?, fromHour: Int64, toHour: Int64, reason: String, at: Date) async throws -> RebuildJob {
        let id = UUID().uuidString.lowercased()
        try await database.withTransaction { db in
            try await db.insert(into: "rebuild_jobs").columns("id", "employee_id", "from_hour", "to_hour", "status", "reason", "created_at")
                .values(SQLBind(id), SQLBind(employeeID), SQLBind(fromHour), SQLBind(toHour), SQLBind("pending"), SQLBind(reason),
                        SQLBind(Int64(at.timeIntervalSince1970)))
                .run()
        }
        await doorbell.ring()
        return try await job(id: id)!
    }

    func job(id: String) async throws -> RebuildJob? {
        try await database.withConnection { db in
            try await db.select().columns(Self.columns).from("rebuild_jobs").where("id", .equal, id).first().map(Self.job)
        }
    }

    func recent(limit: Int) async throws -> [RebuildJob] {
        try await database.withConnection { db in
            try await db.select().columns(Self.columns).from("rebuild_jobs").orderBy("created_at", .descending).orderBy("id")
                .limit(limit).all().map(Self.job)
        }
    }

    /// Takes the oldest pending job (or a stale running one); nil when there is none.
    func claim(at now: Date) async throws -> RebuildJob? {
        // Another claimer (a second instance, or a caller draining the queue) may take the candidate first: then try
        // the next one. Returning nil on a lost race would leave queued jobs waiting for the next poll.
        for _ in 0..<20 {
            switch try await takeNext(at: now) {
            case .nothingPending: return nil
            case .lostRace: continue
            case .id(let id): if let job = try await job(id: id) { return job }
            }
        }
        return nil
    }

    private enum Taken: Sendable { case nothingPending, lostRace, id(String) }

    private func takeNext(at now: Date) async throws -> Taken {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        return try await database.withTransaction { db -> Taken in
            let candidate = try await db.select().column("id").from("rebuild_jobs")
                .where { $0.where("status", .equal, "pending").orWhere { stale in
                    stale.where("status", .equal, "running").where("started_at", .lessThan, nowSeconds - Self.staleAfterSeconds)
                } }
                .orderBy("created_at").orderBy("id").limit(1).first()
            guard let id = try candidate?.decode(column: "id", as: String.self) else { return .nothingPending }
            let rows = try await db.update("rebuild_jobs").set("status", to: "running").set("started_at", to: nowSeconds)
                .where("id", .equal, id)
                .where { $0.where("status", .equal, "pending").orWhere { $0.where("status", .equal, "running").where("started_at", .lessThan, nowSeconds - Self.staleAfterSeconds) } }
                .returning("id").all()
            return rows.isEmpty ? .lostRace : .id(id)
        }
    }

    func progress(id: String, done: Int, total: Int) async throws {
        try await database.withTransaction { db in
            try await db.update("rebuild_jobs").set("done_hours", to: done).set("total_hours", to: total).where("id", .equal, id).run()
        }
    }

    func finish(id: String, status: RebuildJob.Status, error: String?, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("rebuild_jobs").set("status", to: status.rawValue).set("error", to: error)
                .set("finished_at", to: Int64(at.timeIntervalSince1970)).where("id", .equal, id).run()
        }
    }

    private static func job(_ row: any SQLRow) throws -> RebuildJob {
        func date(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return RebuildJob(
            id: try row.decode(column: "id", as: String.self),
            employeeId: try row.decode(column: "employee_id", as: String?.self),
            from: Date(epochMillis: try row.decode(column: "from_hour", as: Int64.self)),
            to: Date(epochMillis: try row.decode(column: "to_hour", as: Int64.self)),
            status: RebuildJob.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            totalHours: try row.decode(column: "total_hours", as: Int.self),
            doneHours: try row.decode(column: "done_hours", as: Int.self),
            reason: try row.decode(column: "reason", as: String.self),
            createdAt: try date("created_at") ?? Date(timeIntervalSince1970: 0),
            startedAt: try date("started_at"), finishedAt: try date("finished_at"),
            error: try row.decode(column: "error", as: String?.self)
        )
    }
}
