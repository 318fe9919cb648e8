import Foundation

/// One maintenance task as `/api/system/maintenance` shows it: what, how far, and how it ended.
public struct MaintenanceTask: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Refreshes the query planner's statistics, table by table.
        case analyze
        /// Reclaims space: SQLite rewrites the file (writes wait meanwhile); PostgreSQL vacuums (and analyzes)
        /// table by table without blocking writes.
        case vacuum
        /// Recomputes every rollup still backed by raw events (hours before the retention horizon keep theirs).
        case rebuildRollups = "rebuild-rollups"
    }

    public enum Status: String, Codable, Sendable { case queued, running, done, failed }

    public var id: String
    public var kind: Kind
    public var status: Status
    public var requestedBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Steps done of `totalSteps` (tables, or rebuilt hours); `progress` is their ratio, 0…1.
    public var doneSteps: Int
    public var totalSteps: Int
    public var progress: Double
    /// What it is working on now (a table name), while running.
    public var current: String?
    /// The database's size before and after (vacuum and analyze).
    public var bytesBefore: Int64?
    public var bytesAfter: Int64?
    /// The rollup rebuild job this task follows (`GET /api/cache/jobs/{id}`).
    public var rebuildJobId: String?
    public var error: String?
}

/// How maintenance starts and follows a rollup rebuild (Activities' rebuild queue, handed over by the composition
/// root: SystemControl knows no other feature).
public struct RollupRebuilds: Sendable {
    /// Queues a rebuild of every rollup; returns its job id.
    public var start: @Sendable () async throws -> String
    /// A job's hours done and total, and its end: nil while it runs, else its error (empty when it succeeded).
    public var progress: @Sendable (String) async throws -> (done: Int, total: Int, ended: String?)

    public init(start: @escaping @Sendable () async throws -> String,
                progress: @escaping @Sendable (String) async throws -> (done: Int, total: Int, ended: String?)) {
        self.start = start
        self.progress = progress
    }
}
