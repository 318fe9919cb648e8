import SQLKit
import TrackerCore

/// `activity_event_hours`: the hours an event reaches *after* the hour it starts in. An event is found under its
/// start hour through the events' own key (person, start), so only events crossing an hour boundary get rows here.
enum EventHours {
    struct Row: Sendable {
        let hour: Int64
        let start: Int64
        let seq: Int64
    }

    /// The hours of `[from, to)` after the start hour of an event starting at `start`.
    static func continuation(start: Int64, from: Int64, to: Int64) -> [Int64] {
        let startHour = HourBucket.floor(start)
        return HourBucket.hours(from: from, to: to).filter { $0 > startHour }
    }

    static func insert(_ db: any SQLDatabase, keys: EventKeys.Resolved, _ rows: [Row]) async throws {
        for chunk in stride(from: 0, to: rows.count, by: 1_000) {
            var insert = db.insert(into: "activity_event_hours").columns("person_no", "hour_start", "start_ms", "device_no", "seq")
                .ignoringConflicts()
            for row in rows[chunk..<min(chunk + 1_000, rows.count)] {
                insert = insert.values(SQLBind(keys.person), SQLBind(row.hour), SQLBind(row.start), SQLBind(keys.device), SQLBind(row.seq))
            }
            try await insert.run()
        }
    }
}
