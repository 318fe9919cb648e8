import TrackerCore

/// Everything the engine layer needs to build the one pool. Parsed and validated by `TrackerApp`'s
/// configuration loader; defaults here match the documented defaults.
public struct DatabaseSettings: Sendable {
    public enum Target: Sendable {
        /// The embedded default: one file, one writer with group commit, a few readers.
        case sqlite(path: String)
        case postgres(PostgresTarget)
    }

    public enum BudgetPolicy: String, Sendable, CaseIterable {
        /// Log a warning when `instances × maximum` exceeds the server's budget.
        case warn
        /// Refuse to start.
        case refuse
    }

    public var target: Target
    /// Pool maximum (`DB_POOL_SIZE`). For SQLite: the number of reader connections (the writer is extra).
    public var poolMaximum: Int = 10
    /// Connections kept open even when idle (`DB_POOL_MIN`). 0 means nothing is opened at start.
    public var poolMinimum: Int = 0
    /// Longest a request waits for a connection before it gets a 503 (`DB_ACQUIRE_TIMEOUT`).
    public var acquireTimeout: Duration = .seconds(2)
    /// Requests allowed to wait for a connection at once; beyond it they are rejected at once (`DB_MAX_WAITERS`).
    public var maxWaiters: Int = 256
    /// Idle connections above the minimum are closed after this long (`DB_IDLE_TIMEOUT`).
    public var idleTimeout: Duration = .seconds(60)
    /// A lease held longer than this is logged as a warning (`DB_LEASE_WARNING`).
    public var leaseWarning: Duration = .seconds(10)
    /// Longest a connection attempt may take.
    public var connectTimeout: Duration = .seconds(5)
    /// Expected number of server instances sharing the database (`DB_INSTANCES`).
    public var instances: Int = 1
    /// Behind a transaction pooler: the server connections the pooler may open (`DB_POOLER_SERVER_CONNECTIONS`).
    /// Our pools then open client connections to the pooler; the server only ever sees the pooler's.
    public var poolerServerConnections: Int?
    public var budgetPolicy: BudgetPolicy = .warn
    /// Sent to PostgreSQL as `application_name` (`DB_APPLICATION_NAME`).
    public var applicationName: String = "productivity-tracker"
    /// SQLite `busy_timeout`: how long a statement waits for a lock held by another process.
    public var sqliteBusyTimeout: Duration = .seconds(5)

    public init(target: Target) {
        self.target = target
    }

    /// Seconds a client is told to wait (`Retry-After`) when the pool cannot serve it.
    public var retryAfterSeconds: Int {
        max(1, Int((acquireTimeout.components.seconds)))
    }
}

extension DatabaseSettings.Target {
    public var engineName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }
}
