import AWCompat
import Activities
import Analytics
import Auth
import Connecteam
import Logging
import SystemControl
import TrackerHTTP
import TrackerEngines
import Web

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
    public var auth: AuthSettings
    public var activity = ActivitySettings()
    public var analytics = AnalyticsSettings()
    /// Bounds of one ActivityWatch query (`TRACKER_AW_QUERY_TIMEOUT_MS`, `TRACKER_AW_QUERY_MAX_EVENTS`).
    public var awQuery = QueryBudget.Limits()
    public var retention = RetentionSettings()
    /// The web interface's session settings (`TRACKER_WEB_…`).
    public var web = WebSettings()
    /// How hard Connecteam calls are retried (tests shorten the waits).
    public var connecteamRetry = ConnecteamRetryPolicy()
    /// Generate demo data at start-up when the database has nobody in it (`serve --demo`).
    public var demoOnFirstRun = false
    /// Run the flag evaluator (`TRACKER_FLAGS_EVALUATE`). Off, change marks keep accumulating and are evaluated once
    /// it is on again; tests of other features turn it off so they do not pay for it.
    public var evaluateFlags = true
    /// Run the background workers at all (`TRACKER_WORKERS`): queues are leased, so any number of instances may run
    /// them; an instance with them off only serves requests (and leaves the pool wholly to them).
    public var runWorkers = true
    /// Reverse proxies whose forwarding headers are believed (`TRACKER_TRUSTED_PROXIES`).
    public var trustedProxies = TrustedProxies.none
    /// An idle connection, or one whose request head has not fully arrived, is closed after this (slow-loris).
    public var idleTimeout: Duration = .seconds(60)
    /// Size of that demo organisation (tests make it small).
    public var demoEmployees = 25
    public var demoDays = 14

    /// - Parameter auth: defaults to a random signing key (tokens then die with the process); the loader always
    ///   sets a persistent one.
    public init(database: DatabaseSettings, migrateOnStart: Bool? = nil, auth: AuthSettings? = nil) {
        self.database = database
        self.auth = auth ?? AuthSettings(signingKey: (0..<48).map { _ in UInt8.random(in: .min ... .max) })
        if case .sqlite = database.target {
            self.migrateOnStart = migrateOnStart ?? true
        } else {
            self.migrateOnStart = migrateOnStart ?? false
        }
    }
}
