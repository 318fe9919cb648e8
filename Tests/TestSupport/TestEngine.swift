import Foundation
import Logging
import Testing
import TrackerEngines

/// The engine matrix: SQLite always; PostgreSQL whenever `POSTGRES_URL` is set (scripts/test always sets it).
public enum TestEngine: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public static var available: [TestEngine] {
        PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var testDescription: String { rawValue }

    /// Fresh, isolated settings: a new SQLite file, or a new PostgreSQL schema with its own application_name
    /// (so `pg_stat_activity` counts only this test's connections).
    public func freshSettings(_ configure: (inout DatabaseSettings) -> Void = { _ in }) async throws -> DatabaseSettings {
        let tag = UUID().uuidString.prefix(8).lowercased()
        var settings: DatabaseSettings
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pt-tests/\(tag)")
            settings = DatabaseSettings(target: .sqlite(path: dir.appendingPathComponent("tracker.sqlite").path))
        case .postgres:
            guard let url = PostgresTestServer.url else { throw PostgresTestServer.NotConfigured() }
            var target = try PostgresTarget.parse(url)
            let schema = "t_\(tag)"
            try await PostgresTestServer.execute("CREATE SCHEMA \(schema)")
            target.startupParameters["search_path"] = schema
            settings = DatabaseSettings(target: .postgres(target))
        }
        settings.applicationName = "pt-test-\(tag)"
        settings.poolMaximum = 4
        settings.acquireTimeout = .seconds(2)
        settings.connectTimeout = .seconds(2)
        configure(&settings)
        return settings
    }
}

public extension Logger {
    /// A quiet logger for tests (warnings and worse).
    static var test: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }
}
