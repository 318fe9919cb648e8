/// Every configuration key: its swift-configuration key (nested in a config file, e.g. `{"db":{"pool":{"size":4}}}`),
/// and the environment variable it reads (swift-configuration's mapping: dots → `_`, camelCase → `_`, upper-cased).
public enum ConfigKeys {
    public struct Key: Sendable, Hashable {
        public let path: String
        public let environment: String
        public let meaning: String
        public let defaultValue: String
        public let isSecret: Bool
    }

    public static let host = Key(path: "tracker.host", environment: "TRACKER_HOST",
                                 meaning: "Address the HTTP server binds to", defaultValue: "127.0.0.1", isSecret: false)
    public static let port = Key(path: "tracker.port", environment: "TRACKER_PORT",
                                 meaning: "HTTP port (1–65535)", defaultValue: "8080", isSecret: false)
    public static let databaseURL = Key(path: "database.url", environment: "DATABASE_URL",
                                        meaning: "PostgreSQL URL; absent → embedded SQLite", defaultValue: "(absent)", isSecret: true)
    public static let sqlitePath = Key(path: "tracker.sqlitePath", environment: "TRACKER_SQLITE_PATH",
                                       meaning: "SQLite file (directory created)", defaultValue: "./data/tracker.sqlite", isSecret: false)
    public static let poolSize = Key(path: "db.pool.size", environment: "DB_POOL_SIZE",
                                     meaning: "Pool maximum (SQLite: reader connections, max 8, plus one writer)", defaultValue: "10", isSecret: false)
    public static let poolMin = Key(path: "db.pool.min", environment: "DB_POOL_MIN",
                                    meaning: "Connections kept open when idle; 0 opens none at start", defaultValue: "0", isSecret: false)
    public static let acquireTimeout = Key(path: "db.acquire.timeout", environment: "DB_ACQUIRE_TIMEOUT",
                                           meaning: "Seconds a request waits for a connection before 503", defaultValue: "2", isSecret: false)
    public static let maxWaiters = Key(path: "db.max.waiters", environment: "DB_MAX_WAITERS",
                                       meaning: "Requests that may wait for a connection; beyond it 503 at once", defaultValue: "256", isSecret: false)
    public static let idleTimeout = Key(path: "db.idle.timeout", environment: "DB_IDLE_TIMEOUT",
                                        meaning: "Seconds before an idle connection above the minimum closes", defaultValue: "60", isSecret: false)
    public static let leaseWarning = Key(path: "db.lease.warning", environment: "DB_LEASE_WARNING",
                                         meaning: "Seconds a connection may be held before a warning is logged", defaultValue: "10", isSecret: false)
    public static let connectTimeout = Key(path: "db.connect.timeout", environment: "DB_CONNECT_TIMEOUT",
                                           meaning: "Seconds one connection attempt may take", defaultValue: "5", isSecret: false)
    public static let instances = Key(path: "db.instances", environment: "DB_INSTANCES",
                                      meaning: "Server instances sharing the database (budget check)", defaultValue: "1", isSecret: false)
    public static let poolerServerConnections = Key(
        path: "db.pooler.server.connections", environment: "DB_POOLER_SERVER_CONNECTIONS",
        meaning: "Behind a transaction pooler (PgBouncer): the server connections it may open (its pool size); the budget checks this instead of instances × pool",
        defaultValue: "0 (no pooler)", isSecret: false)
    public static let budgetPolicy = Key(path: "db.budget.policy", environment: "DB_BUDGET_POLICY",
                                         meaning: "warn | refuse when instances × pool > max_connections − reserved", defaultValue: "warn", isSecret: false)
    public static let applicationName = Key(path: "db.application.name", environment: "DB_APPLICATION_NAME",
                                            meaning: "application_name shown in pg_stat_activity", defaultValue: "productivity-tracker", isSecret: false)
    public static let logLevel = Key(path: "tracker.log.level", environment: "TRACKER_LOG_LEVEL",
                                     meaning: "trace | debug | info | notice | warning | error | critical", defaultValue: "info", isSecret: false)
    public static let migrateOnStart = Key(path: "tracker.migrate.onStart", environment: "TRACKER_MIGRATE_ON_START",
                                           meaning: "Apply migrations at start-up", defaultValue: "on (SQLite) / off (PostgreSQL)", isSecret: false)
    public static let shutdownTimeout = Key(path: "tracker.shutdown.timeout", environment: "TRACKER_SHUTDOWN_TIMEOUT",
                                            meaning: "Seconds SIGTERM waits for in-flight requests", defaultValue: "30", isSecret: false)

    public static let jwtSecret = Key(path: "tracker.jwt.secret", environment: "TRACKER_JWT_SECRET",
                                      meaning: "Access-token signing key, ≥ 32 bytes; required with PostgreSQL", defaultValue: "SQLite: generated into <data dir>/jwt-signing.key", isSecret: true)
    public static let accessLogRetentionDays = Key(path: "tracker.accessLog.retentionDays", environment: "TRACKER_ACCESS_LOG_RETENTION_DAYS",
                                                   meaning: "Days access-log entries are kept (deleted hourly after that)", defaultValue: "400", isSecret: false)
    public static let retentionRawDays = Key(path: "tracker.retention.rawDays", environment: "TRACKER_RETENTION_RAW_DAYS",
                                             meaning: "Days raw events and idle periods are kept (rollups are kept forever); more than the backfill window; 0 = forever", defaultValue: "395", isSecret: false)
    public static let retentionIdleNoteDays = Key(path: "tracker.retention.idleNoteDays", environment: "TRACKER_RETENTION_IDLE_NOTE_DAYS",
                                                  meaning: "Days the notes on idle periods are kept (the classification stays); 0 = forever", defaultValue: "365", isSecret: false)
    public static let httpIdleTimeout = Key(path: "tracker.http.idleTimeout", environment: "TRACKER_HTTP_IDLE_TIMEOUT",
                                        meaning: "Seconds a connection may stay idle, or sit on a half-sent request, before it is closed", defaultValue: "60", isSecret: false)
    public static let trustedProxies = Key(path: "tracker.trustedProxies", environment: "TRACKER_TRUSTED_PROXIES",
                                           meaning: "Reverse proxies (comma-separated IPs or CIDRs) whose X-Forwarded-For / Forwarded headers name the client", defaultValue: "none", isSecret: false)
    public static let bcryptCost = Key(path: "tracker.bcrypt.cost", environment: "TRACKER_BCRYPT_COST",
                                       meaning: "bcrypt cost for passwords (4–31)", defaultValue: "12", isSecret: false)
    public static let accessTokenTTL = Key(path: "tracker.accessToken.ttl", environment: "TRACKER_ACCESS_TOKEN_TTL",
                                           meaning: "Access-token lifetime in seconds", defaultValue: "900", isSecret: false)
    public static let deviceAuthCache = Key(path: "tracker.deviceAuth.cacheSeconds", environment: "TRACKER_DEVICE_AUTH_CACHE_SECONDS",
                                            meaning: "Seconds a device-token check is trusted; the latest a revocation made on another instance takes effect here (0 = check every request)", defaultValue: "5", isSecret: false)
    public static let refreshTokenTTL = Key(path: "tracker.refreshToken.ttl", environment: "TRACKER_REFRESH_TOKEN_TTL",
                                            meaning: "Refresh-token lifetime in seconds", defaultValue: "2592000 (30 days)", isSecret: false)

    public static let maxBatchEvents = Key(path: "tracker.ingest.maxBatchEvents", environment: "TRACKER_INGEST_MAX_BATCH_EVENTS",
                                           meaning: "Most events in one POST /api/activities (413 above)", defaultValue: "5000", isSecret: false)
    public static let backfillDays = Key(path: "tracker.ingest.backfillDays", environment: "TRACKER_INGEST_BACKFILL_DAYS",
                                         meaning: "How many days back events and idle periods are accepted", defaultValue: "30", isSecret: false)

    public static let maxRangeDays = Key(path: "tracker.analytics.maxRangeDays", environment: "TRACKER_ANALYTICS_MAX_RANGE_DAYS",
                                         meaning: "Longest dashboard, trend or team-metrics range in days (400 above it)", defaultValue: "400", isSecret: false)
    public static let demo = Key(path: "tracker.demo", environment: "TRACKER_DEMO",
                                 meaning: "On a database with nobody in it, generate a demo organisation (25 people × 14 days) at start-up", defaultValue: "false", isSecret: false)

    public static let flagsEvaluate = Key(path: "tracker.flags.evaluate", environment: "TRACKER_FLAGS_EVALUATE",
                                          meaning: "Evaluate flag rules in the background; when off, changes are still recorded and evaluated once it is on again",
                                          defaultValue: "true", isSecret: false)
    public static let workers = Key(path: "tracker.workers", environment: "TRACKER_WORKERS",
                                    meaning: "Run the background workers (rebuild queue, optimiser jobs, webhook delivery, attendance, retention, flags); off, this instance only serves requests and queued work waits for an instance with them on",
                                    defaultValue: "true", isSecret: false)

    public static let awQueryTimeout = Key(path: "tracker.aw.queryTimeoutMs", environment: "TRACKER_AW_QUERY_TIMEOUT_MS",
                                           meaning: "Milliseconds one ActivityWatch query (POST /api/0/query/) may run before it is stopped with a 400",
                                           defaultValue: "10000", isSecret: false)
    public static let awQueryMaxEvents = Key(path: "tracker.aw.queryMaxEvents", environment: "TRACKER_AW_QUERY_MAX_EVENTS",
                                             meaning: "Most events one ActivityWatch query may hold in all its variables together (its memory bound), and one export or import; steps are 50× this",
                                             defaultValue: "500000", isSecret: false)

    public static let webIdleMinutes = Key(path: "tracker.web.idleMinutes", environment: "TRACKER_WEB_IDLE_MINUTES",
                                           meaning: "Minutes a web session may stay unused after its access token expired before it is signed out (so it ends this long, up to the access-token lifetime more, after the last page view)",
                                           defaultValue: "30", isSecret: false)
    public static let webSecureCookies = Key(path: "tracker.web.secureCookies", environment: "TRACKER_WEB_SECURE_COOKIES",
                                             meaning: "Mark the web session's cookies Secure (turn on when browsers reach the server over HTTPS; a proxy sending X-Forwarded-Proto: https turns it on per request)",
                                             defaultValue: "false", isSecret: false)

    public static let all: [Key] = [
        host, port, databaseURL, sqlitePath, poolSize, poolMin, acquireTimeout, maxWaiters, idleTimeout,
        leaseWarning, connectTimeout, instances, poolerServerConnections, budgetPolicy, applicationName, logLevel, migrateOnStart, shutdownTimeout,
        jwtSecret, accessLogRetentionDays, retentionRawDays, retentionIdleNoteDays, httpIdleTimeout, trustedProxies, bcryptCost, accessTokenTTL, deviceAuthCache, refreshTokenTTL, maxBatchEvents, backfillDays, maxRangeDays, demo,
        flagsEvaluate, workers, awQueryTimeout, awQueryMaxEvents, webIdleMinutes, webSecureCookies,
    ]
}
