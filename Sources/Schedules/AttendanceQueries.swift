import Activities
import Foundation
import SQLKit
import TrackerCore

/// The two queries of an attendance view, each one statement over the whole scope (not one per shift or person):
/// published shifts joined with the hourly presence rows around them, and active time per person per local day with
/// the part outside every shift.
///
/// Resolution: presence rows keep the first and last active instant of each hour and its active time, so arrival and
/// leaving are exact to the minute, while active time inside a shift's first and last hour is prorated over the
/// hour's [first, last] active span.
enum AttendanceQueries {
    struct Window: Sendable {
        /// Activity this long before a shift's start counts as arriving for it (ms).
        var early: Int64
        /// Activity this long after a shift's end counts as staying on (ms).
        var overtime: Int64
    }

    /// A published assigned shift with the presence around it: only what attendance reads.
    struct ShiftPresence: Sendable {
        var id: String
        var teamId: String
        var employeeId: String
        var start: Int64
        var end: Int64
        var breakMinutes: Int
        var first: Int64?
        var last: Int64?
        var inside: Bool
        var activeMs: Int64

        var paidMinutes: Int { max(0, Int((end - start) / 60_000) - breakMinutes) }
    }

    /// Published assigned shifts overlapping `[lo, hi)` that match `filter`, with presence around each. The presence
    /// rows are aggregated per shift id in a subquery (grouping by one key, not by every column answered), then joined
    /// back to the shifts.
    static func shifts(_ filter: ShiftFilter, lo: Int64, hi: Int64, window: Window, limit: Int, _ db: any SQLDatabase) async throws -> [ShiftPresence] {
        let early = window.early, overtime = window.overtime
        func inRange(_ alias: String) -> SQLQueryString {
            let a = SQLQueryString(alias)
            return " " + a + ".status = 'published' AND " + a + ".employee_id IS NOT NULL AND " + a
                + ".start_ms > \(bind: lo - ShiftStore.maxLengthMs) AND " + a + ".start_ms < \(bind: hi) AND " + a + ".end_ms > \(bind: lo)"
        }
        let clipFirst: SQLQueryString = "CASE WHEN r.first_active_ms > s.start_ms - \(literal: early) THEN r.first_active_ms ELSE s.start_ms - \(literal: early) END"
        let clipLast: SQLQueryString = "CASE WHEN r.last_active_ms < s.end_ms + \(literal: overtime) THEN r.last_active_ms ELSE s.end_ms + \(literal: overtime) END"
        let activeInside: SQLQueryString = """
            CASE WHEN r.first_active_ms >= s.start_ms AND r.last_active_ms <= s.end_ms THEN r.active_ms
                 WHEN r.last_active_ms <= s.start_ms OR r.first_active_ms >= s.end_ms THEN 0
                 ELSE r.active_ms * ((CASE WHEN r.last_active_ms < s.end_ms THEN r.last_active_ms ELSE s.end_ms END)
                   - (CASE WHEN r.first_active_ms > s.start_ms THEN r.first_active_ms ELSE s.start_ms END))
                   / (r.last_active_ms - r.first_active_ms) END
            """
        var presence: SQLQueryString = """
            SELECT s.id AS shift_id, MIN(\(clipFirst)) AS first_p, MAX(\(clipLast)) AS last_p,
              MAX(CASE WHEN r.last_active_ms > s.start_ms AND r.first_active_ms < s.end_ms THEN 1 ELSE 0 END) AS inside,
              CAST(SUM(\(activeInside)) AS BIGINT) AS active_in
            FROM shifts s JOIN \(RollupReader.presenceSource) r ON r.employee_id = s.employee_id
              AND r.hour_start > s.start_ms - \(literal: early + 3_600_000) AND r.hour_start < s.end_ms + \(literal: overtime)
              AND r.first_active_ms IS NOT NULL
              AND r.last_active_ms > s.start_ms - \(literal: early) AND r.first_active_ms < s.end_ms + \(literal: overtime)
            WHERE
            """
        presence += inRange("s") + filter.condition(on: "s") + " GROUP BY s.id"
        var query: SQLQueryString = """
            SELECT x.id, x.team_id, x.employee_id, x.start_ms, x.end_ms, x.break_minutes, p.first_p, p.last_p, p.inside, p.active_in
            FROM shifts x LEFT JOIN (
            """
        query += presence + ") p ON p.shift_id = x.id WHERE" + inRange("x") + filter.condition(on: "x")
        query += " ORDER BY x.start_ms, x.id LIMIT \(literal: limit)"
        return try await db.raw(query).all().map { row in
            ShiftPresence(
                id: try row.decode(column: "id", as: String.self), teamId: try row.decode(column: "team_id", as: String.self),
                employeeId: try row.decode(column: "employee_id", as: String.self), start: try row.decode(column: "start_ms", as: Int64.self),
                end: try row.decode(column: "end_ms", as: Int64.self), breakMinutes: try row.decode(column: "break_minutes", as: Int.self),
                first: try row.decode(column: "first_p", as: Int64?.self), last: try row.decode(column: "last_p", as: Int64?.self),
                inside: (try row.decode(column: "inside", as: Int64?.self) ?? 0) != 0,
                activeMs: try row.decode(column: "active_in", as: Int64?.self) ?? 0
            )
        }
    }

    struct DayActivity: Sendable {
        var employee: String
        var localDay: Int64
        var trackedMs: Int64
        var unscheduledMs: Int64
    }

    /// Active time per person per local day of `days`, and the part of it in hours that no published shift's window
    /// (`[start - early, end + overtime)`) touches.
    static func days(people: [String], from: Date, to: Date, zone: TimeZone, window: Window,
                     _ db: any SQLDatabase) async throws -> [DayActivity] {
        guard !people.isEmpty else { return [] }
        let localDay = RollupReader.localDayNumber(from: from, to: to, zone: zone)
        let early = window.early, overtime = window.overtime
        let query: SQLQueryString = """
            SELECT r.employee_id AS person, \(localDay) AS local_day, CAST(SUM(r.active_ms) AS BIGINT) AS tracked,
              CAST(SUM(CASE WHEN EXISTS (
                SELECT 1 FROM shifts s WHERE s.employee_id = r.employee_id AND s.status = 'published'
                  AND s.start_ms > r.hour_start - \(literal: ShiftStore.maxLengthMs + overtime)
                  AND s.start_ms - \(literal: early) < r.hour_start + 3600000 AND s.end_ms + \(literal: overtime) > r.hour_start
              ) THEN 0 ELSE r.active_ms END) AS BIGINT) AS unscheduled
            FROM \(RollupReader.presenceSource) r
            WHERE r.employee_id IN (\(binds: people)) AND r.hour_start >= \(bind: from.epochMillis) AND r.hour_start < \(bind: to.epochMillis)
              AND r.active_ms > 0
            GROUP BY r.employee_id, local_day
            """
        return try await db.raw(query).all().map { row in
            DayActivity(
                employee: try row.decode(column: "person", as: String.self), localDay: try row.decode(column: "local_day", as: Int64.self),
                trackedMs: try row.decode(column: "tracked", as: Int64.self), unscheduledMs: try row.decode(column: "unscheduled", as: Int64.self)
            )
        }
    }
}
