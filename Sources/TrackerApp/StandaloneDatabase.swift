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
    let engine = EngineFactory.make(settings: config.database, metrics: metrics, logger: logger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await engine.service.run()
            return nil
        }
        group.addTask { try await body(engine) }
        defer { group.cancelAll() }
        while let result = try await group.next() {
            if let result {
                group.cancelAll()
                // Wait for the engine to close its connections before returning.
                while try await group.next() != nil {}
                return result
            }
        }
        throw CancellationError()
    }
}
