import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// An event with its position in the listing's order (the paging key).
struct ListedEvent: Sendable {
    let event: ActivityEvent
    let key: [String]
}

/// Reads of raw events and idle periods (listing); dashboards read rollups instead.
public struct ActivityReader: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// How many activity events are stored (a backup's check reports it).
    public func eventCount() async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM activity_events").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Events of `employeeID` starting in `[from, to)`, ordered by start, device and sequence; `after` is the `key`
    /// of the last event of the previous page.
    func events(employeeID: String, from: Date, to: Date, after: [String]?, limit: Int) async throws -> [ListedEvent] {
        var position: SQLQueryString = ""
        if let after {
            guard after.count == 3, let start = Int64(after[0]), let device = Int64(after[1]), let seq = Int64(after[2]) else {
                throw SimpleAppError.invalid("cursor", "is not a cursor of this listing")
            }
            position = "AND (e.start_ms > \(bind: start) OR (e.start_ms = \(bind: start) AND (e.device_no > \(bind: device) OR (e.device_no = \(bind: device) AND e.seq > \(bind: seq)))))"
        }
        return try await database.withConnection { [position] db in
            let rows = try await db.raw("""
                SELECT e.start_ms, e.end_ms, e.device_no, e.seq, e.client_hi, e.client_lo, d.device_id, a.value AS app, t.value AS title, u.value AS url
                FROM activity_people p JOIN activity_events e ON e.person_no = p.no
                JOIN activity_devices d ON d.no = e.device_no
                JOIN activity_texts a ON a.id = e.app_id JOIN activity_texts t ON t.id = e.title_id
                LEFT JOIN activity_texts u ON u.id = e.url_id
                WHERE p.employee_id = \(bind: employeeID) AND e.start_ms >= \(bind: from.epochMillis) AND e.start_ms < \(bind: to.epochMillis)
                \(position)
                ORDER BY e.start_ms, e.device_no, e.seq LIMIT \(bind: limit)
                """).all()
            return try rows.map { row in
                let start = try row.decode(column: "start_ms", as: Int64.self)
                let device = try row.decode(column: "device_no", as: Int64.self), seq = try row.decode(column: "seq", as: Int64.self)
                let event = ActivityEvent(
                    id: try ClientID.decode(row) ?? String(seq),
                    deviceId: try row.decode(column: "device_id", as: String.self),
                    employeeId: employeeID,
                    timestamp: Date(epochMillis: start),
                    duration: Double(try row.decode(column: "end_ms", as: Int64.self) - start) / 1000,
                    app: try row.decode(column: "app", as: String.self),
                    title: try row.decode(column: "title", as: String.self),
                    url: try row.decode(column: "url", as: String?.self)
                )
                return ListedEvent(event: event, key: [String(start), String(device), String(seq)])
            }
        }
    }

    /// Idle periods overlapping `[from, to)`; notes marked private are hidden unless `revealPrivateNotes`.
    public func idlePeriods(employeeID: String, from: Date, to: Date, revealPrivateNotes: Bool) async throws -> [IdlePeriod] {
        try await database.withConnection { db in
            try await db.select()
                .columns("device_id", "id", "employee_id", "start_ms", "end_ms", "reason", "classification", "note", "note_private")
                .from("idle_periods").where("employee_id", .equal, employeeID)
                .where("start_ms", .lessThan, to.epochMillis).where("end_ms", .greaterThan, from.epochMillis)
                .orderBy("start_ms").orderBy("id").limit(5_000).all().map { row in
                    let isPrivate = try row.decode(column: "note_private", as: Int.self) != 0
                    return IdlePeriod(
                        id: try row.decode(column: "id", as: String.self),
                        deviceId: try row.decode(column: "device_id", as: String.self),
                        employeeId: try row.decode(column: "employee_id", as: String.self),
                        start: Date(epochMillis: try row.decode(column: "start_ms", as: Int64.self)),
                        end: Date(epochMillis: try row.decode(column: "end_ms", as: Int64.self)),
                        reason: try row.decode(column: "reason", as: String.self),
                        classification: try row.decode(column: "classification", as: String?.self).flatMap(IdleClassification.init(rawValue:)),
                        note: isPrivate && !revealPrivateNotes ? nil : try row.decode(column: "note", as: String?.self),
                        notePrivate: isPrivate
                    )
                }
        }
    }

    /// The hourly rollups of `employeeID` for hours starting in `[from, to)`.
    public func hourly(employeeID: String, from: Date, to: Date) async throws -> [HourlyRollup] {
        let fromHour = HourBucket.floor(from.epochMillis), toMs = to.epochMillis
        return try await database.withConnection { db in
            let rows = try await db.select()
                .columns("hour_start", "active_ms", "idle_ms", "work_away_ms", "productive_ms", "neutral_ms", "unproductive_ms", "uncategorized_ms",
                         "first_active_ms", "last_active_ms")
                .from("hourly_rollups").where("employee_id", .equal, employeeID)
                .where("hour_start", .greaterThanOrEqual, fromHour).where("hour_start", .lessThan, toMs)
                .orderBy("hour_start").all()
            var apps: [Int64: [HourRollup.AppKey: Int64]] = [:]
            for row in try await db.select().columns("hour_start", "app", "category", "ms").from("hourly_app_rollups")
                .where("employee_id", .equal, employeeID)
                .where("hour_start", .greaterThanOrEqual, fromHour).where("hour_start", .lessThan, toMs).all() {
                let key = HourRollup.AppKey(
                    app: try row.decode(column: "app", as: String.self),
                    category: ProductivityCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .uncategorized
                )
                apps[try row.decode(column: "hour_start", as: Int64.self), default: [:]][key] = try row.decode(column: "ms", as: Int64.self)
            }
            return try rows.map { row in
                let hour = try row.decode(column: "hour_start", as: Int64.self)
                var rollup = HourRollup()
                rollup.active = try row.decode(column: "active_ms", as: Int64.self)
                rollup.idle = try row.decode(column: "idle_ms", as: Int64.self)
                rollup.workAway = try row.decode(column: "work_away_ms", as: Int64.self)
                rollup.productive = try row.decode(column: "productive_ms", as: Int64.self)
                rollup.neutral = try row.decode(column: "neutral_ms", as: Int64.self)
                rollup.unproductive = try row.decode(column: "unproductive_ms", as: Int64.self)
                rollup.uncategorized = try row.decode(column: "uncategorized_ms", as: Int64.self)
                rollup.firstActive = try row.decode(column: "first_active_ms", as: Int64?.self)
                rollup.lastActive = try row.decode(column: "last_active_ms", as: Int64?.self)
                rollup.apps = apps[hour] ?? [:]
                return HourlyRollup(hour: Date(epochMillis: hour), rollup: rollup)
            }
        }
    }
}
