import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Writes events and idle periods (with their per-hour rows) inside the caller's transaction and reports which
/// hours changed, so the same transaction can update their rollups. Events go to the lean store
/// (`LeanEventSchema`): integer keys from `EventKeys`, texts by id.
enum ActivityWriter {
    static let insertChunk = 500

    /// Inserts the events not stored yet (by device and client id); returns counts and the hours they touch.
    static func insertEvents(
        _ db: any SQLDatabase, keys: EventKeys.Resolved, events: [EventRecord]
    ) async throws -> (accepted: Int, duplicates: Int, hours: Set<Int64>) {
        let fresh = try await insert(db, keys: keys, events, clientIDs: true)
        var hours = Set<Int64>()
        for (_, event) in fresh { hours.formUnion(HourBucket.hours(from: event.startMs, to: max(event.endMs, event.startMs + 1))) }
        return (fresh.count, events.count - fresh.count, hours)
    }

    /// Inserts `events` (skipping client ids the device already sent, when `clientIDs`; heartbeats have none) with
    /// their continuation hours; returns those inserted with their sequence numbers. Sequence numbers come from the
    /// device row in one statement for the whole batch (a skipped duplicate leaves a gap, which is harmless).
    @discardableResult
    static func insert(
        _ db: any SQLDatabase, keys: EventKeys.Resolved, _ events: [EventRecord], clientIDs: Bool
    ) async throws -> [(seq: Int64, event: EventRecord)] {
        var taken = Set<String>()
        let unique = clientIDs ? events.filter { taken.insert($0.id).inserted } : events
        guard !unique.isEmpty else { return [] }
        guard let last = try await db.raw("""
            UPDATE activity_devices SET last_seq = last_seq + \(bind: unique.count) WHERE no = \(bind: keys.device) RETURNING last_seq
            """).first()?.decode(column: "last_seq", as: Int64.self) else { throw EventKeyError.unassigned }
        let numbered = unique.enumerated().map { (last - Int64(unique.count) + 1 + Int64($0.offset), $0.element) }
        var inserted = Set<Int64>()
        for chunk in stride(from: 0, to: numbered.count, by: insertChunk) {
            var insert = db.insert(into: "activity_events")
                .columns("person_no", "start_ms", "device_no", "seq", "end_ms", "app_id", "title_id", "url_id", "client_hi", "client_lo")
            for (seq, event) in numbered[chunk..<min(chunk + insertChunk, numbered.count)] {
                let client = clientIDs ? ClientID.halves(event.id) : nil
                if clientIDs && client == nil { throw SimpleAppError.invalid("id", "must be a UUID") }
                insert = insert.values(
                    SQLBind(keys.person), SQLBind(event.startMs), SQLBind(keys.device), SQLBind(seq), SQLBind(event.endMs),
                    SQLBind(try keys.id(event.app)), SQLBind(try keys.id(event.title)), SQLBind(try keys.id(event.url)),
                    SQLBind(client?.hi), SQLBind(client?.lo)
                )
            }
            for row in try await insert.ignoringConflicts().returning("seq").all() {
                inserted.insert(try row.decode(column: "seq", as: Int64.self))
            }
        }
        let fresh = numbered.filter { inserted.contains($0.0) }
        var later: [EventHours.Row] = []
        for (seq, event) in fresh {
            later += EventHours.continuation(start: event.startMs, from: event.startMs, to: event.endMs).map {
                EventHours.Row(hour: $0, start: event.startMs, seq: seq)
            }
        }
        try await EventHours.insert(db, keys: keys, later)
        return fresh
    }

    /// ActivityWatch's heartbeat against the device's last event (by start), stored in the database so that every
    /// server instance sees the same "last event"; the caller holds the person's row lock for the transaction.
    /// Data is compared by interned text ids. The rollup change it reports is, in the common case, time appended
    /// to one event (applied by delta).
    static func heartbeat(
        _ db: any SQLDatabase, keys: EventKeys.Resolved, heartbeat: EventRecord, pulsetimeMs: Int64, last: LastEvent?
    ) async throws -> (result: HeartbeatResult, change: RollupChange) {
        let facts = ActivityFacts(app: heartbeat.app, title: heartbeat.title, url: heartbeat.url)
        let texts = LastEvent.Texts(app: try keys.id(heartbeat.app), title: try keys.id(heartbeat.title), url: try keys.id(heartbeat.url))
        let decision = HeartbeatMerge.decide(
            last: last.map { ($0.start, $0.end - $0.start) }, sameData: last?.texts == texts,
            start: heartbeat.startMs, duration: heartbeat.endMs - heartbeat.startMs, pulsetime: pulsetimeMs
        )
        if case .extend(let duration) = decision, let last {
            let oldEnd = last.end, newEnd = last.start + duration
            let result = HeartbeatResult(merged: true, eventId: last.id, timestamp: Date(epochMillis: last.start), duration: Double(duration) / 1000)
            guard newEnd > oldEnd else { return (result, .none) }
            try await db.raw("""
                UPDATE activity_events SET end_ms = \(bind: newEnd) WHERE person_no = \(bind: keys.person)
                AND start_ms = \(bind: last.start) AND device_no = \(bind: keys.device) AND seq = \(bind: last.seq)
                """).run()
            // A row per hour the event newly reaches past its start hour (once an hour, not once a beat).
            let added = EventHours.continuation(start: last.start, from: oldEnd, to: newEnd)
            try await EventHours.insert(db, keys: keys, added.map { EventHours.Row(hour: $0, start: last.start, seq: last.seq) })
            return (result, AppendedTime.change(from: oldEnd, to: newEnd, facts: facts))
        }
        guard let (seq, _) = try await insert(db, keys: keys, [heartbeat], clientIDs: false).first else { throw EventKeyError.unassigned }
        let result = HeartbeatResult(
            merged: false, eventId: String(seq), timestamp: Date(epochMillis: heartbeat.startMs),
            duration: Double(heartbeat.endMs - heartbeat.startMs) / 1000
        )
        return (result, AppendedTime.change(from: heartbeat.startMs, to: heartbeat.endMs, facts: facts))
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
