import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// A device's activity events as a numbered stream, for ActivityWatch's API (a window bucket is its device's
/// events): list by time newest first, count, one by number, delete one. Writes go through `IngestService` (the
/// same merge, lock and rollup path as every agent's).
public struct DeviceStream: Sendable {
    let database: any Database
    let ingest: IngestService

    /// Events reach back at most this far before a window's start (no event is longer: `maxDurationSeconds` and
    /// the heartbeat merge cap), so a time range reads one index range.
    static let reach: Int64 = 31 * 86_400_000

    private static let columns = """
        SELECT e.seq, e.start_ms, e.end_ms, a.value AS app, t.value AS title, u.value AS url
        FROM activity_events e
        JOIN activity_texts a ON a.id = e.app_id JOIN activity_texts t ON t.id = e.title_id
        LEFT JOIN activity_texts u ON u.id = e.url_id
        """

    /// Events of `deviceID` overlapping [from, to) (zero-length ones at `from` or later count), newest first
    /// (equal starts: the later number first), at most `limit`.
    public func events(deviceID: String, from: Int64, to: Int64, limit: Int) async throws -> [StreamEvent] {
        try await database.withConnection { db in
            try await db.raw("""
                \(unsafeRaw: Self.columns)
                WHERE e.device_no = (SELECT no FROM activity_devices WHERE device_id = \(bind: deviceID))
                AND e.start_ms >= \(bind: from &- Self.reach) AND e.start_ms < \(bind: to) AND (e.end_ms > \(bind: from) OR e.start_ms >= \(bind: from))
                ORDER BY e.start_ms DESC, e.seq DESC LIMIT \(bind: limit)
                """).all().map(Self.event)
        }
    }

    public func count(deviceID: String, from: Int64, to: Int64) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM activity_events e
                WHERE e.device_no = (SELECT no FROM activity_devices WHERE device_id = \(bind: deviceID))
                AND e.start_ms >= \(bind: from &- Self.reach) AND e.start_ms < \(bind: to) AND (e.end_ms > \(bind: from) OR e.start_ms >= \(bind: from))
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func event(deviceID: String, seq: Int64) async throws -> StreamEvent? {
        try await database.withConnection { db in
            try await db.raw("""
                \(unsafeRaw: Self.columns)
                WHERE e.device_no = (SELECT no FROM activity_devices WHERE device_id = \(bind: deviceID)) AND e.seq = \(bind: seq)
                """).first().map(Self.event)
        }
    }

    /// Deletes event `seq` of the device and recomputes the hours it covered, in one transaction under the
    /// person's lock. False when there is no such event.
    public func delete(seq: Int64, of device: DeviceIdentity) async throws -> Bool {
        let deleted = try await ingest.write(for: device) { db in
            guard let row = try await db.raw("""
                DELETE FROM activity_events
                WHERE device_no = (SELECT no FROM activity_devices WHERE device_id = \(bind: device.deviceID)) AND seq = \(bind: seq)
                RETURNING person_no, device_no, start_ms, end_ms
                """).first() else { return (false, []) }
            let person = try row.decode(column: "person_no", as: Int64.self), deviceNo = try row.decode(column: "device_no", as: Int64.self)
            let start = try row.decode(column: "start_ms", as: Int64.self), end = try row.decode(column: "end_ms", as: Int64.self)
            try await db.raw("""
                DELETE FROM activity_event_hours WHERE person_no = \(bind: person) AND device_no = \(bind: deviceNo) AND seq = \(bind: seq)
                AND start_ms = \(bind: start)
                """).run()
            return (true, Set(HourBucket.hours(from: start, to: max(end, start + 1))))
        }
        if deleted { await ingest.rollupsChanged.ring() }
        return deleted
    }

    private static func event(_ row: any SQLRow) throws -> StreamEvent {
        StreamEvent(
            seq: try row.decode(column: "seq", as: Int64.self), start: try row.decode(column: "start_ms", as: Int64.self),
            end: try row.decode(column: "end_ms", as: Int64.self), app: try row.decode(column: "app", as: String.self),
            title: try row.decode(column: "title", as: String.self), url: try row.decode(column: "url", as: String?.self)
        )
    }
}
