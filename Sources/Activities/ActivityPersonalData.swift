import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// A person's activity for their export (events as CSV; idle periods and rollups as JSON) and its erasure: their
/// events, idle periods, rollups and queued work go, and the organisation totals lose their share, so the
/// organisation's rollups still equal the sum of the people's.
struct ActivityPersonalData: PersonalDataPart {
    let database: any Database

    func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            let events = try await db.raw("""
                SELECT e.start_ms, e.end_ms, d.device_id, a.value AS app, t.value AS title, u.value AS url
                FROM activity_people p JOIN activity_events e ON e.person_no = p.no
                JOIN activity_devices d ON d.no = e.device_no
                JOIN activity_texts a ON a.id = e.app_id JOIN activity_texts t ON t.id = e.title_id LEFT JOIN activity_texts u ON u.id = e.url_id
                WHERE p.employee_id = \(bind: person) ORDER BY e.start_ms, e.device_no, e.seq
                """).all()
            let lines = try events.map { row -> [String] in
                let start = try row.decode(column: "start_ms", as: Int64.self), end = try row.decode(column: "end_ms", as: Int64.self)
                return [RFC3339.format(Date(epochMillis: start)), RFC3339.format(Date(epochMillis: end)), String(Double(end - start) / 1000),
                        try row.decode(column: "device_id", as: String.self), try row.decode(column: "app", as: String.self),
                        try row.decode(column: "title", as: String.self), try row.decode(column: "url", as: String?.self) ?? ""]
            }
            export.add("activity/events.csv", text: CSV.document(header: ["start", "end", "seconds", "deviceId", "app", "title", "url"], rows: lines))
            let queries: [(String, SQLQueryString)] = [
                ("activity/idle_periods.json", "SELECT * FROM idle_periods WHERE employee_id = \(bind: person) ORDER BY start_ms"),
                ("activity/hourly_rollups.json", "SELECT * FROM hourly_rollups WHERE employee_id = \(bind: person) ORDER BY hour_start"),
                ("activity/hourly_app_rollups.json", "SELECT * FROM hourly_app_rollups WHERE employee_id = \(bind: person) ORDER BY hour_start, app"),
            ]
            for (name, query) in queries { export.add(name, try PersonalRows.json(try await db.raw(query).all())) }
        }
    }

    func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let person = subject.id
        // The organisation's totals lose this person's share first (they are kept by delta, never recomputed).
        let hours = try await db.raw("""
            SELECT hour_start, \(unsafeRaw: RollupWriter.measureColumns.joined(separator: ", ")) FROM hourly_rollups
            WHERE employee_id = \(bind: person)
            """).all()
        for row in hours {
            let delta = try RollupWriter.measureColumns.map { -(try row.decode(column: $0, as: Int64.self)) }
            try await RollupWriter.addOrganizationDelta(db, employeeID: person, hour: try row.decode(column: "hour_start", as: Int64.self), delta: delta)
        }
        // And its per-app days lose this person's time.
        let days = try await db.raw("SELECT day_start, app, category, ms FROM daily_app_rollups WHERE employee_id = \(bind: person)").all()
        var byDay: [Int64: [(key: HourRollup.AppKey, ms: Int64)]] = [:]
        for row in days {
            let key = HourRollup.AppKey(app: try row.decode(column: "app", as: String.self),
                                        category: ProductivityCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .uncategorized)
            byDay[try row.decode(column: "day_start", as: Int64.self), default: []].append((key, -(try row.decode(column: "ms", as: Int64.self))))
        }
        for (day, changes) in byDay.sorted(by: { $0.key < $1.key }) {
            try await RollupWriter.addOrganizationAppDelta(db, employeeID: person, day: day, changes: changes)
        }
        var counts: [String: Int] = [:]
        let person_no: SQLQueryString = "(SELECT no FROM activity_people WHERE employee_id = \(bind: person))"
        counts["events"] = try await db.rowsTouched("DELETE FROM activity_events WHERE person_no = \(person_no) RETURNING 1")
        _ = try await db.rowsTouched("DELETE FROM activity_event_hours WHERE person_no = \(person_no) RETURNING 1")
        counts["idle periods"] = try await db.rowsTouched("DELETE FROM idle_periods WHERE employee_id = \(bind: person) RETURNING 1")
        counts["hourly rollups"] = hours.count
        for table in ["idle_segments", "hourly_rollups", "hourly_app_rollups", "daily_app_rollups", "rollup_marks", "rebuild_jobs"] {
            _ = try await db.rowsTouched("DELETE FROM \(ident: table) WHERE employee_id = \(bind: person) RETURNING 1")
        }
        // Their devices' numbers (the devices themselves are Auth's, erased after this part).
        for device in subject.deviceIDs {
            _ = try await db.rowsTouched("DELETE FROM activity_devices WHERE device_id = \(bind: device) RETURNING 1")
        }
        _ = try await db.rowsTouched("DELETE FROM activity_people WHERE employee_id = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE productivity_rules SET created_by = 'erased' WHERE created_by = \(bind: person) RETURNING 1")
        return counts
    }
}

extension ActivityModule {
    /// Activities' share of a person's export and erasure.
    public var personalData: any PersonalDataPart { ActivityPersonalData(database: database) }
}
