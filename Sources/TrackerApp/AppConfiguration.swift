import Logging
import TrackerEngines

/// The validated configuration of one process. Built once at start-up by `ConfigurationLoader`.
public struct AppConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var logLevel: Logger.Level = .info
    /// Apply pending migrations before accepting traffic (default: on for SQLite, off for PostgreSQL).
    public var migrateOnStart: Bool
    /// Longest a graceful shutdown waits for in-flight requests before cancelling them.
    public var shutdownTimeout: Duration = .seconds(30)
    public var database: DatabaseSettings

    public init(database: DatabaseSettings, migrateOnStart: Bool? = nil) {
        self.database = database
        if case .sqlite = database.target {
            self.migrateOnStart = migrateOnStart ?? true
        } else {
            self.migrateOnStart = migrateOnStart ?? false
        }
    }
}
