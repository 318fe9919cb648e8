import Logging
import ServiceLifecycle
import TrackerEngines
import TrackerStore

/// Start-up work that needs the database: the connection-budget check (PostgreSQL) and, when configured,
/// migrations. The server must start even when the database is down, so this is tried once before the server
/// accepts traffic and, if the database is unreachable then, retried in the background until it succeeds.
/// A budget over the limit with policy `refuse` stops the process.
final class StartupTasks: Service {
    private let database: any Database
    private let config: AppConfiguration
    private let readiness: ReadinessState
    private let logger: Logger
    private let retryInterval: Duration

    init(database: any Database, config: AppConfiguration, readiness: ReadinessState, logger: Logger,
         retryInterval: Duration = .seconds(1)) {
        self.database = database
        self.config = config
        self.readiness = readiness
        self.logger = logger
        self.retryInterval = retryInterval
    }

    /// One attempt; true when everything is done. Throws only for fatal outcomes (budget refused, broken migration).
    func attempt() async throws -> Bool {
        do {
            if database.engine == .postgres { try await checkBudget() }
            if config.migrateOnStart {
                let applied = try await Migrator(database: database, logger: logger).migrate()
                if !applied.isEmpty { logger.info("migrations applied at start-up", metadata: ["count": "\(applied.count)"]) }
                readiness.markMigrationsCurrent()
            }
            return true
        } catch let error as DatabaseError {
            guard case .unavailable = error else { throw error }
            logger.warning("database unavailable at start-up; will retry in the background", metadata: ["reason": "\(error.code)"])
            return false
        }
    }

    private func checkBudget() async throws {
        let report = try await ConnectionBudget.measure(database: database, settings: config.database)
        let metadata: Logger.Metadata = [
            "maxConnections": "\(report.maxConnections)", "reserved": "\(report.reservedConnections)",
            "instances": "\(report.instances)", "poolMaximum": "\(report.poolMaximum)",
        ]
        if report.fits {
            logger.info("connection budget OK: \(report.verdict)", metadata: metadata)
        } else if config.database.budgetPolicy == .refuse {
            logger.critical("connection budget exceeded: \(report.verdict)", metadata: metadata)
            throw ConfigurationError(key: ConfigKeys.poolSize.environment, reason: "connection budget exceeded: \(report.verdict)")
        } else {
            logger.warning("connection budget exceeded: \(report.verdict)", metadata: metadata)
        }
    }

    func run() async throws {
        var done = try await attempt()
        while !done && !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: retryInterval)
            done = try await attempt()
        }
        // A service that returns ends the whole group; stay until shutdown.
        try? await gracefulShutdown()
    }
}
