import Activities
import Foundation
import TrackerCore
import SQLKit
import TrackerStore

/// What Schedules publishes for features that judge a person against their schedule (flags, gamification): a
/// person's published shifts judged as attendance judges them, and their approved time off. No access check: the
/// caller evaluates on the server's behalf and decides itself who may see its results.
public struct ScheduleFacts: Sendable {
    let database: any Database
    let settings: ScheduleSettingsStore
    let time: TimeSource

    /// A published shift of the person with its attendance (statuses as of now; `inProgress` until it ends).
    public struct JudgedShift: Sendable {
        public var id: String
        public var teamId: String
        public var start: Date
        public var end: Date
        /// Attendance as of now: nil for a shift that has not started.
        public var attendance: AttendanceReport.ShiftRow?

        public init(id: String, teamId: String, start: Date, end: Date, attendance: AttendanceReport.ShiftRow?) {
            self.id = id
            self.teamId = teamId
            self.start = start
            self.end = end
            self.attendance = attendance
        }
    }

    /// The person's published shifts overlapping `[from, to)` (at most 1,000), in start order.
    public func shifts(employeeID: String, from: Date, to: Date) async throws -> [JudgedShift] {
        // Most people on most days have none: one indexed probe, and no attendance refresh (a write) for them.
        let lo0 = from.epochMillis, hi0 = to.epochMillis
        let any = try await database.withConnection { db in
            try await db.raw("""
                SELECT 1 AS x FROM shifts WHERE employee_id = \(bind: employeeID) AND status = 'published'
                  AND start_ms > \(bind: lo0 - ShiftStore.maxLengthMs) AND start_ms < \(bind: hi0) AND end_ms > \(bind: lo0) LIMIT 1
                """).first() != nil
        }
        guard any else { return [] }
        async let settingsLoad = settings.organization()
        async let graceLoad = settings.teamGrace()
        let settings = try await settingsLoad, teamGrace = try await graceLoad
        let now = time.now.epochMillis
        try await AttendanceCache.refresh(database, window: .init(settings), at: Int64(time.now.timeIntervalSince1970))
        var shiftFilter = ShiftFilter()
        shiftFilter.employeeID = employeeID
        let filter = shiftFilter, lo = from.epochMillis, hi = to.epochMillis
        let rows = try await database.withConnection { db in
            try await AttendanceQueries.shifts(filter, lo: lo, hi: hi, limit: 1_000, db)
        }
        let zone = TimeZone.gmt
        let builder = AttendanceBuilder(
            names: [:], zone: zone, period: try LocalPeriod.make(kind: .day, anchor: "2000-01-01", timeZone: zone),
            range: ScheduleRange(from: lo, to: hi, period: nil), settings: settings, teamGrace: teamGrace, now: now
        )
        return rows.map { row in
            JudgedShift(id: row.id, teamId: row.teamId, start: Date(epochMillis: row.start), end: Date(epochMillis: row.end),
                        attendance: row.start <= now ? builder.judge(row, bounds: []) : nil)
        }
    }

    /// The person's approved time off overlapping `[from, to)`, as instants.
    public func approvedTimeOff(employeeID: String, from: Date, to: Date) async throws -> [Range<Date>] {
        let lo = from.epochMillis, hi = to.epochMillis
        return try await database.withConnection { db in
            try await ProfileStore.approvedTimeOff(employeeID, from: lo, to: hi, db).compactMap {
                $0.to > $0.from ? Date(epochMillis: $0.from)..<Date(epochMillis: $0.to) : nil
            }
        }
    }

    /// Published assigned shifts of anyone that end in `(from, to]`: (person, start) — the sweep judges each once it is over.
    public func shiftsEnding(after from: Date, through to: Date) async throws -> [(employeeID: String, start: Date)] {
        let lo = from.epochMillis, hi = to.epochMillis
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT employee_id, start_ms FROM shifts WHERE status = 'published' AND employee_id IS NOT NULL
                  AND start_ms > \(bind: lo - ShiftStore.maxLengthMs) AND start_ms <= \(bind: hi)
                  AND end_ms > \(bind: lo) AND end_ms <= \(bind: hi)
                LIMIT 100000
                """).all().map { (try $0.decode(column: "employee_id", as: String.self), Date(epochMillis: try $0.decode(column: "start_ms", as: Int64.self))) }
        }
    }

    /// Published assigned shifts of anyone running at `instant`: (person, start).
    public func shiftsRunning(at instant: Date) async throws -> [(employeeID: String, start: Date)] {
        let now = instant.epochMillis
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT employee_id, start_ms FROM shifts WHERE status = 'published' AND employee_id IS NOT NULL
                  AND start_ms > \(bind: now - ShiftStore.maxLengthMs) AND start_ms <= \(bind: now) AND end_ms > \(bind: now)
                LIMIT 100000
                """).all().map { (try $0.decode(column: "employee_id", as: String.self), Date(epochMillis: try $0.decode(column: "start_ms", as: Int64.self))) }
        }
    }
}
