import Logging
import CoreMetrics
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle
import Synchronization
import TrackerStore

/// The PostgreSQL `Database`: one `PostgresClient` (the pool), plus what it lacks — an acquire deadline, a bound on
/// waiting requests, gauges, a lease-held warning, error translation and a prompt recovery after an outage
/// (`PoolRecovery`). Run it as a `Service`: the client only leases connections while `run()` is running, and
/// stopping `run()` closes every connection.
public final class PostgresEngine: Database, Service {
    public let engine = DatabaseEngineKind.postgres
    /// The pool in use; replaced (never more than one in use) when `PoolRecovery` finds it backed off.
    private let current: Mutex<PostgresClient>
    private let runs = ClientRuns()
    private let configuration: PostgresClient.Configuration
    private let background: Logger
    private let recovery: PoolRecovery
    private let settings: DatabaseSettings
    private let instrumentation: PoolInstrumentation
    private let logger: Logger

    private var client: PostgresClient { current.withLock { $0 } }

    init(target: PostgresTarget, settings: DatabaseSettings, metrics: any MetricsFactory, logger: Logger) {
        self.settings = settings
        self.logger = logger
        let instrumentation = PoolInstrumentation(
            engine: .postgres, maximum: settings.poolMaximum, maxWaiters: settings.maxWaiters, metrics: metrics
        )
        self.instrumentation = instrumentation
        var config = PostgresClient.Configuration(
            host: target.host, port: target.port, username: target.username,
            password: target.password.value, database: target.database, tls: Self.tls(target.tls)
        )
        config.options.minimumConnections = settings.poolMinimum
        config.options.maximumConnections = settings.poolMaximum
        config.options.connectionIdleTimeout = settings.idleTimeout
        config.options.connectTimeout = settings.connectTimeout
        config.options.additionalStartupParameters =
            [("application_name", settings.applicationName)] + target.startupParameters.sorted { $0.key < $1.key }
        var background = logger
        background.handler = PoolEventLogTap(inner: logger.handler, instrumentation: instrumentation)
        self.background = background
        self.configuration = config
        self.current = Mutex(PostgresClient(configuration: config, backgroundLogger: background))
        self.recovery = PoolRecovery(target: target, connectTimeout: settings.connectTimeout, metrics: metrics, logger: logger)
    }

    private static func tls(_ mode: PostgresTarget.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    /// Runs the pool until graceful shutdown (or cancellation), then closes every connection.
    public func run() async throws {
        runs.start(client)
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.watchLeases() }
                group.addTask {
                    await self.recovery.watch(self.instrumentation) { self.replaceClient() }
                }
                // Clients end their own runs on graceful shutdown (they watch for it too).
                try? await gracefulShutdown()
                group.cancelAll()
            }
        } onCancel: {
            runs.cancelAll()
        }
        await runs.waitForAll()
        logger.info("database pool closed", metadata: ["engine": "postgres"])
    }

    /// Swaps in a fresh client (which connects at once) and stops the backed-off one: requests still waiting on
    /// it fail as `503` within their deadline, as they would have anyway.
    private func replaceClient() {
        let fresh = PostgresClient(configuration: configuration, backgroundLogger: background)
        let old = current.withLock { client in
            defer { client = fresh }
            return client
        }
        instrumentation.resetFailing()
        runs.start(fresh)
        runs.stop(old)
    }

    private func watchLeases() async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            instrumentation.warnAboutLongLeases(threshold: settings.leaseWarning, logger: logger)
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    public func poolStatus() -> PoolStatus {
        instrumentation.status()
    }

    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await lease { connection in
            try await body(connection.sql(queryLogLevel: nil, logger: self.logger))
        }
    }

    public func withSingleStatementWrite<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withConnection(body)
    }

    public func withTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await lease { connection in
            let db = connection.sql(queryLogLevel: nil, logger: self.logger)
            try await db.raw("BEGIN").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                // If the connection broke, ROLLBACK fails too; the server discards the transaction anyway.
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Leases a connection within the acquire deadline. PostgresClient itself waits without limit (even while the
    /// server is down), so the wait races a timer; the loser backs off, decided once by `LeaseRace`.
    private func lease<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let retryAfter = settings.retryAfterSeconds
        guard instrumentation.enterWaiting() else {
            throw DatabaseError.unavailable(.tooManyWaiters, retryAfterSeconds: retryAfter)
        }
        let started = ContinuousClock.now
        let instrumentation = self.instrumentation
        let logger = self.logger
        do {
            let value = try await LeaseRace.run(
                timeout: settings.acquireTimeout,
                acquire: { race in
                    try await self.client.withConnection { connection in
                        guard race.claimLease() else { throw LeaseRace.Lost() }
                        let leaseID = instrumentation.leased(after: .now - started)
                        defer { instrumentation.leaseEnded(leaseID) }
                        return try await body(connection)
                    }
                },
                timedOut: { instrumentation.leftWaiting(timedOut: true) },
                failed: { instrumentation.leftWaiting(timedOut: false) }
            )
            guard let value else { throw DatabaseError.unavailable(.acquireTimeout, retryAfterSeconds: retryAfter) }
            return value
        } catch {
            throw DriverErrorTranslator.translate(error, retryAfter: retryAfter, logger: logger)
        }
    }
}
