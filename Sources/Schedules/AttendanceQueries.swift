import Activities
import Foundation
import SQLKit
import TrackerCore

/// The queries of an attendance view, each one statement over the whole scope (not one per shift or person), on the
/// rows `AttendanceCache` keeps current: published shifts with their presence, active time per person per local day,
/// and the part of it outside every shift.
enum AttendanceQueries {
    struct Window: Sendable, Equatable {
        /// Activity this long before a shift's start counts as arriving for it (ms).
        var early: Int64
        /// Activity this long after a shift's end counts as staying on (ms).
        var overtime: Int64

        init(early: Int64, overtime: Int64) {
            self.early = early
            self.overtime = overtime
        }

        init(_ settings: ScheduleSettings) {
            self.init(early: Int64(settings.earlyArrivalMinutes) * 60_000, overtime: Int64(settings.overtimeWindowMinutes) * 60_000)
        }
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

    /// Published assigned shifts overlapping `[lo, hi)` that match `filter`, with their presence.
    static func shifts(_ filter: ShiftFilter, lo: Int64, hi: Int64, limit: Int, _ db: any SQLDatabase) async throws -> [ShiftPresence] {
        var query: SQLQueryString = """
            SELECT x.id, x.team_id, x.employee_id, x.start_ms, x.end_ms, x.break_minutes, p.first_ms, p.last_ms, p.inside, p.active_ms
            FROM shifts x LEFT JOIN attendance_shifts p ON p.shift_id = x.id
            WHERE x.status = 'published' AND x.employee_id IS NOT NULL AND x.start_ms > \(bind: lo - ShiftStore.maxLengthMs)
              AND x.start_ms < \(bind: hi) AND x.end_ms > \(bind: lo)
            """
        query += filter.condition(on: "x") + " ORDER BY x.start_ms, x.id LIMIT \(literal: limit)"
        return try await db.raw(query).all().map { row in
            ShiftPresence(
                id: try row.decode(column: "id", as: String.self), teamId: try row.decode(column: "team_id", as: String.self),
                employeeId: try row.decode(column: "employee_id", as: String.self), start: try row.decode(column: "start_ms", as: Int64.self),
                end: try row.decode(column: "end_ms", as: Int64.self), breakMinutes: try row.decode(column: "break_minutes", as: Int.self),
                first: try row.decode(column: "first_ms", as: Int64?.self), last: try row.decode(column: "last_ms", as: Int64?.self),
                inside: (try row.decode(column: "inside", as: Int64?.self) ?? 0) != 0,
                activeMs: try row.decode(column: "active_ms", as: Int64?.self) ?? 0
            )
        }
    }

    struct DayActivity: Sendable {
        var employee: String
        var localDay: Int64
        var activeMs: Int64
    }

    /// Active time per person per local day of `from..<to`: all of it, or the part outside every shift's window.
    static func days(_ table: DayTable, people: [String], from: Date, to: Date, zone: TimeZone,
                     _ db: any SQLDatabase) async throws -> [DayActivity] {
        guard !people.isEmpty else { return [] }
        let localDay = RollupReader.localDayNumber(from: from, to: to, zone: zone)
        let query: SQLQueryString = """
            SELECT employee_id AS person, \(localDay) AS local_day, CAST(SUM(active_ms) AS BIGINT) AS active
            FROM \(table.source) r
            WHERE employee_id IN (\(binds: people)) AND hour_start >= \(bind: from.epochMillis) AND hour_start < \(bind: to.epochMillis)
              AND active_ms > 0
            GROUP BY employee_id, local_day
            """
        return try await db.raw(query).all().map { row in
            DayActivity(
                employee: try row.decode(column: "person", as: String.self), localDay: try row.decode(column: "local_day", as: Int64.self),
                activeMs: try row.decode(column: "active", as: Int64.self)
            )
        }
    }

    enum DayTable {
        case tracked, unscheduled

        var source: SQLQueryString {
            switch self {
            case .tracked: RollupReader.presenceSource
            case .unscheduled: "attendance_unscheduled"
            }
        }
    }
}
