import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP

/// Where features publish events, inside the transaction of the change they describe: the event's body is stored
/// once and a delivery is queued for every active receiver subscribed to its type, so an event is delivered if and
/// only if its change committed. Delivery happens later (`WebhookDispatcher`); a receiver that is down delays only
/// its own deliveries.
public enum WebhookOutbox {
    /// The body every receiver gets: `text` is Slack-compatible (an incoming webhook shows it as the message).
    struct Body<Data: Encodable & Sendable>: Encodable, Sendable {
        var id: String
        var type: String
        var createdAt: Date
        var text: String
        var data: Data
    }

    /// Stores the event and queues its deliveries; returns the event id.
    @discardableResult
    public static func publish<Data: Encodable & Sendable>(_ db: any SQLDatabase, type: WebhookEventType, text: String, data: Data,
                                                           at: Date, only webhookID: String? = nil) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let body = Body(id: id, type: type.rawValue, createdAt: at, text: text, data: data)
        let json = String(decoding: try JSONCoding.encoder.encode(body), as: UTF8.self)
        let now = at.epochMillis
        try await db.raw("""
            INSERT INTO webhook_events (id, event_type, body, created_at) VALUES (\(bind: id), \(bind: type.rawValue), \(bind: json), \(bind: now))
            """).run()
        var receivers: SQLQueryString = """
            SELECT DISTINCT w.id FROM webhooks w JOIN webhook_event_types t ON t.webhook_id = w.id
            WHERE w.active = 1 AND (t.event_type = \(bind: type.rawValue) OR t.event_type = '*')
            """
        if let webhookID { receivers = "SELECT id FROM webhooks WHERE id = \(bind: webhookID)" }
        let targets = try await db.raw(receivers).all().map { try $0.decode(column: "id", as: String.self) }
        for target in targets {
            try await db.raw("""
                INSERT INTO webhook_deliveries (id, webhook_id, event_id, state, attempts, next_attempt_at, lease_until, created_at)
                VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: target), \(bind: id), 'pending', 0, \(bind: now), 0, \(bind: now))
                """).run()
        }
        return id
    }
}
