import Logging
import NIOPosix
import PostgresNIO
import TrackerStore

/// What the PostgreSQL server allows against what our instances may open:
/// `instances × poolMaximum ≤ max_connections − superuser_reserved_connections − reserved_connections`.
public struct ConnectionBudgetReport: Sendable, Codable, Equatable {
    public var serverVersion: String
    public var maxConnections: Int
    /// `superuser_reserved_connections` plus (PostgreSQL 16+) `reserved_connections`.
    public var reservedConnections: Int
    /// Connections whose `application_name` is ours, now (all instances, including this check's own).
    public var applicationConnections: Int
    /// All client connections, now.
    public var totalConnections: Int
    public var instances: Int
    public var poolMaximum: Int
    /// Behind a transaction pooler: the server connections it may open (then the only ones the server sees).
    public var poolerServerConnections: Int?

    public var required: Int { poolerServerConnections ?? instances * poolMaximum }
    public var available: Int { maxConnections - reservedConnections }
    public var fits: Bool { required <= available }

    public var verdict: String {
        let limit = "max_connections \(maxConnections) − reserved \(reservedConnections) = \(available): " + (fits ? "OK" : "OVER BUDGET")
        guard let pooler = poolerServerConnections else {
            return "\(instances) instance(s) × \(poolMaximum) = \(required) \(fits ? "≤" : ">") " + limit
        }
        return "behind a pooler: its \(pooler) server connection(s) \(fits ? "≤" : ">") " + limit
            + " (\(instances) instance(s) × \(poolMaximum) = \(instances * poolMaximum) client connections to the pooler: its max_client_conn must exceed that)"
    }
}

public enum ConnectionBudget {
    /// Reads the server's limits on one short-lived connection of its own, closed before this returns — not through
    /// the pool, so that checking at start-up leaves the pool with no connection open (minimum 0 means 0).
    /// Throws `DatabaseError.unavailable` when the server cannot be reached.
    public static func measure(target: PostgresTarget, settings: DatabaseSettings, logger: Logger) async throws -> ConnectionBudgetReport {
        var config = PostgresConnection.Configuration(
            host: target.host, port: target.port, username: target.username,
            password: target.password.value, database: target.database, tls: .disable
        )
        if target.tls != .disable {
            config.tls = target.tls == .require ? .require(try .init(configuration: .makeClientConfiguration()))
                : .prefer(try .init(configuration: .makeClientConfiguration()))
        }
        config.options.connectTimeout = .init(settings.connectTimeout)
        config.options.additionalStartupParameters = [("application_name", settings.applicationName)]
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
        } catch {
            throw DriverErrorTranslator.translate(error, retryAfter: settings.retryAfterSeconds, logger: logger)
        }
        do {
            let appName = settings.applicationName
            let rows = try await connection.query(
                """
                SELECT current_setting('server_version'),
                       current_setting('max_connections')::int,
                       current_setting('superuser_reserved_connections')::int
                         + COALESCE(NULLIF(current_setting('reserved_connections', true), '')::int, 0),
                       (SELECT count(*)::int FROM pg_stat_activity WHERE application_name = \(appName)),
                       (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend')
                """,
                logger: logger
            )
            var report: ConnectionBudgetReport?
            for try await (version, max, reserved, app, total) in rows.decode((String, Int, Int, Int, Int).self) {
                report = ConnectionBudgetReport(
                    serverVersion: version, maxConnections: max, reservedConnections: reserved,
                    applicationConnections: app, totalConnections: total,
                    instances: settings.instances, poolMaximum: settings.poolMaximum,
                    poolerServerConnections: settings.poolerServerConnections
                )
            }
            try? await connection.close()
            guard let report else { throw DatabaseError.queryFailed }
            return report
        } catch {
            try? await connection.close()
            throw DriverErrorTranslator.translate(error, retryAfter: settings.retryAfterSeconds, logger: logger)
        }
    }
}

extension DatabaseEngine {
    /// The PostgreSQL connection budget, or nil for SQLite (embedded: no server limit to share).
    public func measureBudget(logger: Logger) async throws -> ConnectionBudgetReport? {
        guard case .postgres(let target) = settings.target else { return nil }
        return try await ConnectionBudget.measure(target: target, settings: settings, logger: logger)
    }
}
