import Foundation
import Logging
import SQLKit
import TrackerEngines
import TrackerStore

/// What `productivity-tracker doctor` prints: the effective configuration (secrets masked), the engine and server
/// version, and for PostgreSQL the connection budget. `healthy` is false when the database is unreachable or the
/// budget is exceeded; the command then exits non-zero.
public struct DoctorReport: Sendable {
    public var lines: [String] = []
    public var healthy = true

    public static func run(config: AppConfiguration, logger: Logger) async -> DoctorReport {
        var report = DoctorReport()
        report.lines.append("Configuration (flags > environment > config file > defaults):")
        for (key, value) in effectiveValues(config) {
            report.lines.append("  \(key.environment.padding(toLength: 26, withPad: " ", startingAt: 0)) \(value)")
        }
        do {
            let lines = try await withStandaloneDatabase(config, logger: logger) { engine in
                try await databaseLines(engine, config: config, logger: logger)
            }
            report.lines.append(contentsOf: lines.lines)
            report.healthy = lines.healthy
        } catch {
            report.lines.append("Database: UNREACHABLE (\((error as? DatabaseError)?.message ?? "\(type(of: error))"))")
            report.healthy = false
        }
        return report
    }

    private static func databaseLines(
        _ engine: DatabaseEngine, config: AppConfiguration, logger: Logger
    ) async throws -> (lines: [String], healthy: Bool) {
        var lines: [String] = []
        let db = engine.database
        switch db.engine {
        case .sqlite:
            let version = try await db.withConnection { sql in
                try await sql.raw("SELECT sqlite_version() AS v").first()?.decode(column: "v", as: String.self)
            }
            let mode = try await db.withConnection { sql in
                try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            lines.append("Database: SQLite \(version ?? "?"), journal_mode=\(mode ?? "?")")
            lines.append("Connection budget: not applicable (embedded; one writer + readers in this process)")
            let pending = try await Migrator(database: db, logger: Logger(label: "doctor")).pending()
            lines.append("Migrations: \(pending.isEmpty ? "current" : "\(pending.count) pending")")
            return (lines, true)
        case .postgres:
            guard let report = try await engine.measureBudget(logger: logger) else { return (lines, false) }
            lines.append("Database: PostgreSQL \(report.serverVersion)")
            lines.append("  max_connections                \(report.maxConnections)")
            lines.append("  reserved (superuser + other)   \(report.reservedConnections)")
            lines.append("  connections now (all clients)  \(report.totalConnections)")
            lines.append("  connections now (\(config.database.applicationName))  \(report.applicationConnections) (includes this check's own)")
            lines.append("Connection budget: \(report.verdict)")
            let pending = try await Migrator(database: db, logger: Logger(label: "doctor")).pending()
            lines.append("Migrations: \(pending.isEmpty ? "current" : "\(pending.count) pending")")
            return (lines, report.fits)
        }
    }

    /// Every key with its effective value; secrets masked.
    public static func effectiveValues(_ config: AppConfiguration) -> [(ConfigKeys.Key, String)] {
        let db = config.database
        func secs(_ d: Duration) -> String {
            let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
            return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(Double(ms) / 1000)s"
        }
        var url = "(absent → SQLite)"
        var path = "(unused: PostgreSQL)"
        switch db.target {
        case .sqlite(let p): path = p
        case .postgres(let target): url = target.redactedURL
        }
        return [
            (ConfigKeys.host, config.host), (ConfigKeys.port, "\(config.port)"),
            (ConfigKeys.databaseURL, url), (ConfigKeys.sqlitePath, path),
            (ConfigKeys.poolSize, "\(db.poolMaximum)"), (ConfigKeys.poolMin, "\(db.poolMinimum)"),
            (ConfigKeys.acquireTimeout, secs(db.acquireTimeout)), (ConfigKeys.maxWaiters, "\(db.maxWaiters)"),
            (ConfigKeys.idleTimeout, secs(db.idleTimeout)), (ConfigKeys.leaseWarning, secs(db.leaseWarning)),
            (ConfigKeys.connectTimeout, secs(db.connectTimeout)), (ConfigKeys.instances, "\(db.instances)"),
            (ConfigKeys.poolerServerConnections, db.poolerServerConnections.map(String.init) ?? "none"),
            (ConfigKeys.budgetPolicy, db.budgetPolicy.rawValue), (ConfigKeys.applicationName, db.applicationName),
            (ConfigKeys.logLevel, config.logLevel.rawValue), (ConfigKeys.migrateOnStart, config.migrateOnStart ? "on" : "off"),
            (ConfigKeys.shutdownTimeout, secs(config.shutdownTimeout)),
            (ConfigKeys.jwtSecret, "******"), (ConfigKeys.bcryptCost, "\(config.auth.bcryptCost)"),
            (ConfigKeys.accessTokenTTL, secs(config.auth.accessTokenTTL)), (ConfigKeys.refreshTokenTTL, secs(config.auth.refreshTokenTTL)),
            (ConfigKeys.maxBatchEvents, "\(config.activity.maxBatchEvents)"),
            (ConfigKeys.backfillDays, "\(config.activity.backfillWindowSeconds / 86_400)"),
            (ConfigKeys.retentionRawDays, "\(config.retention.rawDays)"), (ConfigKeys.retentionIdleNoteDays, "\(config.retention.idleNoteDays)"),
        ]
    }
}
