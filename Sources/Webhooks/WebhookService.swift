import Foundation
import TrackerCore
import TrackerHTTP
import TrackerStore

/// `/api/system/webhooks` (admins): receivers, their delivery log, a test delivery, a redelivery.
public struct WebhookService: Sendable {
    let database: any Database
    let store: WebhookStore
    let time: TimeSource
    let doorbell: Doorbell

    static let maxWebhooks = 50
    static let maxURL = 2_000
    static let maxDescription = 500

    public struct Input: Decodable, Sendable {
        var url: String?
        var description: String?
        var active: Bool?
        var eventTypes: [String]?
        /// Given: used as is (at least 16 characters). Absent on creation: generated and returned once.
        var secret: String?
        /// On update: generate a new secret and return it once.
        var rotateSecret: Bool?
    }

    func list() async throws -> [Webhook] { try await store.all() }

    func get(_ id: String) async throws -> Webhook {
        guard let hook = try await store.get(id) else { throw WebhookError.notFound }
        return hook
    }

    func create(_ input: Input, by actor: String) async throws -> Webhook {
        guard let url = input.url else { throw SimpleAppError.invalid("url", "is required") }
        guard let types = input.eventTypes, !types.isEmpty else { throw SimpleAppError.invalid("eventTypes", "is required (e.g. [\"flag.raised\"] or [\"*\"])") }
        let secret = try input.secret.map(Self.checkSecret) ?? WebhookSigner.newSecret()
        let now = time.now
        var hook = Webhook(id: UUID().uuidString.lowercased(), url: try Self.checkURL(url), description: try Self.checkDescription(input.description),
                           active: input.active ?? true, eventTypes: try Self.checkTypes(types), createdAt: now, updatedAt: now, secret: nil)
        let stored = hook
        try await database.withTransaction { db in
            let count = try await db.raw("SELECT COUNT(*) AS n FROM webhooks").first()?.decode(column: "n", as: Int.self) ?? 0
            guard count < Self.maxWebhooks else { throw SimpleAppError(.conflict, code: "too_many_webhooks", message: "At most \(Self.maxWebhooks) webhooks.") }
            try await WebhookStore.insert(stored, secret: secret, by: actor, db)
        }
        if input.secret == nil { hook.secret = secret }
        return hook
    }

    func update(_ id: String, _ input: Input) async throws -> Webhook {
        let secret: String? = try input.rotateSecret == true ? WebhookSigner.newSecret() : input.secret.map(Self.checkSecret)
        let url = try input.url.map(Self.checkURL), description = try input.description.map { try Self.checkDescription($0) }
        let types = try input.eventTypes.map(Self.checkTypes)
        let now = time.now
        var hook = try await database.withTransaction { db -> Webhook in
            guard var hook = try await WebhookStore.get(id, db) else { throw WebhookError.notFound }
            if let url { hook.url = url }
            if let description { hook.description = description }
            if let active = input.active { hook.active = active }
            if let types { hook.eventTypes = types }
            hook.updatedAt = now
            try await WebhookStore.update(hook, secret: secret, db)
            return hook
        }
        if input.rotateSecret == true { hook.secret = secret }
        return hook
    }

    func delete(_ id: String) async throws {
        try await database.withTransaction { db in
            guard try await WebhookStore.get(id, db) != nil else { throw WebhookError.notFound }
            try await WebhookStore.delete(id, db)
        }
    }

    func deliveries(_ id: String, page: PageRequest) async throws -> Page<WebhookDelivery> {
        _ = try await get(id)
        let rows = try await store.deliveries(webhookID: id, after: page.after, limit: page.limit)
        return page.page(rows) { [String($0.createdAt.epochMillis), $0.id] }
    }

    struct Ping: Encodable, Sendable { var webhookId: String }

    /// Queues a `ping` to this receiver only (whatever it subscribes to); returns the delivery log's first page.
    func test(_ id: String) async throws -> String {
        let hook = try await get(id)
        let now = time.now
        let event = try await database.withTransaction { db in
            try await WebhookOutbox.publish(db, type: .ping, text: "Productivity Tracker: test delivery to \(hook.url)",
                                            data: Ping(webhookId: id), at: now, only: id)
        }
        await doorbell.ring()
        return event
    }

    /// Sends a failed (or pending) delivery again now, with a fresh count of attempts.
    func redeliver(_ id: String, delivery: String) async throws {
        let now = time.now.epochMillis
        let changed = try await database.withSingleStatementWrite { db in
            try await db.raw("""
                UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = \(bind: now), lease_until = 0, finished_at = NULL
                WHERE id = \(bind: delivery) AND webhook_id = \(bind: id) AND state <> 'delivered' RETURNING id
                """).all()
        }
        guard !changed.isEmpty else { throw SimpleAppError(.notFound, code: "delivery_not_found", message: "No such undelivered delivery of this webhook.") }
        await doorbell.ring()
    }

    static func checkURL(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= maxURL, let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else { throw SimpleAppError.invalid("url", "must be an http(s) URL with a host and no credentials, at most \(maxURL) characters") }
        return trimmed
    }

    static func checkSecret(_ text: String) throws -> String {
        guard (16...200).contains(text.utf8.count), text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            throw SimpleAppError.invalid("secret", "must be 16 to 200 printable ASCII characters")
        }
        return text
    }

    static func checkDescription(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard text.count <= maxDescription, !text.unicodeScalars.contains("\u{0}") else {
            throw SimpleAppError.invalid("description", "must be at most \(maxDescription) characters")
        }
        return text.isEmpty ? nil : text
    }

    static func checkTypes(_ names: [String]) throws -> [WebhookEventType] {
        guard !names.isEmpty, names.count <= 20 else { throw SimpleAppError.invalid("eventTypes", "must list 1 to 20 event types") }
        return try names.map { name in
            guard let type = WebhookEventType(rawValue: name), type != .ping else {
                throw SimpleAppError.invalid("eventTypes", "must be among " + WebhookEventType.allCases.filter { $0 != .ping }.map(\.rawValue).joined(separator: ", "))
            }
            return type
        }
    }
}

public enum WebhookError: AppError, Equatable {
    case notFound
    public var kind: ErrorKind { .notFound }
    public var code: String { "webhook_not_found" }
    public var message: String { "No such webhook." }
}
