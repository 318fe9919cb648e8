import ArgumentParser
import Foundation
import Logging
import TrackerApp

/// Options every command shares. Each overrides the environment variable named in its help.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "JSON config file (TRACKER_CONFIG_FILE).")
    var config: String?

    @Option(name: .long, help: "PostgreSQL URL (DATABASE_URL); absent → embedded SQLite.")
    var databaseURL: String?

    @Option(name: .long, help: "SQLite file (TRACKER_SQLITE_PATH), default ./data/tracker.sqlite.")
    var sqlitePath: String?

    @Option(name: .long, help: "Pool maximum (DB_POOL_SIZE), default 10.")
    var poolSize: String?

    @Option(name: .long, help: "Log level (TRACKER_LOG_LEVEL): trace … critical, default info.")
    var logLevel: String?

    var flags: [String: String] {
        var flags: [String: String] = [:]
        flags[ConfigKeys.databaseURL.path] = databaseURL
        flags[ConfigKeys.sqlitePath.path] = sqlitePath
        flags[ConfigKeys.poolSize.path] = poolSize
        flags[ConfigKeys.logLevel.path] = logLevel
        return flags
    }

    /// Loads and validates the configuration; on an invalid value prints one line naming the key and exits 2.
    func load(extra: [String: String] = [:]) async throws -> AppConfiguration {
        do {
            return try await ConfigurationLoader.load(flags: flags.merging(extra) { _, new in new }, configFile: config)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("productivity-tracker: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    func logger(_ config: AppConfiguration) -> Logger {
        var logger = Logger(label: "productivity-tracker")
        logger.logLevel = config.logLevel
        return logger
    }
}
