import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// The receivers and their delivery log.
struct WebhookStore: Sendable {
    let database: any Database

    static let columns: SQLQueryString = "id, url, description, active, created_at, updated_at"

    func all() async throws -> [Webhook] {
        try await database.withConnection { db in
            let rows = try await db.raw("SELECT \(Self.columns) FROM webhooks ORDER BY created_at, id LIMIT 1000").all()
            return try await Self.decode(rows, db)
        }
    }

    func get(_ id: String) async throws -> Webhook? {
        try await database.withConnection { db in try await Self.get(id, db) }
    }

    static func get(_ id: String, _ db: any SQLDatabase) async throws -> Webhook? {
        try await decode(try await db.raw("SELECT \(columns) FROM webhooks WHERE id = \(bind: id)").all(), db).first
    }

    static func decode(_ rows: [any SQLRow], _ db: any SQLDatabase) async throws -> [Webhook] {
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        guard !ids.isEmpty else { return [] }
        var types: [String: [WebhookEventType]] = [:]
        for row in try await db.raw("SELECT webhook_id, event_type FROM webhook_event_types WHERE webhook_id IN (\(binds: ids)) ORDER BY event_type").all() {
            if let type = WebhookEventType(rawValue: try row.decode(column: "event_type", as: String.self)) {
                types[try row.decode(column: "webhook_id", as: String.self), default: []].append(type)
            }
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            return Webhook(
                id: id, url: try row.decode(column: "url", as: String.self), description: try row.decode(column: "description", as: String?.self),
                active: try row.decode(column: "active", as: Int.self) != 0, eventTypes: types[id] ?? [],
                createdAt: Date(epochMillis: try row.decode(column: "created_at", as: Int64.self)),
                updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: Int64.self)), secret: nil
            )
        }
    }

    static func insert(_ hook: Webhook, secret: String, by actor: String, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO webhooks (id, url, secret, description, active, created_by, created_at, updated_at)
            VALUES (\(bind: hook.id), \(bind: hook.url), \(bind: secret), \(bind: hook.description), \(bind: hook.active ? 1 : 0), \(bind: actor),
              \(bind: hook.createdAt.epochMillis), \(bind: hook.updatedAt.epochMillis))
            """).run()
        try await setTypes(hook.id, hook.eventTypes, db)
    }

    static func update(_ hook: Webhook, secret: String?, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE webhooks SET url = \(bind: hook.url), description = \(bind: hook.description), active = \(bind: hook.active ? 1 : 0),
              updated_at = \(bind: hook.updatedAt.epochMillis) WHERE id = \(bind: hook.id)
            """).run()
        if let secret { try await db.raw("UPDATE webhooks SET secret = \(bind: secret) WHERE id = \(bind: hook.id)").run() }
        try await setTypes(hook.id, hook.eventTypes, db)
    }

    static func setTypes(_ id: String, _ types: [WebhookEventType], _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM webhook_event_types WHERE webhook_id = \(bind: id)").run()
        for type in Set(types) {
            try await db.raw("INSERT INTO webhook_event_types (webhook_id, event_type) VALUES (\(bind: id), \(bind: type.rawValue))").run()
        }
    }

    /// Removes the receiver, its pending deliveries and its log.
    static func delete(_ id: String, _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = \(bind: id))").run()
        try await db.raw("DELETE FROM webhook_deliveries WHERE webhook_id = \(bind: id)").run()
        try await db.raw("DELETE FROM webhook_event_types WHERE webhook_id = \(bind: id)").run()
        try await db.raw("DELETE FROM webhooks WHERE id = \(bind: id)").run()
    }

    /// The newest deliveries of a receiver with their attempts, `limit + 1` after `after` (`[createdAt, id]`).
    func deliveries(webhookID: String, after: [String]?, limit: Int) async throws -> [WebhookDelivery] {
        try await database.withConnection { db in
            var query: SQLQueryString = """
                SELECT d.id, d.event_id, e.event_type, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.created_at,
                  d.finished_at FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
                WHERE d.webhook_id = \(bind: webhookID)
                """
            if let after, after.count == 2, let created = Int64(after[0]) {
                query += " AND (d.created_at < \(bind: created) OR (d.created_at = \(bind: created) AND d.id < \(bind: after[1])))"
            }
            query += " ORDER BY d.created_at DESC, d.id DESC LIMIT \(literal: limit + 1)"
            let rows = try await db.raw(query).all()
            let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
            var log: [String: [WebhookDelivery.Attempt]] = [:]
            if !ids.isEmpty {
                for row in try await db.raw("""
                    SELECT delivery_id, attempt, at_ms, status_code, error, duration_ms FROM webhook_attempts
                    WHERE delivery_id IN (\(binds: ids)) ORDER BY attempt
                    """).all() {
                    log[try row.decode(column: "delivery_id", as: String.self), default: []].append(.init(
                        attempt: try row.decode(column: "attempt", as: Int.self), at: Date(epochMillis: try row.decode(column: "at_ms", as: Int64.self)),
                        statusCode: try row.decode(column: "status_code", as: Int?.self), error: try row.decode(column: "error", as: String?.self),
                        durationMs: try row.decode(column: "duration_ms", as: Int64.self)))
                }
            }
            return try rows.map { row in
                let id = try row.decode(column: "id", as: String.self)
                let state = WebhookDelivery.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending
                return WebhookDelivery(
                    id: id, eventId: try row.decode(column: "event_id", as: String.self), eventType: try row.decode(column: "event_type", as: String.self),
                    state: state, attempts: try row.decode(column: "attempts", as: Int.self),
                    nextAttemptAt: state == .pending ? Date(epochMillis: try row.decode(column: "next_attempt_at", as: Int64.self)) : nil,
                    lastStatus: try row.decode(column: "last_status", as: Int?.self), lastError: try row.decode(column: "last_error", as: String?.self),
                    createdAt: Date(epochMillis: try row.decode(column: "created_at", as: Int64.self)),
                    finishedAt: try row.decode(column: "finished_at", as: Int64?.self).map(Date.init(epochMillis:)), log: log[id] ?? []
                )
            }
        }
    }
}
