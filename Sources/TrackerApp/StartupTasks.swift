import Auth
import Logging
import ServiceLifecycle
import TrackerEngines
import TrackerStore

/// Start-up work that needs the database: the connection-budget check (PostgreSQL) and, when configured,
/// migrations. The server must start even when the database is down, so this is tried once before the server
/// accepts traffic and, if the database is unreachable then, retried in the background until it succeeds.
/// A budget over the limit with policy `refuse` stops the process.
final class StartupTasks: Service {
    private let engine: DatabaseEngine
    private var database: any Database { engine.database }
    private let config: AppConfiguration
    private let readiness: ReadinessState
    private let directory: any DirectoryRepository
    private let logger: Logger
    private let retryInterval: Duration
    private let demo: DemoOnFirstRun?
    /// Set when an attempt has done everything (background evaluators wait for it).
    let finished = StartupSignal()

    init(engine: DatabaseEngine, config: AppConfiguration, readiness: ReadinessState, directory: any DirectoryRepository, logger: Logger,
         demo: DemoOnFirstRun? = nil, retryInterval: Duration = .seconds(1)) {
        self.demo = demo
        self.engine = engine
        self.config = config
        self.readiness = readiness
        self.directory = directory
        self.logger = logger
        self.retryInterval = retryInterval
    }

    /// One attempt at a time: the pre-server attempt and the background retries never overlap.
    private let gate = AttemptGate()

    /// One attempt; true when everything is done. Throws only for fatal outcomes (budget refused, broken migration).
    func attempt() async throws -> Bool {
        try await gate.run { try await self.attemptOnce() }
    }

    private func attemptOnce() async throws -> Bool {
        do {
            try await checkBudget()
            if config.migrateOnStart {
                let applied = try await Migrator(database: database, logger: logger).migrate()
                if !applied.isEmpty { logger.info("migrations applied at start-up", metadata: ["count": "\(applied.count)"]) }
                // Only here: with migrations off, start-up must not touch the pool at all (minimum 0 means 0).
                try await demo?.runIfEmpty()
                try await adviseFirstAdmin()
                // Last: ready means start-up is done with the pool, not merely that the schema is current.
                readiness.markMigrationsCurrent()
            }
            finished.markDone()
            return true
        } catch let error as DatabaseError {
            guard case .unavailable = error else { throw error }
            logger.warning("database unavailable at start-up; will retry in the background", metadata: ["reason": "\(error.code)"])
            return false
        }
    }

    /// A fresh installation has nobody who can sign in: say how to create the first administrator.
    private func adviseFirstAdmin() async throws {
        guard try await directory.activeAdminCount() == 0 else { return }
        logger.notice(
            "no administrator yet: create one with `productivity-tracker admin create --email you@example.com --name \"Your Name\"` (reads the password from a prompt, or from stdin with --password-stdin)"
        )
    }

    private func checkBudget() async throws {
        guard let report = try await engine.measureBudget(logger: logger) else { return }
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
        // The pre-server attempt (beforeServerStarts) usually finishes the job; this only retries after it.
        var done = try await attempt()
        while !done && !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: retryInterval)
            done = try await attempt()
        }
        // A service that returns ends the whole group; stay until shutdown.
        try? await gracefulShutdown()
    }
}

/// Serialises async attempts and remembers success: later callers get `true` without running again,
/// concurrent callers wait for the attempt in flight.
private actor AttemptGate {
    private var done = false
    private var inFlight: Task<Bool, any Error>?

    func run(_ attempt: @escaping @Sendable () async throws -> Bool) async throws -> Bool {
        if done { return true }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await attempt() }
        inFlight = task
        defer { inFlight = nil }
        // The attempt is a Task so concurrent callers can share it; cancelling the caller (shutdown) cancels it,
        // so it never outlives the service.
        let result = try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        done = result
        return result
    }
}
