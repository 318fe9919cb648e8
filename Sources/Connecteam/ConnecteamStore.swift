import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Connecteam's own tables: settings, the sync lock, runs, cursors, the people mapping and clocked time.
struct ConnecteamStore: Sendable {
    let database: any Database

    func settings() async throws -> (settings: ConnecteamSettings, apiKey: String?, updatedAt: Date?) {
        try await database.withConnection { db in
            guard let row = try await db.raw("SELECT settings, api_key, updated_at FROM connecteam_settings WHERE id = 1").first() else {
                return (ConnecteamSettings(), nil, nil)
            }
            let settings = (try? JSONDecoder().decode(ConnecteamSettings.self, from: Data(try row.decode(column: "settings", as: String.self).utf8)))
                ?? ConnecteamSettings()
            return (settings, try row.decode(column: "api_key", as: String?.self),
                    Date(epochMillis: try row.decode(column: "updated_at", as: Int64.self)))
        }
    }

    /// Saves the settings; `apiKey` nil keeps the stored key, "" removes it.
    func save(_ settings: ConnecteamSettings, apiKey: String?, by actor: String, at now: Date) async throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                INSERT INTO connecteam_settings (id, settings, api_key, webhook_token, updated_by, updated_at)
                VALUES (1, \(bind: json), \(bind: apiKey.flatMap { $0.isEmpty ? nil : $0 }), \(bind: ConnecteamStore.newToken()), \(bind: actor),
                        \(bind: now.epochMillis))
                ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
                    api_key = \(unsafeRaw: apiKey == nil ? "connecteam_settings.api_key" : "excluded.api_key")
                """).run()
        }
    }

    /// The webhook path token and signing secret (nil: none yet / no signature required).
    func webhookCredentials() async throws -> (token: String?, secret: String?) {
        try await database.withConnection { db in
            guard let row = try await db.raw("SELECT webhook_token, webhook_secret FROM connecteam_settings WHERE id = 1").first() else { return (nil, nil) }
            return (try row.decode(column: "webhook_token", as: String?.self), try row.decode(column: "webhook_secret", as: String?.self))
        }
    }

    /// A new webhook path token (the old URL stops working); the settings row must exist.
    func rotateWebhookToken(_ token: String) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("UPDATE connecteam_settings SET webhook_token = \(bind: token) WHERE id = 1").run()
        }
    }

    /// Sets (non-empty) or removes (empty) the signing secret.
    func setWebhookSecret(_ secret: String) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("UPDATE connecteam_settings SET webhook_secret = \(bind: secret.isEmpty ? nil : secret) WHERE id = 1").run()
        }
    }

    /// 32 random bytes as hex.
    static func newToken() -> String {
        Hex.lowercase((0..<32).map { _ in UInt8.random(in: 0...255) })
    }

    // MARK: The lock

    /// Takes the sync lock for `holder` until `until` unless another holder's lease is still running.
    func lock(holder: String, now: Int64, until: Int64) async throws -> Bool {
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                UPDATE connecteam_lock SET holder = \(bind: holder), lease_until = \(bind: until)
                WHERE id = 1 AND (lease_until < \(bind: now) OR holder = \(bind: holder)) RETURNING id
                """).all().count == 1
        }
    }

    func unlock(holder: String) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("UPDATE connecteam_lock SET holder = NULL, lease_until = 0 WHERE id = 1 AND holder = \(bind: holder)").run()
        }
    }

    // MARK: Cursors

    func cursor(_ kind: String) async throws -> Int64? {
        try await database.withConnection { db in
            try await db.raw("SELECT value FROM connecteam_cursors WHERE kind = \(bind: kind)").first()?.decode(column: "value", as: Int64.self)
        }
    }

    func setCursor(_ kind: String, _ value: Int64) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                INSERT INTO connecteam_cursors (kind, value) VALUES (\(bind: kind), \(bind: value))
                ON CONFLICT (kind) DO UPDATE SET value = excluded.value
                """).run()
        }
    }

    // MARK: Runs

    func startRun(_ run: SyncRun) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                INSERT INTO connecteam_runs (id, trigger, started_at, finished_at, status, counts, errors)
                VALUES (\(bind: run.id), \(bind: run.trigger), \(bind: run.startedAt.epochMillis), NULL, \(bind: run.status.rawValue), '{}', '[]')
                """).run()
        }
    }

    func finishRun(_ run: SyncRun) async throws {
        let counts = String(decoding: try JSONEncoder().encode(run.counts), as: UTF8.self)
        let errors = String(decoding: try JSONEncoder().encode(run.errors), as: UTF8.self)
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                UPDATE connecteam_runs SET finished_at = \(bind: run.finishedAt?.epochMillis), status = \(bind: run.status.rawValue),
                    counts = \(bind: counts), errors = \(bind: errors) WHERE id = \(bind: run.id)
                """).run()
        }
    }

    func runs(limit: Int) async throws -> [SyncRun] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT id, trigger, started_at, finished_at, status, counts, errors FROM connecteam_runs ORDER BY started_at DESC, id DESC
                LIMIT \(literal: limit)
                """).all().map { row in
                SyncRun(
                    id: try row.decode(column: "id", as: String.self), trigger: try row.decode(column: "trigger", as: String.self),
                    startedAt: Date(epochMillis: try row.decode(column: "started_at", as: Int64.self)),
                    finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(Date.init(epochMillis:)),
                    status: SyncRun.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                    counts: (try? JSONDecoder().decode([String: Int].self, from: Data(try row.decode(column: "counts", as: String.self).utf8))) ?? [:],
                    errors: (try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "errors", as: String.self).utf8))) ?? []
                )
            }
        }
    }
}
