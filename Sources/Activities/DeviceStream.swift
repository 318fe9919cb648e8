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
        SELECT e.seq, e.start_ms, e.end_ms, e.app_id, e.title_id, e.url_id FROM activity_events e
        """

    /// Events of `deviceID` overlapping [from, to) (zero-length ones at `from` or later count), newest first
    /// (equal starts: the later number first), at most `limit`. Each distinct text is read once (a month's 12,000
    /// window events have a few hundred distinct titles).
    /// `employeeID` is the device's person: their events are one range of the table's key (person, start, device,
    /// seq), read in order without a lookup per row.
    public func events(deviceID: String, employeeID: String, from: Int64, to: Int64, limit: Int) async throws -> [StreamEvent] {
        try await database.withConnection { db in
            // The keys come packed into one text ("seq,start,end,app,title,url;…"): decoding a row through SQLKit costs
            // microseconds per column, which for a month of events was most of a query's time (both engines have
            // string_agg with ORDER BY; SQLite's bundled 3.54 does).
            let packed = try await db.raw("""
                SELECT string_agg(k, ';' ORDER BY start_ms DESC, device_no DESC, seq DESC) AS packed FROM (
                    SELECT e.start_ms, e.device_no, e.seq, CAST(e.seq AS TEXT) || ',' || CAST(e.start_ms AS TEXT) || ',' || CAST(e.end_ms AS TEXT) || ','
                        || CAST(e.app_id AS TEXT) || ',' || CAST(e.title_id AS TEXT) || ',' || COALESCE(CAST(e.url_id AS TEXT), '') AS k
                    FROM activity_events e
                    WHERE e.person_no = (SELECT no FROM activity_people WHERE employee_id = \(bind: employeeID))
                    AND e.device_no = (SELECT no FROM activity_devices WHERE device_id = \(bind: deviceID))
                    AND e.start_ms >= \(bind: from &- Self.reach) AND e.start_ms < \(bind: to) AND (e.end_ms > \(bind: from) OR e.start_ms >= \(bind: from))
                    ORDER BY e.start_ms DESC, e.device_no DESC, e.seq DESC LIMIT \(bind: limit)
                ) t
                """).first()?.decode(column: "packed", as: String?.self)
            return try await Self.events(Self.unpack(packed ?? ""), db)
        }
    }

    struct Keys: Sendable {
        let seq, start, end, app, title: Int64
        let url: Int64?
    }

    /// `seq,start,end,app,title,url` records separated by `;` (url empty when none).
    static func unpack(_ text: String) throws -> [Keys] {
        var keys: [Keys] = []
        var fields: [Int64?] = []
        fields.reserveCapacity(6)
        var value: Int64 = 0, negative = false, digits = 0
        func endField() { fields.append(digits == 0 ? nil : (negative ? -value : value)); value = 0; negative = false; digits = 0 }
        func endRecord() throws {
            endField()
            guard fields.count == 6, let seq = fields[0], let start = fields[1], let end = fields[2], let app = fields[3], let title = fields[4]
            else { throw EventKeyError.unassigned }
            keys.append(Keys(seq: seq, start: start, end: end, app: app, title: title, url: fields[5]))
            fields.removeAll(keepingCapacity: true)
        }
        var utf8 = text.utf8.makeIterator()
        var any = false
        while let byte = utf8.next() {
            any = true
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value &* 10 &+ Int64(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: ","): endField()
            case UInt8(ascii: ";"): try endRecord()
            default: throw EventKeyError.unassigned
            }
        }
        if any { try endRecord() }
        return keys
    }

    /// Keys as events, their texts read in one query per 500 distinct ids.
    private static func events(_ keys: [Keys], _ db: any SQLDatabase) async throws -> [StreamEvent] {
        var ids = Set<Int64>()
        for key in keys {
            ids.insert(key.app)
            ids.insert(key.title)
            if let url = key.url { ids.insert(url) }
        }
        var texts: [Int64: String] = [:]
        let sorted = ids.sorted()
        for chunk in stride(from: 0, to: sorted.count, by: 500) {
            let part = Array(sorted[chunk..<min(chunk + 500, sorted.count)])
            for row in try await db.raw("SELECT id, value FROM activity_texts WHERE id IN (\(binds: part))").all() {
                texts[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "value", as: String.self)
            }
        }
        return keys.map { key in
            StreamEvent(seq: key.seq, start: key.start, end: key.end, app: texts[key.app] ?? "", title: texts[key.title] ?? "",
                        url: key.url.flatMap { texts[$0] })
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
            let keys = try await db.raw("""
                \(unsafeRaw: Self.columns)
                WHERE e.device_no = (SELECT no FROM activity_devices WHERE device_id = \(bind: deviceID)) AND e.seq = \(bind: seq)
                """).all().map { row in
                    Keys(seq: try row.decode(column: "seq", as: Int64.self), start: try row.decode(column: "start_ms", as: Int64.self),
                         end: try row.decode(column: "end_ms", as: Int64.self), app: try row.decode(column: "app_id", as: Int64.self),
                         title: try row.decode(column: "title_id", as: Int64.self), url: try row.decode(column: "url_id", as: Int64?.self))
                }
            return try await Self.events(keys, db).first
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
}
