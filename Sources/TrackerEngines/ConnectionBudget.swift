import Logging
import SQLKit
import TrackerStore

/// What the PostgreSQL server allows against what our instances may open:
/// `instances × poolMaximum ≤ max_connections − superuser_reserved_connections − reserved_connections`.
public struct ConnectionBudgetReport: Sendable, Codable, Equatable {
    public var serverVersion: String
    public var maxConnections: Int
    /// `superuser_reserved_connections` plus (PostgreSQL 16+) `reserved_connections`.
    public var reservedConnections: Int
    /// Connections whose `application_name` is ours, now (all instances, including this query's own).
    public var applicationConnections: Int
    /// All client connections, now.
    public var totalConnections: Int
    public var instances: Int
    public var poolMaximum: Int

    public var required: Int { instances * poolMaximum }
    public var available: Int { maxConnections - reservedConnections }
    public var fits: Bool { required <= available }

    public var verdict: String {
        "\(instances) instance(s) × \(poolMaximum) = \(required) \(fits ? "≤" : ">") "
            + "max_connections \(maxConnections) − reserved \(reservedConnections) = \(available): "
            + (fits ? "OK" : "OVER BUDGET")
    }
}

public enum ConnectionBudget {
    /// Reads the server's limits through the (one) pool. PostgreSQL only.
    public static func measure(database: any Database, settings: DatabaseSettings) async throws -> ConnectionBudgetReport {
        let appName = settings.applicationName
        return try await database.withConnection { db in
            let row = try await db.raw(
                """
                SELECT current_setting('server_version') AS version,
                       current_setting('max_connections')::int AS max_connections,
                       current_setting('superuser_reserved_connections')::int
                         + COALESCE(NULLIF(current_setting('reserved_connections', true), '')::int, 0) AS reserved,
                       (SELECT count(*)::int FROM pg_stat_activity WHERE application_name = \(bind: appName)) AS app,
                       (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS total
                """
            ).first()
            guard let row else { throw DatabaseError.queryFailed }
            return ConnectionBudgetReport(
                serverVersion: try row.decode(column: "version", as: String.self),
                maxConnections: try row.decode(column: "max_connections", as: Int.self),
                reservedConnections: try row.decode(column: "reserved", as: Int.self),
                applicationConnections: try row.decode(column: "app", as: Int.self),
                totalConnections: try row.decode(column: "total", as: Int.self),
                instances: settings.instances,
                poolMaximum: settings.poolMaximum
            )
        }
    }
}
