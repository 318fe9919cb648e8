import CoreMetrics
import Logging
import ServiceLifecycle
import TrackerStore

/// The one database of a process: the `Database` that repositories use, and the `Service` that must run
/// (in the ServiceGroup, before the HTTP server starts and after it stops) for it to serve connections.
public struct DatabaseEngine: Sendable {
    public let database: any Database
    public let service: any Service
    public let settings: DatabaseSettings

    public init(database: any Database, service: any Service, settings: DatabaseSettings) {
        self.database = database
        self.service = service
        self.settings = settings
    }
}

public enum EngineFactory {
    /// Builds the pool for `settings`. Opens no connection: PostgreSQL connects on first demand (or up to the
    /// configured minimum once the service runs), SQLite opens its file on first use or when the service starts.
    /// Call once per process, from the composition root.
    public static func make(settings: DatabaseSettings, metrics: any MetricsFactory, logger: Logger) -> DatabaseEngine {
        switch settings.target {
        case .sqlite(let path):
            let engine = SQLiteEngine(path: path, settings: settings, metrics: metrics, logger: logger)
            return DatabaseEngine(database: engine, service: engine, settings: settings)
        case .postgres(let target):
            let engine = PostgresEngine(target: target, settings: settings, metrics: metrics, logger: logger)
            return DatabaseEngine(database: engine, service: engine, settings: settings)
        }
    }
}

extension DatabaseEngine {
    /// Runs `body` while the engine's service runs (outside a ServiceGroup: CLI commands, tests), then stops the
    /// service, which closes every connection before this returns.
    public func whileRunning<T: Sendable>(_ body: @escaping @Sendable (DatabaseEngine) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.service.run()
                return nil
            }
            group.addTask { try await body(self) }
            while let result = try await group.next() {
                if let result {
                    group.cancelAll()
                    while try await group.next() != nil {}
                    return result
                }
            }
            throw CancellationError()
        }
    }
}
