import Foundation
import SQLKit
import TrackerHTTP
import TrackerStore

/// A person's identity for their export — profile, teams they manage, external ids, devices, their own agent
/// settings, and who looked at their data — and its erasure, which runs last (other parts' rows name this person):
/// sign-in tokens, devices, memberships, access-log entries by and about them, and finally their row. Secrets
/// (password and token hashes) are never exported.
struct IdentityPersonalData: PersonalDataPart {
    let database: any Database
    let accessLog: any AccessLogRepository
    let deviceCache: DeviceTokenCache

    static let pageSize = 1_000

    func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            let queries: [(String, SQLQueryString, Set<String>)] = [
                ("profile/profile.json", """
                    SELECT e.id, e.name, e.email, e.role, e.time_zone, e.team_id, t.name AS team_name, e.archived_at, e.created_at, e.updated_at
                    FROM employees e LEFT JOIN teams t ON t.id = e.team_id WHERE e.id = \(bind: person)
                    """, []),
                ("profile/managed_teams.json", """
                    SELECT t.id, t.name FROM team_managers m JOIN teams t ON t.id = m.team_id WHERE m.employee_id = \(bind: person) ORDER BY t.name
                    """, []),
                ("profile/team_history.json", "SELECT * FROM team_membership_history WHERE employee_id = \(bind: person) ORDER BY from_at", []),
                ("profile/external_ids.json", "SELECT system, external_id FROM employee_external_ids WHERE employee_id = \(bind: person)", []),
                ("profile/devices.json", "SELECT * FROM devices WHERE employee_id = \(bind: person) ORDER BY created_at", ["secret_hash"]),
                ("profile/agent_settings.json", "SELECT * FROM agent_settings WHERE scope = 'person' AND scope_id = \(bind: person)", []),
            ]
            for (name, query, omitted) in queries { export.add(name, try PersonalRows.json(try await db.raw(query).all(), omitting: omitted)) }
        }
        // Who looked at their data: the same entries `/api/me/access-log` lists, every page.
        var entries: [AccessLogEntry] = []
        var after: [String]?
        while true {
            let page = try await accessLog.entries(subjectID: person, actorID: nil, from: nil, to: nil, after: after, limit: Self.pageSize)
            entries += page
            guard page.count == Self.pageSize, let last = page.last else { break }
            after = [String(Int(last.at.timeIntervalSince1970)), last.id]
        }
        export.add("profile/who_looked_at_my_data.json", Array(try JSONCoding.encoder.encode(entries)))
    }

    func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let person = subject.id
        let email = try await db.raw("SELECT email FROM employees WHERE id = \(bind: person)").first()?.decode(column: "email", as: String.self)
        var counts: [String: Int] = [:]
        counts["devices"] = try await db.rowsTouched("DELETE FROM devices WHERE employee_id = \(bind: person) RETURNING 1")
        for table in ["refresh_tokens", "password_reset_tokens", "team_managers", "employee_external_ids", "team_membership_history"] {
            _ = try await db.rowsTouched("DELETE FROM \(ident: table) WHERE employee_id = \(bind: person) RETURNING 1")
        }
        counts["access log entries"] = try await db.rowsTouched("""
            DELETE FROM access_views WHERE actor_id = \(bind: person) OR (scope_type = 'person' AND scope_id = \(bind: person)) RETURNING 1
            """)
        _ = try await db.rowsTouched("DELETE FROM agent_settings WHERE scope = 'person' AND scope_id = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE agent_settings SET updated_by = NULL WHERE updated_by = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE devices SET paused_by = NULL WHERE paused_by = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE password_reset_tokens SET created_by = 'erased' WHERE created_by = \(bind: person) RETURNING 1")
        if let email {
            _ = try await db.rowsTouched("DELETE FROM login_throttle WHERE key = \(bind: LoginThrottle.accountKey(email)) RETURNING 1")
        }
        _ = try await db.rowsTouched("DELETE FROM employees WHERE id = \(bind: person) RETURNING 1")
        deviceCache.forget(employeeID: person)
        return counts
    }
}

extension IdentityModule {
    /// Every device `employeeID` ever enrolled, revoked ones too (an erasure hands them to the features below).
    public func deviceIDs(of employeeID: String) async throws -> [String] {
        try await SQLDeviceRepository(database: database).devices(employeeID: employeeID).map(\.id)
    }

    /// Auth's share of a person's export and erasure; it must come last in an erasure (the others name the person).
    public var personalData: any PersonalDataPart {
        IdentityPersonalData(database: database, accessLog: accessLog, deviceCache: deviceCache)
    }
}
