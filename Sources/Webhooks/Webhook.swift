import Foundation

/// A receiver as the API shows it: never its secret (only when the server generated one, once, on creation).
public struct Webhook: Codable, Sendable, Equatable {
    public var id: String
    public var url: String
    public var description: String?
    public var active: Bool
    public var eventTypes: [WebhookEventType]
    public var createdAt: Date
    public var updatedAt: Date
    /// The signing secret: present only in the answer to the request that created or rotated it.
    public var secret: String?
}

/// One event's delivery to one receiver, with its attempts (the delivery log).
public struct WebhookDelivery: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable { case pending, delivered, failed }

    public struct Attempt: Codable, Sendable, Equatable {
        public var attempt: Int
        public var at: Date
        public var statusCode: Int?
        public var error: String?
        public var durationMs: Int64
    }

    public var id: String
    public var eventId: String
    public var eventType: String
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var finishedAt: Date?
    public var log: [Attempt]
}
