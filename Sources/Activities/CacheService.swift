import Foundation
import Hummingbird
import SQLKit
import TrackerCore
import TrackerStore

/// The state of the rollups ("the cache"): coverage, freshness against the rules, row counts and rebuild jobs.
public struct CacheService: Sendable {
    public struct Status: ResponseEncodable, Sendable {
        public var rulesVersion: Int64
        public var rollupHours: Int
        public var appRollupRows: Int
        public var events: Int
        public var idlePeriods: Int
        /// First and last hour with a rollup.
        public var coverageFrom: Date?
        public var coverageTo: Date?
        /// Rollup hours scored with older rules (waiting for a rebuild).
        public var staleHours: Int
        public var pendingJobs: Int
        /// How long the oldest waiting or running job has waited, in seconds (0 when none).
        public var lagSeconds: Double
        public var recentJobs: [RebuildJob]
    }

    private let database: any Database
    private let jobs: SQLRebuildJobRepository
    private let time: TimeSource

    init(database: any Database, doorbell: Doorbell, time: TimeSource) {
        self.database = database
        self.jobs = SQLRebuildJobRepository(database: database, doorbell: doorbell)
        self.time = time
    }

    public func status() async throws -> Status {
        let recent = try await jobs.recent(limit: 10)
        return try await database.withConnection { db in
            func count(_ table: String) async throws -> Int {
                try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(table).first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            let version = try await RuleSet.version(db)
            let coverage = try await db.select()
                .column(SQLFunction("min", args: SQLIdentifier("hour_start")), as: "lo")
                .column(SQLFunction("max", args: SQLIdentifier("hour_start")), as: "hi")
                .from("hourly_rollups").first()
            let stale = try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("hourly_rollups")
                .where("rules_version", .lessThan, version).first()?.decode(column: "n", as: Int.self) ?? 0
            let waiting = try await db.select()
                .column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .column(SQLFunction("min", args: SQLIdentifier("created_at")), as: "oldest")
                .from("rebuild_jobs").where("status", .in, ["pending", "running"]).first()
            let oldest = try waiting?.decode(column: "oldest", as: Int64?.self)
            return Status(
                rulesVersion: version,
                rollupHours: try await count("hourly_rollups"),
                appRollupRows: try await count("hourly_app_rollups"),
                events: try await count("activity_events"),
                idlePeriods: try await count("idle_periods"),
                coverageFrom: try coverage?.decode(column: "lo", as: Int64?.self).map { Date(epochMillis: $0) },
                coverageTo: try coverage?.decode(column: "hi", as: Int64?.self).map { Date(epochMillis: $0 + HourBucket.millis) },
                staleHours: stale,
                pendingJobs: try waiting?.decode(column: "n", as: Int.self) ?? 0,
                lagSeconds: oldest.map { max(0, time.now.timeIntervalSince1970 - Double($0)) } ?? 0,
                recentJobs: recent
            )
        }
    }

    /// The latest rebuild jobs, newest first (without the counts `status()` makes).
    public func recentJobs(limit: Int) async throws -> [RebuildJob] { try await jobs.recent(limit: limit) }

    public func job(id: String) async throws -> RebuildJob {
        guard let job = try await jobs.job(id: id) else { throw Self.jobNotFound }
        return job
    }

    static let jobNotFound = SimpleAppError(.notFound, code: "job_not_found", message: "No such rebuild job.")

    /// Queues a rebuild of `[from, to)` (whole hours), optionally for one employee.
    public func rebuild(from: Date?, to: Date?, employeeID: String?) async throws -> RebuildJob {
        let start = HourBucket.floor(from?.epochMillis ?? 0)
        let end = to.map { HourBucket.floor($0.epochMillis + HourBucket.millis - 1) } ?? (time.now.epochMillis + 48 * HourBucket.millis)
        guard end > start else { throw SimpleAppError.invalid("to", "must be after from") }
        return try await jobs.enqueue(employeeID: employeeID, fromHour: start, toHour: end, reason: "requested", at: time.now)
    }
}
