import AWCompat
import Auth
import Configuration
import Foundation
import TrackerHTTP
import Logging
import TrackerEngines

/// Reads configuration with precedence command-line flags > environment > config file > defaults, validates every
/// value once, and returns typed settings. Any invalid value throws a `ConfigurationError` naming its key.
public enum ConfigurationLoader {
    /// - Parameters:
    ///   - flags: values from the command line, keyed by `ConfigKeys.Key.path`.
    ///   - environment: the process environment (injectable for tests).
    ///   - configFile: a JSON file path (`--config` or `TRACKER_CONFIG_FILE`); keys nest by their dots.
    public static func load(
        flags: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configFile: String? = nil
    ) async throws -> AppConfiguration {
        var providers: [any ConfigProvider] = []
        // `a..b` and `a.b` name the same key: the first wins rather than the process trapping on a duplicate.
        providers.append(InMemoryProvider(name: "flags", values: Dictionary(flags.sorted { $0.key < $1.key }.map { key, value in
            (AbsoluteConfigKey(key.split(separator: ".").map(String.init)), ConfigValue(.string(value), isSecret: false))
        }, uniquingKeysWith: { first, _ in first })))
        providers.append(EnvironmentVariablesProvider(environmentVariables: environment))
        if let file = configFile ?? environment["TRACKER_CONFIG_FILE"] {
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: .init(file)))
            } catch {
                throw ConfigurationError(key: "TRACKER_CONFIG_FILE", reason: "cannot read JSON config file \(file)")
            }
        }
        return try parse(ValueSource(reader: ConfigReader(providers: providers)))
    }

    static func parse(_ source: ValueSource) throws -> AppConfiguration {
        let target: DatabaseSettings.Target
        if let url = source.string(ConfigKeys.databaseURL), !url.isEmpty {
            do {
                target = .postgres(try PostgresTarget.parse(url))
            } catch let error as PostgresTarget.ParseError {
                throw ConfigurationError(key: ConfigKeys.databaseURL.environment, reason: error.description)
            }
        } else {
            let path = source.string(ConfigKeys.sqlitePath) ?? ConfigKeys.sqlitePath.defaultValue
            guard !path.isEmpty else { throw ConfigurationError(key: ConfigKeys.sqlitePath.environment, reason: "must not be empty") }
            target = .sqlite(path: path)
        }

        var db = DatabaseSettings(target: target)
        db.poolMaximum = try source.int(ConfigKeys.poolSize, default: 10, range: 1...1000)
        db.poolMinimum = try source.int(ConfigKeys.poolMin, default: 0, range: 0...1000)
        guard db.poolMinimum <= db.poolMaximum else {
            throw ConfigurationError(
                key: ConfigKeys.poolMin.environment,
                reason: "must not exceed \(ConfigKeys.poolSize.environment) (\(db.poolMinimum) > \(db.poolMaximum))"
            )
        }
        db.acquireTimeout = try source.seconds(ConfigKeys.acquireTimeout, default: 2, range: 0.01...300)
        db.maxWaiters = try source.int(ConfigKeys.maxWaiters, default: 256, range: 0...100_000)
        db.idleTimeout = try source.seconds(ConfigKeys.idleTimeout, default: 60, range: 1...86_400)
        db.leaseWarning = try source.seconds(ConfigKeys.leaseWarning, default: 10, range: 0.01...86_400)
        db.connectTimeout = try source.seconds(ConfigKeys.connectTimeout, default: 5, range: 0.1...300)
        db.instances = try source.int(ConfigKeys.instances, default: 1, range: 1...1000)
        let pooler = try source.int(ConfigKeys.poolerServerConnections, default: 0, range: 0...100_000)
        db.poolerServerConnections = pooler == 0 ? nil : pooler
        db.budgetPolicy = try source.choice(ConfigKeys.budgetPolicy, default: .warn)
        let appName = source.string(ConfigKeys.applicationName) ?? ConfigKeys.applicationName.defaultValue
        guard !appName.isEmpty, appName.utf8.count <= 63, appName.allSatisfy({ $0.isASCII && !$0.isNewline }) else {
            throw ConfigurationError(key: ConfigKeys.applicationName.environment, reason: "must be 1–63 ASCII characters")
        }
        db.applicationName = appName

        var config = AppConfiguration(
            database: db, migrateOnStart: try source.bool(ConfigKeys.migrateOnStart), auth: try authSettings(source, target: target)
        )
        config.host = source.string(ConfigKeys.host) ?? ConfigKeys.host.defaultValue
        guard !config.host.isEmpty else { throw ConfigurationError(key: ConfigKeys.host.environment, reason: "must not be empty") }
        config.port = try source.int(ConfigKeys.port, default: 8080, range: 1...65535)
        config.logLevel = try source.logLevel(ConfigKeys.logLevel, default: .info)
        config.shutdownTimeout = try source.seconds(ConfigKeys.shutdownTimeout, default: 30, range: 0.1...3600)
        config.activity.maxBatchEvents = try source.int(ConfigKeys.maxBatchEvents, default: 5_000, range: 1...50_000)
        config.activity.backfillWindowSeconds = Int64(try source.int(ConfigKeys.backfillDays, default: 30, range: 1...3_650)) * 86_400
        config.retention.rawDays = try source.int(ConfigKeys.retentionRawDays, default: 395, range: 0...36_500)
        config.retention.idleNoteDays = try source.int(ConfigKeys.retentionIdleNoteDays, default: 365, range: 0...36_500)
        if config.retention.rawDays > 0 && Int64(config.retention.rawDays) * 86_400 <= config.activity.backfillWindowSeconds {
            throw ConfigurationError(key: ConfigKeys.retentionRawDays.environment,
                                     reason: "must exceed \(ConfigKeys.backfillDays.environment) (events accepted late must not land in purged hours), or be 0")
        }
        config.analytics.maxRangeDays = try source.int(ConfigKeys.maxRangeDays, default: 400, range: 1...3_650)
        config.demoOnFirstRun = try source.bool(ConfigKeys.demo) ?? false
        config.evaluateFlags = try source.bool(ConfigKeys.flagsEvaluate) ?? true
        config.runWorkers = try source.bool(ConfigKeys.workers) ?? true
        config.trustedProxies = try trustedProxies(source)
        config.idleTimeout = try source.seconds(ConfigKeys.httpIdleTimeout, default: 60, range: 1...3600)
        config.awQuery = QueryBudget.Limits(
            timeout: .milliseconds(try source.int(ConfigKeys.awQueryTimeout, default: 10_000, range: 100...600_000)),
            maxEvents: try source.int(ConfigKeys.awQueryMaxEvents, default: 500_000, range: 1_000...100_000_000)
        )
        config.web.idleTimeout = .seconds(try source.int(ConfigKeys.webIdleMinutes, default: 30, range: 1...10_080) * 60)
        config.web.secureCookies = try source.bool(ConfigKeys.webSecureCookies) ?? false
        return config
    }

    static func trustedProxies(_ source: ValueSource) throws -> TrustedProxies {
        guard let text = source.string(ConfigKeys.trustedProxies), !text.isEmpty, text != "none" else { return .none }
        let networks = try text.split(separator: ",").map { item -> IPNetwork in
            guard let network = IPNetwork(String(item)) else {
                throw ConfigurationError(key: ConfigKeys.trustedProxies.environment, reason: "'\(item)' is not an IP address or CIDR such as 10.0.0.0/8")
            }
            return network
        }
        guard networks.count <= 64 else { throw ConfigurationError(key: ConfigKeys.trustedProxies.environment, reason: "at most 64 networks") }
        return TrustedProxies(networks)
    }

    static func authSettings(_ source: ValueSource, target: DatabaseSettings.Target) throws -> AuthSettings {
        let key: [UInt8]
        if let secret = source.string(ConfigKeys.jwtSecret), !secret.isEmpty {
            key = Array(secret.utf8)
            guard key.count >= AuthSettings.minimumKeyBytes else {
                throw ConfigurationError(key: ConfigKeys.jwtSecret.environment, reason: "must be at least \(AuthSettings.minimumKeyBytes) bytes")
            }
        } else if case .sqlite(let path) = target {
            let file = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("jwt-signing.key").path
            do {
                key = try SigningKeyFile.loadOrCreate(at: file)
            } catch {
                throw ConfigurationError(key: ConfigKeys.jwtSecret.environment, reason: "not set, and \(file) cannot be read or created (\(error))")
            }
        } else {
            throw ConfigurationError(
                key: ConfigKeys.jwtSecret.environment,
                reason: "required with DATABASE_URL (at least 32 bytes, the same on every instance)"
            )
        }
        var auth = AuthSettings(signingKey: key)
        auth.bcryptCost = try source.int(ConfigKeys.bcryptCost, default: 12, range: 4...31)
        auth.accessTokenTTL = try source.seconds(ConfigKeys.accessTokenTTL, default: 900, range: 30...86_400)
        auth.refreshTokenTTL = try source.seconds(ConfigKeys.refreshTokenTTL, default: 2_592_000, range: 300...31_536_000)
        auth.accessLogRetention = .seconds(try source.int(ConfigKeys.accessLogRetentionDays, default: 400, range: 1...36_500) * 86_400)
        auth.deviceAuthCache = try source.seconds(ConfigKeys.deviceAuthCache, default: 5, range: 0...60)
        return auth
    }
}

/// Typed, validated reads of single keys. Values are read as text whatever the provider holds, so that
/// `DB_POOL_SIZE=abc` is an error rather than a silent fall-back to the default.
struct ValueSource {
    let reader: ConfigReader

    func string(_ key: ConfigKeys.Key) -> String? {
        let configKey = ConfigKey(key.path.split(separator: ".").map(String.init))
        if let text = reader.string(forKey: configKey, isSecret: key.isSecret) { return text.trimmingCharacters(in: .whitespaces) }
        if let number = reader.int(forKey: configKey) { return String(number) }
        if let number = reader.double(forKey: configKey) { return String(number) }
        if let flag = reader.bool(forKey: configKey) { return String(flag) }
        return nil
    }

    func int(_ key: ConfigKeys.Key, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = string(key) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(
                key: key.environment,
                reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
            )
        }
        return number
    }

    func seconds(_ key: ConfigKeys.Key, default value: Double, range: ClosedRange<Double>) throws -> Duration {
        guard let text = string(key) else { return .milliseconds(Int64(value * 1000)) }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw ConfigurationError(
                key: key.environment,
                reason: "must be a number of seconds from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
            )
        }
        return .milliseconds(Int64((number * 1000).rounded()))
    }

    func bool(_ key: ConfigKeys.Key) throws -> Bool? {
        guard let text = string(key)?.lowercased() else { return nil }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(key: key.environment, reason: "must be true or false, got '\(text)'")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: ConfigKeys.Key, default value: T) throws -> T where T.RawValue == String {
        guard let text = string(key) else { return value }
        guard let parsed = T(rawValue: text.lowercased()) else {
            let options = T.allCases.map(\.rawValue).joined(separator: " | ")
            throw ConfigurationError(key: key.environment, reason: "must be one of \(options), got '\(text)'")
        }
        return parsed
    }

    func logLevel(_ key: ConfigKeys.Key, default value: Logger.Level) throws -> Logger.Level {
        guard let text = string(key) else { return value }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigurationError(
                key: key.environment,
                reason: "must be one of trace | debug | info | notice | warning | error | critical, got '\(text)'"
            )
        }
        return level
    }
}
