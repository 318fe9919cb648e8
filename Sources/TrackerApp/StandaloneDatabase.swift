import CoreMetrics
import Logging
import TrackerEngines
import TrackerStore

/// Runs `body` with the process's one database outside the HTTP server (for `migrate`, `doctor` and other
/// commands): builds the engine, runs its service while `body` runs, then closes every connection.
public func withStandaloneDatabase<T: Sendable>(
    _ config: AppConfiguration,
    logger: Logger,
    metrics: any MetricsFactory = NOOPMetricsHandler.instance,
    _ body: @escaping @Sendable (DatabaseEngine) async throws -> T
) async throws -> T {
    try await EngineFactory.make(settings: config.database, metrics: metrics, logger: logger).whileRunning(body)
}
