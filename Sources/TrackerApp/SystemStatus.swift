import Foundation
import Hummingbird
import Logging
import SQLKit
import TrackerHTTP
import TrackerStore

/// `GET /api/system/status` (administrators): what this instance is and how its work is going — version, uptime,
/// engine and pool, database size and schema, every background worker with its last run and error, and how much
/// work is queued. When its own reads fail it still answers (`database.reachable` false, sizes and queues null) with
/// the pool figures and the workers' last errors. (With the database wholly down the caller's session cannot be
/// checked either: `/health/ready` and `/metrics` answer then.)
struct SystemStatus: ResponseEncodable {
    struct DatabaseInfo: Codable {
        var engine: String
        var reachable: Bool
        var bytes: Int64?
        var schemaVersion: Int?
        var latestSchemaVersion: Int
        var pendingMigrations: Int?
    }

    struct Workers: Codable {
        /// False on an API-only instance (`TRACKER_WORKERS=false`): queues are then worked by other instances.
        var enabled: Bool
        var items: [WorkerBoard.Entry]
    }

    struct Queue: Codable {
        var name: String
        var queued: Int?
    }

    var version: String
    var build: String
    var startedAt: Date
    var uptimeSeconds: Int
    var database: DatabaseInfo
    var pool: PoolStatus
    var workers: Workers
    var queues: [Queue]
}

struct SystemStatusController {
    let database: any Database
    let board: WorkerBoard
    let workersEnabled: Bool
    let queues: [QueueGauge]
    let startedAt: Date
    let logger: Logger

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("status") { _, context -> SystemStatus in
            _ = try context.requireAdmin()
            return await status()
        }
    }

    func status() async -> SystemStatus {
        let now = Date()
        var info = SystemStatus.DatabaseInfo(engine: database.engine == .sqlite ? "sqlite" : "postgres", reachable: false,
                                             latestSchemaVersion: Migrations.latestVersion)
        var counts: [SystemStatus.Queue] = queues.map { .init(name: $0.name, queued: nil) }
        do {
            let migrator = Migrator(database: database, logger: logger)
            info.schemaVersion = try await migrator.appliedVersions().max() ?? 0
            info.pendingMigrations = try await migrator.pending().count
            info.bytes = try await database.sizeOnDisk()
            info.reachable = true
            for (index, gauge) in queues.enumerated() { counts[index].queued = try? await gauge.count() }
        } catch {
            logger.debug("system status: database not answering", metadata: ["error": "\(String(describing: type(of: error)))"])
        }
        return SystemStatus(
            version: AppVersion.version, build: AppVersion.build, startedAt: startedAt,
            uptimeSeconds: max(0, Int(now.timeIntervalSince(startedAt))), database: info, pool: database.poolStatus(),
            workers: .init(enabled: workersEnabled, items: board.snapshot), queues: counts
        )
    }
}
