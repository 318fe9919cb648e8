import SQLKit
import TrackerCore
import TrackerStore

/// The tables of ActivityWatch's API (`AWCompatSchema`): buckets, the events of every bucket that is not a window
/// bucket (their `data` as JSON text), and aw-webui's settings.
struct AWStore: Sendable {
    let database: any Database

    private static let bucketColumns = "no, name, employee_id, device_id, type, client, hostname, created_ms, data"

    func buckets(employeeID: String) async throws -> [AWBucket] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.bucketColumns) FROM aw_buckets WHERE employee_id = \(bind: employeeID) ORDER BY no
                """).all().map(Self.bucket)
        }
    }

    func bucket(employeeID: String, id: String) async throws -> AWBucket? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.bucketColumns) FROM aw_buckets WHERE employee_id = \(bind: employeeID) AND name = \(bind: id)
                """).first().map(Self.bucket)
        }
    }

    /// Inserts `bucket` unless the person has one by that id; returns the stored one and whether it is new. A device
    /// has at most one window bucket (its events are the device's activity).
    func create(_ bucket: AWBucket) async throws -> (AWBucket, created: Bool) {
        try await database.withTransaction { db in
            if let existing = try await db.raw("""
                SELECT \(unsafeRaw: Self.bucketColumns) FROM aw_buckets WHERE employee_id = \(bind: bucket.employeeID) AND name = \(bind: bucket.id)
                """).first().map(Self.bucket) {
                return (existing, false)
            }
            if bucket.kind == .window, let other = try await db.raw("""
                SELECT name FROM aw_buckets WHERE device_id = \(bind: bucket.deviceID) AND type = 'currentwindow'
                """).first()?.decode(column: "name", as: String.self) {
                throw SimpleAppError(.conflict, code: "window_bucket_exists",
                                     message: "bucket_id: this device already reports windows as '\(other)'; enrol a device (and token) per computer")
            }
            guard let row = try await db.raw("""
                INSERT INTO aw_buckets (employee_id, device_id, name, type, client, hostname, created_ms, data)
                VALUES (\(bind: bucket.employeeID), \(bind: bucket.deviceID), \(bind: bucket.id), \(bind: bucket.type), \(bind: bucket.client),
                        \(bind: bucket.hostname), \(bind: bucket.created), \(bind: AWJSONWriter.text(.object(bucket.data))))
                ON CONFLICT DO NOTHING RETURNING no
                """).first() else {
                // Created by a concurrent request between the read and the insert.
                guard let existing = try await db.raw("""
                    SELECT \(unsafeRaw: Self.bucketColumns) FROM aw_buckets WHERE employee_id = \(bind: bucket.employeeID) AND name = \(bind: bucket.id)
                    """).first().map(Self.bucket) else { throw SimpleAppError(.conflict, code: "bucket_busy", message: "bucket_id: try again") }
                return (existing, false)
            }
            var stored = bucket
            stored.no = try row.decode(column: "no", as: Int64.self)
            return (stored, true)
        }
    }

    /// Deletes the bucket and the events kept in `aw_events` (a window bucket's events are the device's activity:
    /// they stay).
    func delete(_ bucket: AWBucket) async throws {
        try await database.withTransaction { db in
            try await db.raw("DELETE FROM aw_events WHERE bucket_no = \(bind: bucket.no)").run()
            try await db.raw("DELETE FROM aw_buckets WHERE no = \(bind: bucket.no)").run()
        }
    }

    /// When the bucket's newest event ends, for `last_updated`.
    func lastUpdated(_ bucket: AWBucket) async throws -> Int64? {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT end_ms FROM aw_events WHERE bucket_no = \(bind: bucket.no) ORDER BY start_ms DESC, id DESC LIMIT 1
                """).first()?.decode(column: "end_ms", as: Int64.self)
        }
    }

    // MARK: events

    /// How far before a window's start an event may begin (the longest event accepted).
    static let reach = AWEvent.maxDurationMillis

    func events(_ bucket: AWBucket, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent] {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT id, start_ms, end_ms, data FROM aw_events
                WHERE bucket_no = \(bind: bucket.no) AND start_ms >= \(bind: from &- Self.reach) AND start_ms < \(bind: to)
                AND (end_ms > \(bind: from) OR start_ms >= \(bind: from))
                ORDER BY start_ms DESC, id DESC LIMIT \(bind: limit)
                """).all()
            // Data repeats (a tab reported again, AFK statuses): each distinct text is parsed once.
            var parsed: [String: [AWJSON.Member]] = [:]
            return try rows.map { row in
                let start = try row.decode(column: "start_ms", as: Int64.self)
                let text = try row.decode(column: "data", as: String.self)
                let data: [AWJSON.Member]
                if let known = parsed[text] {
                    data = known
                } else {
                    data = try AWJSONParser.parse(text).members ?? []
                    parsed[text] = data
                }
                return AWEvent(id: try row.decode(column: "id", as: Int64.self), start: start,
                               duration: try row.decode(column: "end_ms", as: Int64.self) - start, data: data)
            }
        }
    }

    func count(_ bucket: AWBucket, from: Int64, to: Int64) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM aw_events
                WHERE bucket_no = \(bind: bucket.no) AND start_ms >= \(bind: from &- Self.reach) AND start_ms < \(bind: to)
                AND (end_ms > \(bind: from) OR start_ms >= \(bind: from))
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func event(_ bucket: AWBucket, id: Int64) async throws -> AWEvent? {
        try await database.withConnection { db in
            try await db.raw("SELECT id, start_ms, end_ms, data FROM aw_events WHERE bucket_no = \(bind: bucket.no) AND id = \(bind: id)")
                .first().map(Self.event)
        }
    }

    func deleteEvent(_ bucket: AWBucket, id: Int64) async throws -> AWEvent? {
        try await database.withSingleStatementWrite { db in
            try await db.raw("DELETE FROM aw_events WHERE bucket_no = \(bind: bucket.no) AND id = \(bind: id) RETURNING id, start_ms, end_ms, data")
                .first().map(Self.event)
        }
    }

    /// Stores `events` with the bucket's next ids, in order; returns them with their ids.
    func insert(_ events: [AWEvent], into bucket: AWBucket) async throws -> [AWEvent] {
        guard !events.isEmpty else { return [] }
        return try await database.withTransaction { db in
            guard let last = try await db.raw("""
                UPDATE aw_buckets SET last_id = last_id + \(bind: events.count) WHERE no = \(bind: bucket.no) RETURNING last_id
                """).first()?.decode(column: "last_id", as: Int64.self) else { throw AWError.noBucket(bucket.id) }
            var numbered = events
            for index in numbered.indices { numbered[index].id = last - Int64(events.count) + 1 + Int64(index) }
            for chunk in stride(from: 0, to: numbered.count, by: 500) {
                var insert = db.insert(into: "aw_events").columns("bucket_no", "id", "start_ms", "end_ms", "data")
                for event in numbered[chunk..<min(chunk + 500, numbered.count)] {
                    insert = insert.values(SQLBind(bucket.no), SQLBind(event.id ?? 0), SQLBind(event.start), SQLBind(event.end),
                                           SQLBind(AWJSONWriter.text(.object(event.data))))
                }
                try await insert.run()
            }
            return numbered
        }
    }

    /// ActivityWatch's heartbeat against the bucket's newest event, under the bucket's lock (several instances
    /// agree): same data and starting within [last start, last end + pulsetime] extends it; else a new event.
    func heartbeat(_ beat: AWEvent, pulsetime: Int64, into bucket: AWBucket) async throws -> (AWEvent, merged: Bool) {
        let engine = database.engine
        return try await database.withTransaction { db in
            if engine == .postgres {
                try await db.raw("SELECT no FROM aw_buckets WHERE no = \(bind: bucket.no) FOR UPDATE").run()
            }
            if let last = try await db.raw("""
                SELECT id, start_ms, end_ms, data FROM aw_events WHERE bucket_no = \(bind: bucket.no) ORDER BY start_ms DESC, id DESC LIMIT 1
                """).first().map(Self.event),
               let merged = Self.merge(last, beat, pulsetime: pulsetime) {
                if merged.end != last.end {
                    try await db.raw("""
                        UPDATE aw_events SET end_ms = \(bind: merged.end) WHERE bucket_no = \(bind: bucket.no) AND id = \(bind: last.id ?? 0)
                        """).run()
                }
                return (merged, true)
            }
            guard let next = try await db.raw("""
                UPDATE aw_buckets SET last_id = last_id + 1 WHERE no = \(bind: bucket.no) RETURNING last_id
                """).first()?.decode(column: "last_id", as: Int64.self) else { throw AWError.noBucket(bucket.id) }
            var stored = beat
            stored.id = next
            try await db.raw("""
                INSERT INTO aw_events (bucket_no, id, start_ms, end_ms, data)
                VALUES (\(bind: bucket.no), \(bind: next), \(bind: beat.start), \(bind: beat.end), \(bind: AWJSONWriter.text(.object(beat.data))))
                """).run()
            return (stored, false)
        }
    }

    /// aw-transform's `heartbeat`: nil when `beat` does not extend `last`.
    static func merge(_ last: AWEvent, _ beat: AWEvent, pulsetime: Int64) -> AWEvent? {
        guard AWJSON.object(last.data) == AWJSON.object(beat.data),
              last.start <= beat.start, beat.start <= last.end &+ pulsetime else { return nil }
        var merged = last
        merged.duration = max(last.duration, beat.end - last.start)
        return merged
    }

    /// The URL of the tab a device's browser showed at `at`: the newest `web.tab.current` event starting by then
    /// and ending at most `slack` before it (the extension reports a tab while it stays open).
    func tabURL(deviceID: String, at: Int64, slack: Int64) async throws -> String? {
        try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT e.data FROM aw_buckets b JOIN aw_events e ON e.bucket_no = b.no
                WHERE b.device_id = \(bind: deviceID) AND b.type = 'web.tab.current'
                AND e.start_ms <= \(bind: at) AND e.start_ms >= \(bind: at &- Self.reach) AND e.end_ms >= \(bind: at &- slack)
                ORDER BY e.start_ms DESC, e.id DESC LIMIT 1
                """).first() else { return nil }
            return try AWJSONParser.parse(try row.decode(column: "data", as: String.self))["url"]?.stringValue
        }
    }

    func hasTabBucket(deviceID: String) async throws -> Bool {
        try await database.withConnection { db in
            try await db.raw("SELECT 1 AS one FROM aw_buckets WHERE device_id = \(bind: deviceID) AND type = 'web.tab.current' LIMIT 1").first() != nil
        }
    }

    // MARK: settings

    func settings(employeeID: String) async throws -> [(String, AWJSON)] {
        try await database.withConnection { db in
            try await db.raw("SELECT key, value FROM aw_settings WHERE employee_id = \(bind: employeeID) ORDER BY key").all().map { row in
                (try row.decode(column: "key", as: String.self), try AWJSONParser.parse(try row.decode(column: "value", as: String.self)))
            }
        }
    }

    func setSetting(employeeID: String, key: String, value: AWJSON) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                INSERT INTO aw_settings (employee_id, key, value) VALUES (\(bind: employeeID), \(bind: key), \(bind: AWJSONWriter.text(value)))
                ON CONFLICT (employee_id, key) DO UPDATE SET value = excluded.value
                """).run()
        }
    }

    func settingCount(employeeID: String) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM aw_settings WHERE employee_id = \(bind: employeeID)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    // MARK: rows

    private static func bucket(_ row: any SQLRow) throws -> AWBucket {
        AWBucket(
            no: try row.decode(column: "no", as: Int64.self), id: try row.decode(column: "name", as: String.self),
            employeeID: try row.decode(column: "employee_id", as: String.self), deviceID: try row.decode(column: "device_id", as: String.self),
            type: try row.decode(column: "type", as: String.self), client: try row.decode(column: "client", as: String.self),
            hostname: try row.decode(column: "hostname", as: String.self), created: try row.decode(column: "created_ms", as: Int64.self),
            data: try AWJSONParser.parse(try row.decode(column: "data", as: String.self)).members ?? []
        )
    }

    private static func event(_ row: any SQLRow) throws -> AWEvent {
        let start = try row.decode(column: "start_ms", as: Int64.self)
        return AWEvent(
            id: try row.decode(column: "id", as: Int64.self), start: start,
            duration: try row.decode(column: "end_ms", as: Int64.self) - start,
            data: try AWJSONParser.parse(try row.decode(column: "data", as: String.self)).members ?? []
        )
    }
}
