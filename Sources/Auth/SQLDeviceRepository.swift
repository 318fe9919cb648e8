import Foundation
import SQLKit
import TrackerStore

public struct SQLDeviceRepository: DeviceRepository {
    private let database: any Database
    private static let columns = ["id", "employee_id", "name", "platform", "created_at", "last_seen_at", "revoked_at"]
    /// What is read: the inserted columns, the pause (`setPaused`) and the agent's report (`report`).
    private static let readColumns = columns + ["paused_at", "agent_version", "applied_config", "reported_at"]

    public init(database: any Database) {
        self.database = database
    }

    public func insert(_ device: Device, secretHash: String) async throws {
        try await database.withTransaction { db in
            try await db.insert(into: "devices").columns(Self.columns + ["secret_hash"]).values(
                SQLBind(device.id), SQLBind(device.employeeId), SQLBind(device.name), SQLBind(device.platform),
                SQLBind(Int(device.createdAt.timeIntervalSince1970)), SQLBind(device.lastSeenAt.map { Int($0.timeIntervalSince1970) }),
                SQLBind(device.revokedAt.map { Int($0.timeIntervalSince1970) }), SQLBind(secretHash)
            ).run()
        }
    }

    public func device(id: String) async throws -> Device? {
        try await credentials(id: id)?.device
    }

    public func credentials(id: String) async throws -> (device: Device, secretHash: String, ownerActive: Bool)? {
        try await database.withConnection { db in
            let columns = (Self.readColumns + ["secret_hash"]).map { "d.\($0)" }.joined(separator: ", ")
            guard let row = try await db.raw("""
                SELECT \(unsafeRaw: columns), CASE WHEN e.archived_at IS NULL THEN 1 ELSE 0 END AS owner_active
                FROM devices d JOIN employees e ON e.id = d.employee_id WHERE d.id = \(bind: id)
                """).first()
            else { return nil }
            return (try Self.device(row), try row.decode(column: "secret_hash", as: String.self),
                    try row.decode(column: "owner_active", as: Int.self) == 1)
        }
    }

    public func devices(employeeID: String) async throws -> [Device] {
        try await database.withConnection { db in
            try await db.select().columns(Self.readColumns).from("devices").where("employee_id", .equal, employeeID)
                .orderBy("created_at").orderBy("id").all().map(Self.device)
        }
    }

    public func revoke(id: String, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("devices").set("revoked_at", to: Int(at.timeIntervalSince1970))
                .where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    public func setPaused(id: String, at: Date?, by actor: String?) async throws {
        try await database.withTransaction { db in
            try await db.update("devices").set("paused_at", to: at.map { Int($0.timeIntervalSince1970) }).set("paused_by", to: actor)
                .where("id", .equal, id).run()
        }
    }

    public func report(id: String, agentVersion: String?, appliedConfig: String?, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("devices").set("agent_version", to: agentVersion).set("applied_config", to: appliedConfig)
                .set("reported_at", to: Int(at.timeIntervalSince1970)).where("id", .equal, id).run()
        }
    }

    public func touch(id: String, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("devices").set("last_seen_at", to: Int(at.timeIntervalSince1970)).where("id", .equal, id).run()
        }
    }

    public func lastSeen(since: Date, employeeIDs: [String]?) async throws -> [(employee: String, lastSeen: Date)] {
        // The organisation is selected in the database (no bind per person, whatever its size).
        let people: SQLQueryString = employeeIDs.map { "employee_id IN (\(binds: $0))" }
            ?? "employee_id IN (SELECT id FROM employees WHERE archived_at IS NULL)"
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT employee_id, MAX(last_seen_at) AS seen FROM devices
                WHERE \(people) AND revoked_at IS NULL AND last_seen_at >= \(bind: Int64(since.timeIntervalSince1970))
                GROUP BY employee_id ORDER BY employee_id
                """).all().map { row in
                (try row.decode(column: "employee_id", as: String.self),
                 Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "seen", as: Int64.self))))
            }
        }
    }

    private static func device(_ row: any SQLRow) throws -> Device {
        Device(
            id: try row.decode(column: "id", as: String.self),
            employeeId: try row.decode(column: "employee_id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            platform: try row.decode(column: "platform", as: String.self),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int.self))),
            lastSeenAt: try row.decode(column: "last_seen_at", as: Int?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
            revokedAt: try row.decode(column: "revoked_at", as: Int?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
            pausedAt: try row.decode(column: "paused_at", as: Int?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
            agentVersion: try row.decode(column: "agent_version", as: String?.self),
            configVersion: try row.decode(column: "applied_config", as: String?.self),
            reportedAt: try row.decode(column: "reported_at", as: Int?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        )
    }
}
