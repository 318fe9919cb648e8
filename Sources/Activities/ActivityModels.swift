import Foundation
import Hummingbird
import TrackerCore

/// One activity event as agents send it.
public struct IncomingEvent: Decodable, Sendable {
    public var id: String
    public var timestamp: Date
    /// Seconds.
    public var duration: Double
    public var app: String
    public var title: String
    public var url: String?

    public init(id: String, timestamp: Date, duration: Double, app: String, title: String, url: String? = nil) {
        self.id = id
        self.timestamp = timestamp
        self.duration = duration
        self.app = app
        self.title = title
        self.url = url
    }
}

public struct EventBatch: Decodable, Sendable {
    public var events: [IncomingEvent]

    public init(events: [IncomingEvent]) { self.events = events }
}

public struct BatchResult: ResponseCodable, Sendable, Equatable {
    public var accepted: Int
    public var duplicates: Int
    /// Sent by a paused device: dropped, never stored (an agent must not keep them to send again later).
    public var dropped: Int = 0
}

public struct IncomingHeartbeat: Decodable, Sendable {
    public var timestamp: Date
    public var duration: Double
    public var app: String
    public var title: String
    public var url: String?

    public init(timestamp: Date, duration: Double, app: String, title: String, url: String? = nil) {
        self.timestamp = timestamp
        self.duration = duration
        self.app = app
        self.title = title
        self.url = url
    }
}

public struct HeartbeatResult: ResponseCodable, Sendable, Equatable {
    /// True when the heartbeat extended the device's last event.
    public var merged: Bool
    public var eventId: String
    public var timestamp: Date
    /// Seconds.
    public var duration: Double
    /// Sent by a paused device: dropped, never stored (`eventId` is then empty).
    public var dropped: Bool = false
}

/// A stored activity event, as listed.
public struct ActivityEvent: ResponseCodable, Sendable, Equatable {
    public var id: String
    public var deviceId: String
    public var employeeId: String
    public var timestamp: Date
    public var duration: Double
    public var app: String
    public var title: String
    public var url: String?
}

/// A validated event in server units (epoch milliseconds).
struct EventRecord: Sendable, Equatable {
    var id: String
    var startMs: Int64
    var endMs: Int64
    var app: String
    var title: String
    var url: String?

    /// The strings the event store interns for it.
    var texts: [String] { url.map { [app, title, $0] } ?? [app, title] }
}
