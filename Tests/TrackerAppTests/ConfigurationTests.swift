import Foundation
import TestSupport
import Testing
import TrackerApp
import TrackerEngines

@Suite("Configuration")
struct ConfigurationTests {
    static let secret = "0123456789abcdef0123456789abcdef-test"

    @Test("defaults match the documented contract")
    func defaults() async throws {
        let config = try await ConfigurationLoader.load(environment: ["TRACKER_JWT_SECRET": Self.secret])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.migrateOnStart == true)
        #expect(config.database.poolMaximum == 10)
        #expect(config.database.poolMinimum == 0)
        #expect(config.database.acquireTimeout == .seconds(2))
        #expect(config.database.maxWaiters == 256)
        #expect(config.database.leaseWarning == .seconds(10))
        #expect(config.database.instances == 1)
        #expect(config.database.budgetPolicy == .warn)
        #expect(config.database.applicationName == "productivity-tracker")
        #expect(config.runWorkers && config.evaluateFlags)
        guard case .sqlite(let path) = config.database.target else { Issue.record("expected SQLite"); return }
        #expect(path == "./data/tracker.sqlite")
    }

    @Test("environment variables are read under their documented names")
    func environment() async throws {
        let config = try await ConfigurationLoader.load(environment: [
            "TRACKER_HOST": "0.0.0.0", "TRACKER_PORT": "9090", "DB_POOL_SIZE": "7", "DB_POOL_MIN": "2",
            "DB_ACQUIRE_TIMEOUT": "0.5", "DB_MAX_WAITERS": "9", "DB_IDLE_TIMEOUT": "30", "DB_LEASE_WARNING": "3",
            "DB_INSTANCES": "3", "DB_BUDGET_POLICY": "refuse", "DB_APPLICATION_NAME": "pt-prod",
            "TRACKER_LOG_LEVEL": "debug", "TRACKER_MIGRATE_ON_START": "false",
            "DATABASE_URL": "postgres://app:s3cret@db.example:6543/tracker?sslmode=require",
            "TRACKER_JWT_SECRET": Self.secret, "TRACKER_BCRYPT_COST": "10", "TRACKER_ACCESS_TOKEN_TTL": "600",
            "TRACKER_INGEST_MAX_BATCH_EVENTS": "100", "TRACKER_INGEST_BACKFILL_DAYS": "7",
            "TRACKER_WORKERS": "false", "TRACKER_FLAGS_EVALUATE": "false",
        ])
        #expect(config.runWorkers == false)
        #expect(config.evaluateFlags == false)
        #expect(config.activity.maxBatchEvents == 100)
        #expect(config.activity.backfillWindowSeconds == 7 * 86_400)
        #expect(config.auth.bcryptCost == 10)
        #expect(config.auth.accessTokenTTL == .seconds(600))
        #expect(config.auth.signingKey.value == Array(Self.secret.utf8))
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 9090)
        #expect(config.database.poolMaximum == 7)
        #expect(config.database.poolMinimum == 2)
        #expect(config.database.acquireTimeout == .milliseconds(500))
        #expect(config.database.maxWaiters == 9)
        #expect(config.database.idleTimeout == .seconds(30))
        #expect(config.database.leaseWarning == .seconds(3))
        #expect(config.database.instances == 3)
        #expect(config.database.budgetPolicy == .refuse)
        #expect(config.database.applicationName == "pt-prod")
        #expect(config.logLevel == .debug)
        #expect(config.migrateOnStart == false)
        guard case .postgres(let target) = config.database.target else { Issue.record("expected PostgreSQL"); return }
        #expect(target.host == "db.example" && target.port == 6543 && target.username == "app")
        #expect(target.password.value == "s3cret" && target.database == "tracker" && target.tls == .require)
        #expect(!target.redactedURL.contains("s3cret"))
    }

    @Test("PostgreSQL defaults to not migrating at start-up")
    func postgresMigrateDefault() async throws {
        let config = try await ConfigurationLoader.load(environment: ["DATABASE_URL": "postgres://u@h/d", "TRACKER_JWT_SECRET": Self.secret])
        #expect(config.migrateOnStart == false)
    }

    @Test("flags beat environment, environment beats the config file")
    func precedence() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pt-config-\(UUID().uuidString).json")
        try Data(#"{"db":{"pool":{"size":3,"min":1}},"tracker":{"port":7000}}"#.utf8).write(to: file)
        let config = try await ConfigurationLoader.load(
            flags: ["db.pool.size": "5"], environment: ["TRACKER_PORT": "7001", "TRACKER_JWT_SECRET": Self.secret], configFile: file.path
        )
        #expect(config.database.poolMaximum == 5)  // flag
        #expect(config.port == 7001)                // environment
        #expect(config.database.poolMinimum == 1)   // file
    }

    static let invalid: [(String, [String: String])] = [
        ("DB_POOL_SIZE", ["DB_POOL_SIZE": "-1"]),
        ("DB_POOL_SIZE", ["DB_POOL_SIZE": "ten"]),
        ("DB_POOL_MIN", ["DB_POOL_SIZE": "2", "DB_POOL_MIN": "3"]),
        ("DATABASE_URL", ["DATABASE_URL": "mysql://root@localhost/db"]),
        ("DATABASE_URL", ["DATABASE_URL": "postgres://"]),
        ("TRACKER_PORT", ["TRACKER_PORT": "70000"]),
        ("TRACKER_PORT", ["TRACKER_PORT": "0"]),
        ("DB_ACQUIRE_TIMEOUT", ["DB_ACQUIRE_TIMEOUT": "-2"]),
        ("DB_MAX_WAITERS", ["DB_MAX_WAITERS": "-5"]),
        ("DB_BUDGET_POLICY", ["DB_BUDGET_POLICY": "maybe"]),
        ("TRACKER_LOG_LEVEL", ["TRACKER_LOG_LEVEL": "loud"]),
        ("TRACKER_MIGRATE_ON_START", ["TRACKER_MIGRATE_ON_START": "sometimes"]),
        ("DB_INSTANCES", ["DB_INSTANCES": "0"]),
        ("TRACKER_JWT_SECRET", ["TRACKER_JWT_SECRET": "too-short"]),
        ("TRACKER_JWT_SECRET", ["DATABASE_URL": "postgres://u@h/d"]),
        ("TRACKER_BCRYPT_COST", ["TRACKER_BCRYPT_COST": "3"]),
        ("TRACKER_INGEST_MAX_BATCH_EVENTS", ["TRACKER_INGEST_MAX_BATCH_EVENTS": "0"]),
        ("TRACKER_INGEST_BACKFILL_DAYS", ["TRACKER_INGEST_BACKFILL_DAYS": "many"]),
        // Raw events purged within the backfill window would let a late event land in an hour already purged.
        ("TRACKER_RETENTION_RAW_DAYS", ["TRACKER_RETENTION_RAW_DAYS": "30"]),
        ("TRACKER_RETENTION_RAW_DAYS", ["TRACKER_RETENTION_RAW_DAYS": "60", "TRACKER_INGEST_BACKFILL_DAYS": "90"]),
        ("TRACKER_RETENTION_IDLE_NOTE_DAYS", ["TRACKER_RETENTION_IDLE_NOTE_DAYS": "-1"]),
    ]

    @Test("each invalid value stops start-up with an error naming its key", arguments: invalid)
    func invalidValues(key: String, environment: [String: String]) async throws {
        var environment = environment
        if environment["TRACKER_JWT_SECRET"] == nil && environment["DATABASE_URL"] == nil {
            environment["TRACKER_JWT_SECRET"] = Self.secret
        }
        if key == "TRACKER_JWT_SECRET" { environment["TRACKER_SQLITE_PATH"] = Self.tempPath() }
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(environment: environment)
        }
        #expect(error?.key == key)
        #expect(error?.description.contains(key) == true)
    }

    static func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pt-cfg-\(UUID().uuidString)/tracker.sqlite").path
    }

    @Test("SQLite without TRACKER_JWT_SECRET: a key file is created once, owner-only, and reused")
    func signingKeyFile() async throws {
        let path = Self.tempPath()
        let first = try await ConfigurationLoader.load(environment: ["TRACKER_SQLITE_PATH": path])
        let keyFile = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("jwt-signing.key").path
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: keyFile).deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        #expect(first.auth.signingKey.value.count >= 32)
        let second = try await ConfigurationLoader.load(environment: ["TRACKER_SQLITE_PATH": path])
        #expect(second.auth.signingKey.value == first.auth.signingKey.value)
        // A key file others can read is refused rather than used.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(environment: ["TRACKER_SQLITE_PATH": path])
        }
        #expect(error?.key == "TRACKER_JWT_SECRET")
    }

    @Test("a malformed DATABASE_URL error never repeats the password")
    func urlErrorHidesPassword() async throws {
        let error = await #expect(throws: ConfigurationError.self) {
            try await ConfigurationLoader.load(environment: ["DATABASE_URL": "postgres://u:hunter2@host:99999/db"])
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test("the real executable refuses an invalid value with one line naming the key and exit code 2")
    func processExitsOnInvalidValue() async throws {
        let server = try ServerProcess(arguments: ["serve"], environment: ["DB_POOL_SIZE": "-3"])
        try server.start()
        let status = await server.waitForExit(timeout: .seconds(20))
        #expect(status == 2)
        let lines = server.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("DB_POOL_SIZE") == true)
    }
}
