import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Writes for agents that number their events themselves (ActivityWatch's API): events without client ids, and
/// idle periods that grow while the person stays away. Same validation, device policy, person lock and rollup
/// update as `/api/activities` and `/api/idle`.
extension IngestService {
    /// Appends `events` to the device's stream (no deduplication: they carry no id); returns their sequence
    /// numbers, in order, and how many the device's policy dropped.
    public func append(_ events: [IncomingEvent], from device: DeviceIdentity) async throws -> (seqs: [Int64], dropped: Int) {
        guard events.count <= settings.maxBatchEvents else {
            throw SimpleAppError(.payloadTooLarge, code: "batch_too_large", message: "events: at most \(settings.maxBatchEvents) per request, got \(events.count)")
        }
        let now = time.now.epochMillis
        var records: [EventRecord] = []
        for (index, event) in events.enumerated() {
            var event = event
            event.id = Self.heartbeatID
            records.append(try validate(event, field: "events[\(index)]", now: now))
        }
        let (admitted, refused) = admit(records, from: device)
        let (kept, outside) = try await duringShifts(admitted, of: device, start: \.startMs, end: \.endMs)
        guard !kept.isEmpty else { return ([], refused + outside) }
        let texts = Set(kept.flatMap(\.texts)), engine = database.engine, keys = self.keys
        let (seqs, resolved) = try await write(for: device) { db in
            let resolved = try await keys.resolve(db, engine: engine, employeeID: device.employeeID, deviceID: device.deviceID, texts: texts)
            let written = try await ActivityWriter.insert(db, keys: resolved, kept, clientIDs: false)
            var hours = Set<Int64>()
            for (_, event) in written { hours.formUnion(HourBucket.hours(from: event.startMs, to: max(event.endMs, event.startMs + 1))) }
            return ((written.map(\.seq), resolved), hours)
        }
        keys.remember(resolved, employeeID: device.employeeID, deviceID: device.deviceID)
        await rollupsChanged.ring()
        return (seqs, refused + outside)
    }

    /// Creates or grows the device's idle period `id` to cover [start, end) (an away spell that is still growing: it
    /// only ever grows, so beats committed out of order cannot shrink it), keeping the owner's classification and
    /// note, and recomputes the hours it covered before and after. False when the device's state keeps it out
    /// (paused, tracking off, outside shifts).
    @discardableResult
    public func upsertIdle(id: String, start: Date, end: Date, reason: String, from device: DeviceIdentity) async throws -> Bool {
        let now = time.now.epochMillis
        let record = try validate(IncomingIdlePeriod(id: id, start: start, end: end, reason: reason), field: "event", now: now)
        if let refusal = Self.refusal(device) {
            count(1, refusal)
            return false
        }
        guard let grown = try await duringShifts([record], of: device, start: \.startMs, end: \.endMs).kept.first else { return false }
        try await write(for: device) { db in
            var hours = Set<Int64>()
            var period = grown
            if let old = try await db.raw("""
                SELECT start_ms, end_ms FROM idle_periods WHERE device_id = \(bind: device.deviceID) AND id = \(bind: period.id)
                """).first() {
                let oldStart = try old.decode(column: "start_ms", as: Int64.self), oldEnd = try old.decode(column: "end_ms", as: Int64.self)
                period.startMs = min(oldStart, period.startMs)
                period.endMs = max(oldEnd, period.endMs)
                if oldStart == period.startMs && oldEnd == period.endMs { return ((), []) }
                hours.formUnion(HourBucket.hours(from: oldStart, to: oldEnd))
                try await db.raw("""
                    UPDATE idle_periods SET start_ms = \(bind: period.startMs), end_ms = \(bind: period.endMs)
                    WHERE device_id = \(bind: device.deviceID) AND id = \(bind: period.id)
                    """).run()
                try await db.raw("DELETE FROM idle_segments WHERE device_id = \(bind: device.deviceID) AND idle_id = \(bind: period.id)").run()
                let segments = HourBucket.hours(from: period.startMs, to: period.endMs).map { ($0, period.id) }
                try await ActivityWriter.insertSegments(db, table: "idle_segments", idColumn: "idle_id", employeeID: device.employeeID,
                                                        deviceID: device.deviceID, segments: segments)
                hours.formUnion(segments.map(\.0))
                return ((), hours)
            }
            let written = try await ActivityWriter.insertIdle(db, deviceID: device.deviceID, employeeID: device.employeeID, periods: [period], receivedAt: now)
            return ((), written.hours)
        }
        await rollupsChanged.ring()
        return true
    }

    /// Deletes the device's idle period `id` (its event was deleted) and recomputes its hours.
    public func deleteIdle(id: String, from device: DeviceIdentity) async throws {
        try await write(for: device) { db in
            guard let old = try await db.raw("""
                DELETE FROM idle_periods WHERE device_id = \(bind: device.deviceID) AND id = \(bind: id) RETURNING start_ms, end_ms
                """).first() else { return ((), []) }
            try await db.raw("DELETE FROM idle_segments WHERE device_id = \(bind: device.deviceID) AND idle_id = \(bind: id)").run()
            let start = try old.decode(column: "start_ms", as: Int64.self), end = try old.decode(column: "end_ms", as: Int64.self)
            return ((), Set(HourBucket.hours(from: start, to: end)))
        }
        await rollupsChanged.ring()
    }
}

extension IngestService {
    /// Whether `device` may store `n` events of its own kind now (ActivityWatch's AFK, tab and custom buckets): not
    /// while paused or with tracking off, and — for events that carry titles, URLs or anything else (`carriesText`) —
    /// not in private mode. Refused ones are counted like every dropped event.
    public func admitsVerbatim(_ n: Int, from device: DeviceIdentity, carriesText: Bool) -> Bool {
        if let reason = Self.refusal(device) {
            count(n, reason)
            return false
        }
        if carriesText && device.policy.settings.privateMode {
            count(n, .excluded)
            return false
        }
        return true
    }
}
