import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP

/// Notifications about schedule changes, written in the transaction of the change they describe; delivery (webhooks,
/// mail) reads this table later and marks rows delivered. Events: `schedule.published`, `shift.changed`,
/// `shift.deleted`, `shift.claimed`.
enum ScheduleOutbox {
    struct Payload: Encodable {
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
    }
}
