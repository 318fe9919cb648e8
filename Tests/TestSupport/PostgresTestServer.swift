import Foundation
import Logging
import NIOPosix
import PostgresNIO
import TrackerEngines

/// The throwaway PostgreSQL cluster scripts/test starts (`POSTGRES_URL`). Tests use a direct connection here —
/// never the application's pool — to set up schemas and to watch `pg_stat_activity` from outside.
public enum PostgresTestServer {
    public struct NotConfigured: Error {}

    public static var url: String? {
        let value = ProcessInfo.processInfo.environment["POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    public static func target() throws -> PostgresTarget {
        guard let url else { throw NotConfigured() }
        return try PostgresTarget.parse(url)
    }

    /// Runs `body` on a fresh direct connection (application_name `pt-test-admin`), closing it afterwards.
    public static func withAdminConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let target = try target()
        var config = PostgresConnection.Configuration(
            host: target.host, port: target.port, username: target.username,
            password: target.password.value, database: target.database, tls: .disable
        )
        config.options.additionalStartupParameters = [("application_name", "pt-test-admin")]
        let connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: Logger.test)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    public static func execute(_ sql: String) async throws {
        try await withAdminConnection { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger.test)
        }
    }

    /// Connections PostgreSQL holds for `applicationName` right now.
    public static func connectionCount(applicationName: String) async throws -> Int {
        try await withAdminConnection { connection in
            let rows = try await connection.query(
                "SELECT count(*)::int FROM pg_stat_activity WHERE application_name = \(applicationName)",
                logger: Logger.test
            )
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }
}
