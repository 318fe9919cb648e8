import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import Webhooks

/// Notifications about schedule changes, written in the transaction of the change they describe; delivery (webhooks,
/// mail) reads this table later and marks rows delivered. Events: `schedule.published`, `shift.changed`,
/// `shift.deleted`, `shift.claimed`.
enum ScheduleOutbox {
    struct Payload: Encodable, Sendable {
        var event: String
        var teamId: String?
        var shiftIds: [String]
        var from: Date?
        var to: Date?
        var by: String
        var changes: [String]?
    }

    static func write(_ payload: Payload, shiftID: String?, at: Int64, _ db: any SQLDatabase) async throws {
        let body = String(decoding: try JSONCoding.encoder.encode(payload), as: UTF8.self)
        try await db.insert(into: "schedule_outbox").columns("id", "created_ms", "event", "team_id", "shift_id", "payload")
            .values(SQLBind(UUID().uuidString.lowercased()), SQLBind(at), SQLBind(payload.event), SQLBind(payload.teamId), SQLBind(shiftID), SQLBind(body))
            .run()
        if let type = WebhookEventType(rawValue: payload.event) {
            try await WebhookOutbox.publish(db, type: type, text: text(payload), data: payload, at: Date(epochMillis: at))
        }
    }

    /// One line for a chat channel.
    static func text(_ payload: Payload) -> String {
        let count = payload.shiftIds.count == 1 ? "1 shift" : "\(payload.shiftIds.count) shifts"
        var range = ""
        if let from = payload.from, let to = payload.to { range = " (\(RFC3339.format(from)) – \(RFC3339.format(to)))" }
        switch payload.event {
        case "schedule.published": return "📅 Schedule published: \(count)\(range)."
        case "shift.deleted": return "Shift deleted\(range)."
        case "shift.claimed": return "Open shift claimed\(range)."
        default: return "Shift changed\(range)" + (payload.changes.map { ": \($0.joined(separator: ", "))." } ?? ".")
        }
    }
}
