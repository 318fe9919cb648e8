import Activities
import SQLKit
import TrackerCore
import TrackerStore

/// Attendance's results kept by delta, so a report reads one row per shift and a few per person instead of joining
/// every shift with every hour of presence around it: per published assigned shift its presence (first and last
/// activity in its window, whether any falls inside it, active time inside), and the hours of active time that no
/// shift's window touches.
///
/// What changed comes from `RollupMarks`: the rollup writer marks each hour it writes; a shift write marks the
/// shift's time widened by the widest windows a setting allows (`AttendanceMarks`). `refresh` runs before each
/// report and recomputes only what the marks touch; when the arrival or overtime window differs from the one the
/// rows were computed with (a settings change, or the first report after the migration) it recomputes everything.
enum AttendanceCache {
    static let consumer = RollupMarks.attendance
    /// The longest a shift's window can be: a shift plus the widest arrival and overtime windows.
    static let maxWindowMs = ShiftStore.maxLengthMs
        + Int64(ScheduleSettings.maxEarlyArrivalMinutes + ScheduleSettings.maxOvertimeWindowMinutes) * 60_000

    /// Brings the rows up to date for `window`. Refreshes run one at a time (the state row's lock); ingest never
    /// waits for one except on a mark it claimed. Returns true when it recomputed everything.
    @discardableResult
    static func refresh(_ database: any Database, window: AttendanceQueries.Window, at now: Int64) async throws -> Bool {
        let needed = try await database.withConnection { db in
            if try await state(db) != window { return true }
            return try await RollupMarks.pending(db, consumer: consumer)
        }
        guard needed else { return false }
        let engine = database.engine
        let whole = try await database.withTransaction { db in
            try await db.lockRow(table: "attendance_state", id: consumer, engine: engine)
            let whole = try await state(db) != window
            try await RollupMarks.claim(db, consumer: consumer, engine: engine)
            if whole {
                try await db.raw("DELETE FROM attendance_shifts").run()
                try await db.raw("DELETE FROM attendance_unscheduled").run()
                try await presence(db, window: window, only: nil)
                try await unscheduled(db, window: window, marked: false)
                try await db.raw("""
                    UPDATE attendance_state SET early_ms = \(bind: window.early), overtime_ms = \(bind: window.overtime),
                      built_at = \(bind: now) WHERE id = \(bind: consumer)
                    """).run()
            } else {
                try await applyMarks(db, window: window)
            }
            try await RollupMarks.release(db, consumer: consumer)
            return whole
        }
        if whole {
            // The rows are current already; a tidy that fails costs speed until autovacuum, not correctness.
            try? await database.withConnection { db in
                try await RollupMarks.tidy(db, engine: engine)
                try await db.tidyAfterBulkChange(["attendance_shifts", "attendance_unscheduled"], engine: engine)
            }
        }
        return whole
    }

    /// The window the rows were computed with (nil before the first build).
    static func state(_ db: any SQLDatabase) async throws -> AttendanceQueries.Window? {
        guard let row = try await db.raw("SELECT early_ms, overtime_ms FROM attendance_state WHERE id = \(bind: consumer)").first()
        else { return nil }
        let early = try row.decode(column: "early_ms", as: Int64.self), overtime = try row.decode(column: "overtime_ms", as: Int64.self)
        return early < 0 || overtime < 0 ? nil : .init(early: early, overtime: overtime)
    }

    /// Recomputes what the claimed marks touch: rows of shifts whose stored window meets a mark go; shifts whose
    /// window meets one now are computed again; hours inside a mark are judged again.
    static func applyMarks(_ db: any SQLDatabase, window: AttendanceQueries.Window) async throws {
        let marks = RollupMarks.claimed(consumer)
        try await db.raw("""
            DELETE FROM attendance_shifts WHERE shift_id IN (
              SELECT a.shift_id FROM \(marks) m JOIN attendance_shifts a ON a.employee_id = m.employee_id
                AND a.window_from > m.from_ms - \(literal: maxWindowMs) AND a.window_from < m.to_ms AND a.window_to > m.from_ms)
            """).run()
        let touched: SQLQueryString = """
             AND s.id IN (
              SELECT t.id FROM \(marks) m JOIN shifts t ON t.employee_id = m.employee_id
                AND t.start_ms > m.from_ms - \(literal: ShiftStore.maxLengthMs + window.overtime)
                AND t.start_ms - \(literal: window.early) < m.to_ms AND t.end_ms + \(literal: window.overtime) > m.from_ms)
            """
        try await presence(db, window: window, only: touched)
        try await db.raw("""
            DELETE FROM attendance_unscheduled WHERE (employee_id, hour_start) IN (
              SELECT u.employee_id, u.hour_start FROM \(marks) m JOIN attendance_unscheduled u ON u.employee_id = m.employee_id
                AND u.hour_start > m.from_ms - \(literal: HourBucket.millis) AND u.hour_start < m.to_ms)
            """).run()
        try await unscheduled(db, window: window, marked: true)
    }

    /// Writes the presence of published assigned shifts (those matching `only`, a condition on `s`, or all): the
    /// hourly presence rows around each aggregated per shift. Presence rows keep the first and last active instant of
    /// each hour and its active time, so arrival and leaving are exact to the minute, while active time inside a
    /// shift's first and last hour is prorated over the hour's [first, last] active span.
    static func presence(_ db: any SQLDatabase, window: AttendanceQueries.Window, only: SQLQueryString?) async throws {
        let early = window.early, overtime = window.overtime
        let clipFirst: SQLQueryString = "CASE WHEN r.first_active_ms > s.start_ms - \(literal: early) THEN r.first_active_ms ELSE s.start_ms - \(literal: early) END"
        let clipLast: SQLQueryString = "CASE WHEN r.last_active_ms < s.end_ms + \(literal: overtime) THEN r.last_active_ms ELSE s.end_ms + \(literal: overtime) END"
        let activeInside: SQLQueryString = """
            CASE WHEN r.first_active_ms >= s.start_ms AND r.last_active_ms <= s.end_ms THEN r.active_ms
                 WHEN r.last_active_ms <= s.start_ms OR r.first_active_ms >= s.end_ms THEN 0
                 ELSE r.active_ms * ((CASE WHEN r.last_active_ms < s.end_ms THEN r.last_active_ms ELSE s.end_ms END)
                   - (CASE WHEN r.first_active_ms > s.start_ms THEN r.first_active_ms ELSE s.start_ms END))
                   / (r.last_active_ms - r.first_active_ms) END
            """
        var query: SQLQueryString = """
            INSERT INTO attendance_shifts (shift_id, employee_id, window_from, window_to, first_ms, last_ms, inside, active_ms)
            SELECT s.id, MIN(s.employee_id), MIN(s.start_ms) - \(literal: early), MIN(s.end_ms) + \(literal: overtime),
              MIN(\(clipFirst)), MAX(\(clipLast)),
              MAX(CASE WHEN r.last_active_ms > s.start_ms AND r.first_active_ms < s.end_ms THEN 1 ELSE 0 END),
              CAST(SUM(\(activeInside)) AS BIGINT)
            FROM shifts s JOIN \(RollupReader.presenceSource) r ON r.employee_id = s.employee_id
              AND r.hour_start > s.start_ms - \(literal: early + HourBucket.millis) AND r.hour_start < s.end_ms + \(literal: overtime)
              AND r.first_active_ms IS NOT NULL
              AND r.last_active_ms > s.start_ms - \(literal: early) AND r.first_active_ms < s.end_ms + \(literal: overtime)
            WHERE s.status = 'published' AND s.employee_id IS NOT NULL
            """
        if let only { query += only }
        query += """
             GROUP BY s.id
            ON CONFLICT (shift_id) DO UPDATE SET employee_id = excluded.employee_id, window_from = excluded.window_from,
              window_to = excluded.window_to, first_ms = excluded.first_ms, last_ms = excluded.last_ms, inside = excluded.inside,
              active_ms = excluded.active_ms
            """
        try await db.raw(query).run()
    }

    /// Writes the hours with active time that no published shift's window (`[start - early, end + overtime)`) touches:
    /// every hour, or only those inside a claimed mark.
    static func unscheduled(_ db: any SQLDatabase, window: AttendanceQueries.Window, marked: Bool) async throws {
        let early = window.early, overtime = window.overtime
        var query: SQLQueryString = """
            INSERT INTO attendance_unscheduled (employee_id, hour_start, active_ms)
            SELECT DISTINCT r.employee_id, r.hour_start, r.active_ms FROM
            """
        if marked {
            query += " " + RollupMarks.claimed(consumer) + """
                 m JOIN \(RollupReader.presenceSource) r ON r.employee_id = m.employee_id
                  AND r.hour_start > m.from_ms - \(literal: HourBucket.millis) AND r.hour_start < m.to_ms
                """
        } else {
            query += " " + RollupReader.presenceSource + " r"
        }
        query += """
             WHERE r.active_ms > 0 AND NOT EXISTS (
              SELECT 1 FROM shifts s WHERE s.employee_id = r.employee_id AND s.status = 'published'
                AND s.start_ms > r.hour_start - \(literal: ShiftStore.maxLengthMs + overtime)
                AND s.start_ms - \(literal: early) < r.hour_start + \(literal: HourBucket.millis) AND s.end_ms + \(literal: overtime) > r.hour_start)
            ON CONFLICT (employee_id, hour_start) DO UPDATE SET active_ms = excluded.active_ms
            """
        try await db.raw(query).run()
    }
}
