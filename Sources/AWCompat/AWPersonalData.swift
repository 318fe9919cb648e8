import SQLKit
import TrackerStore

/// A person's ActivityWatch buckets (with the events kept here), and their aw-webui settings, for the data export
/// and erasure. (Window buckets' events are activity: Activities exports and erases them.)
public struct AWPersonalData: PersonalDataPart {
    let database: any Database

    public func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            export.add("activitywatch/buckets.json", try PersonalRows.json(try await db.raw("""
                SELECT name, device_id, type, client, hostname, created_ms, data FROM aw_buckets WHERE employee_id = \(bind: person) ORDER BY no
                """).all()))
            export.add("activitywatch/events.json", try PersonalRows.json(try await db.raw("""
                SELECT b.name AS bucket, e.id, e.start_ms, e.end_ms, e.data FROM aw_buckets b JOIN aw_events e ON e.bucket_no = b.no
                WHERE b.employee_id = \(bind: person) ORDER BY b.no, e.start_ms, e.id
                """).all()))
            export.add("activitywatch/settings.json", try PersonalRows.json(try await db.raw("""
                SELECT key, value FROM aw_settings WHERE employee_id = \(bind: person) ORDER BY key
                """).all()))
        }
    }

    public func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let events = try await db.rowsTouched("""
            DELETE FROM aw_events WHERE bucket_no IN (SELECT no FROM aw_buckets WHERE employee_id = \(bind: subject.id)) RETURNING 1
            """)
        let buckets = try await db.rowsTouched("DELETE FROM aw_buckets WHERE employee_id = \(bind: subject.id) RETURNING 1")
        _ = try await db.rowsTouched("DELETE FROM aw_settings WHERE employee_id = \(bind: subject.id) RETURNING 1")
        return ["activitywatch buckets": buckets, "activitywatch events": events]
    }
}
