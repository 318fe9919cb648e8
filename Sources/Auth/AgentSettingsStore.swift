import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// The `agent_settings` table: one row per configured level, its settings as JSON.
struct AgentSettingsStore: Sendable {
    enum Scope: String, Sendable, Codable {
        case organization, team, person
    }

    struct Row: Sendable {
        var scope: Scope
        var id: String
        var settings: AgentSettings
        var updatedBy: String?
        var updatedAt: Date
    }

    let database: any Database

    /// The levels that apply to `employeeID`, least specific first: the organisation's, their team's, their own.
    func levels(employeeID: String) async throws -> [AgentSettings] {
        let rows = try await database.withConnection { db in
            try await db.raw("""
                SELECT scope, scope_id, settings, updated_by, updated_at FROM agent_settings
                WHERE scope = 'organization'
                   OR (scope = 'team' AND scope_id = (SELECT team_id FROM employees WHERE id = \(bind: employeeID)))
                   OR (scope = 'person' AND scope_id = \(bind: employeeID))
                """).all().map(Self.row)
        }
        let order: [Scope] = [.organization, .team, .person]
        return order.compactMap { scope in rows.first { $0.scope == scope }?.settings }
    }

    func all() async throws -> [Row] {
        try await database.withConnection { db in
            try await db.raw("SELECT scope, scope_id, settings, updated_by, updated_at FROM agent_settings ORDER BY scope, scope_id")
                .all().map(Self.row)
        }
    }

    func put(_ row: Row) async throws {
        let json = String(decoding: try JSONEncoder().encode(row.settings), as: UTF8.self)
        try await database.withTransaction { db in
            try await db.raw("""
                INSERT INTO agent_settings (scope, scope_id, settings, updated_by, updated_at)
                VALUES (\(bind: row.scope.rawValue), \(bind: row.id), \(bind: json), \(bind: row.updatedBy), \(bind: row.updatedAt.epochMillis))
                ON CONFLICT (scope, scope_id) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at
                """).run()
        }
    }

    /// Removes a level; false when there was none.
    func delete(_ scope: Scope, id: String) async throws -> Bool {
        try await database.withTransaction { db in
            !(try await db.raw("DELETE FROM agent_settings WHERE scope = \(bind: scope.rawValue) AND scope_id = \(bind: id) RETURNING scope")
                .all()).isEmpty
        }
    }

    private static func row(_ row: any SQLRow) throws -> Row {
        let text = try row.decode(column: "settings", as: String.self)
        return Row(
            scope: Scope(rawValue: try row.decode(column: "scope", as: String.self)) ?? .organization,
            id: try row.decode(column: "scope_id", as: String.self),
            // Stored by `put` from validated settings; unreadable JSON would be a bug, not input.
            settings: (try? JSONDecoder().decode(AgentSettings.self, from: Data(text.utf8))) ?? AgentSettings(),
            updatedBy: try row.decode(column: "updated_by", as: String?.self),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: Int64.self))
        )
    }
}
