import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Writes events and idle periods (with their per-hour segments) inside the caller's transaction and reports
/// which hours changed, so the same transaction can recompute their rollups.
enum ActivityWriter {
    static let insertChunk = 500

    /// Inserts the events not stored yet (by device and id); returns counts and the hours they touch.
    /// `ON CONFLICT DO NOTHING RETURNING id` reports what was new in the same statement as the insert.
    static func insertEvents(
        _ db: any SQLDatabase, deviceID: String, employeeID: String, events: [EventRecord], receivedAt: Int64
    ) async throws -> (accepted: Int, duplicates: Int, hours: Set<Int64>) {
        let fresh = try await insert(db, events, deviceID: deviceID, employeeID: employeeID, receivedAt: receivedAt)
        var hours = Set<Int64>()
        for event in fresh { hours.formUnion(HourBucket.hours(from: event.startMs, to: max(event.endMs, event.startMs + 1))) }
        return (fresh.count, events.count - fresh.count, hours)
    }

    /// Inserts events (skipping ids the device already sent) and their hour segments; returns those inserted.
    @discardableResult
    static func insert(_ db: any SQLDatabase, _ events: [EventRecord], deviceID: String, employeeID: String, receivedAt: Int64) async throws -> [EventRecord] {
        var inserted = Set<String>()
        for chunk in stride(from: 0, to: events.count, by: insertChunk) {
            var insert = db.insert(into: "activity_events")
                .columns("device_id", "id", "employee_id", "start_ms", "end_ms", "app", "title", "url", "received_at")
            var inChunk = Set<String>()
            for event in events[chunk..<min(chunk + insertChunk, events.count)] where inChunk.insert(event.id).inserted {
                insert = insert.values(
                    SQLBind(deviceID), SQLBind(event.id), SQLBind(employeeID), SQLBind(event.startMs), SQLBind(event.endMs),
                    SQLBind(event.app), SQLBind(event.title), SQLBind(event.url), SQLBind(receivedAt)
                )
            }
            for row in try await insert.ignoringConflicts(with: ["device_id", "id"]).returning("id").all() {
                inserted.insert(try row.decode(column: "id", as: String.self))
            }
        }
        // The first occurrence of each inserted id (a batch may repeat an id).
        var taken = Set<String>()
        let fresh = events.filter { inserted.contains($0.id) && taken.insert($0.id).inserted }
        var segments: [(Int64, String)] = []
        for event in fresh {
            for hour in HourBucket.hours(from: event.startMs, to: max(event.endMs, event.startMs + 1)) { segments.append((hour, event.id)) }
        }
        try await insertSegments(db, table: "activity_segments", idColumn: "event_id", employeeID: employeeID, deviceID: deviceID, segments: segments)
        return fresh
    }

    static func insertSegments(
        _ db: any SQLDatabase, table: String, idColumn: String, employeeID: String, deviceID: String, segments: [(Int64, String)]
    ) async throws {
        for chunk in stride(from: 0, to: segments.count, by: 1_000) {
            var insert = db.insert(into: table).columns("employee_id", "hour_start", "device_id", idColumn).ignoringConflicts()
            for (hour, id) in segments[chunk..<min(chunk + 1_000, segments.count)] {
                insert = insert.values(SQLBind(employeeID), SQLBind(hour), SQLBind(deviceID), SQLBind(id))
            }
            try await insert.run()
        }
    }

    /// ActivityWatch's heartbeat against the device's last event (by start), stored in the database so that every
    /// server instance sees the same "last event"; the caller holds the person's row lock for the transaction.
    /// The rollup change it reports is, in the common case, time appended to one event (applied by delta).
    static func heartbeat(
        _ db: any SQLDatabase, deviceID: String, employeeID: String,
        heartbeat: EventRecord, pulsetimeMs: Int64, receivedAt: Int64, lastRow: (any SQLRow)?
    ) async throws -> (result: HeartbeatResult, change: RollupChange) {
        let data = HeartbeatData(app: heartbeat.app, title: heartbeat.title, url: heartbeat.url)
        let incoming = HeartbeatMerge.Event(start: heartbeat.startMs, duration: heartbeat.endMs - heartbeat.startMs, data: data)
        var last: (id: String, event: HeartbeatMerge.Event)?
        if let row = lastRow, try !row.decodeNil(column: "id") {
            let start = try row.decode(column: "start_ms", as: Int64.self)
            last = (try row.decode(column: "id", as: String.self), HeartbeatMerge.Event(
                start: start, duration: try row.decode(column: "end_ms", as: Int64.self) - start,
                data: HeartbeatData(
                    app: try row.decode(column: "app", as: String.self), title: try row.decode(column: "title", as: String.self),
                    url: try row.decode(column: "url", as: String?.self)
                )
            ))
        }
        if case .extend(let duration) = HeartbeatMerge.decide(last: last?.event, heartbeat: incoming, pulsetime: pulsetimeMs),
           let (id, event) = last {
            let oldEnd = event.end, newEnd = event.start + duration
            let result = HeartbeatResult(merged: true, eventId: id, timestamp: Date(epochMillis: event.start), duration: Double(duration) / 1000)
            guard newEnd > oldEnd else { return (result, .none) }
            try await db.update("activity_events").set("end_ms", to: newEnd)
                .where("device_id", .equal, deviceID).where("id", .equal, id).run()
            // Segments only for hours the event did not touch yet (once an hour, not once a beat).
            let had = Set(HourBucket.hours(from: event.start, to: max(oldEnd, event.start + 1)))
            let added = HourBucket.hours(from: oldEnd, to: newEnd).filter { !had.contains($0) }
            if !added.isEmpty {
                try await insertSegments(db, table: "activity_segments", idColumn: "event_id", employeeID: employeeID,
                                         deviceID: deviceID, segments: added.map { ($0, id) })
            }
            return (result, AppendedTime.change(from: oldEnd, to: newEnd, facts: data))
        }
        try await insert(db, [heartbeat], deviceID: deviceID, employeeID: employeeID, receivedAt: receivedAt)
        let result = HeartbeatResult(
            merged: false, eventId: heartbeat.id, timestamp: Date(epochMillis: heartbeat.startMs),
            duration: Double(heartbeat.endMs - heartbeat.startMs) / 1000
        )
        return (result, AppendedTime.change(from: heartbeat.startMs, to: heartbeat.endMs, facts: data))
    }

    static func insertIdle(
        _ db: any SQLDatabase, deviceID: String, employeeID: String, periods: [IdleRecord], receivedAt: Int64
    ) async throws -> (accepted: Int, duplicates: Int, hours: Set<Int64>) {
        var inserted = Set<String>()
        for chunk in stride(from: 0, to: periods.count, by: insertChunk) {
            var insert = db.insert(into: "idle_periods")
                .columns("device_id", "id", "employee_id", "start_ms", "end_ms", "reason", "note_private", "received_at")
            var inChunk = Set<String>()
            for period in periods[chunk..<min(chunk + insertChunk, periods.count)] where inChunk.insert(period.id).inserted {
                insert = insert.values(
                    SQLBind(deviceID), SQLBind(period.id), SQLBind(employeeID), SQLBind(period.startMs), SQLBind(period.endMs),
                    SQLBind(period.reason), SQLBind(0), SQLBind(receivedAt)
                )
            }
            for row in try await insert.ignoringConflicts(with: ["device_id", "id"]).returning("id").all() {
                inserted.insert(try row.decode(column: "id", as: String.self))
            }
        }
        var taken = Set<String>()
        let fresh = periods.filter { inserted.contains($0.id) && taken.insert($0.id).inserted }
        var hours = Set<Int64>()
        var segments: [(Int64, String)] = []
        for period in fresh {
            for hour in HourBucket.hours(from: period.startMs, to: period.endMs) {
                segments.append((hour, period.id))
                hours.insert(hour)
            }
        }
        try await insertSegments(db, table: "idle_segments", idColumn: "idle_id", employeeID: employeeID, deviceID: deviceID, segments: segments)
        return (fresh.count, periods.count - fresh.count, hours)
    }
}
