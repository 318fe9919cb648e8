import SQLKit
import TrackerStore

/// Webhook events hold payloads written at the time (a flag raised about someone): nothing of them is exported (they
/// are copies of data the other parts export), and erasure drops every event that names the person, with its
/// deliveries and their attempts.
public struct WebhookPersonalData: PersonalDataPart {
    public init() {}

    public func export(person: String, into export: PersonalExport) async throws {}

    public func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let person = subject.id
        let mention = "%\(person)%"
        let events: SQLQueryString = "SELECT id FROM webhook_events WHERE body LIKE \(bind: mention)"
        _ = try await db.rowsTouched("""
            DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_id IN (\(events))) RETURNING 1
            """)
        _ = try await db.rowsTouched("DELETE FROM webhook_deliveries WHERE event_id IN (\(events)) RETURNING 1")
        let gone = try await db.rowsTouched("DELETE FROM webhook_events WHERE body LIKE \(bind: mention) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE webhooks SET created_by = 'erased' WHERE created_by = \(bind: person) RETURNING 1")
        return ["webhook events": gone]
    }
}
