import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Scheduling settings: the organisation's (`scope` = `organization`) and per-team attendance grace
/// (`scope` = `team:<id>`), stored as JSON so new settings need no migration.
public struct ScheduleSettingsStore: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    struct TeamOverride: Codable, Sendable, Equatable {
        var graceMinutes: Int?
    }

    public func organization() async throws -> ScheduleSettings {
        try await database.withConnection { db in try await Self.organization(db) }
    }

    static func organization(_ db: any SQLDatabase) async throws -> ScheduleSettings {
        guard let body = try await db.raw("SELECT body FROM schedule_settings WHERE scope = 'organization'").first()?
            .decode(column: "body", as: String.self) else { return ScheduleSettings() }
        return (try? JSONCoding.decoder.decode(ScheduleSettings.self, from: Data(body.utf8))) ?? ScheduleSettings()
    }

    public func save(_ settings: ScheduleSettings, at: Date) async throws {
        try await write(scope: "organization", body: settings, at: at)
    }

    /// Grace minutes per team that overrides the organisation's.
    func teamGrace() async throws -> [String: Int] {
        try await database.withConnection { db in
            var result: [String: Int] = [:]
            for row in try await db.raw("SELECT scope, body FROM schedule_settings WHERE scope LIKE 'team:%'").all() {
                let scope = try row.decode(column: "scope", as: String.self)
                let body = try row.decode(column: "body", as: String.self)
                if let grace = (try? JSONCoding.decoder.decode(TeamOverride.self, from: Data(body.utf8)))?.graceMinutes {
                    result[String(scope.dropFirst(5))] = grace
                }
            }
            return result
        }
    }

    func saveTeam(_ teamID: String, _ value: TeamOverride, at: Date) async throws {
        try await write(scope: "team:\(teamID)", body: value, at: at)
    }

    private func write(scope: String, body: some Encodable & Sendable, at: Date) async throws {
        let text = String(decoding: try JSONCoding.encoder.encode(body), as: UTF8.self)
        try await database.withTransaction { db in
            try await db.raw("DELETE FROM schedule_settings WHERE scope = \(bind: scope)").run()
            try await db.raw("""
                INSERT INTO schedule_settings (scope, body, updated_at) VALUES (\(bind: scope), \(bind: text), \(bind: Int64(at.timeIntervalSince1970)))
                """).run()
        }
    }
}
