import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// A person's schedule for their export (shifts, time off, requests, profile, skills, attendance) and its erasure:
/// their past shifts, time off, requests, profile and attendance go; shifts still ahead stay in the plan as open
/// shifts (a team should not lose cover because someone left); notifications naming them are dropped.
public struct SchedulePersonalData: PersonalDataPart {
    let database: any Database
    let time: TimeSource

    public init(database: any Database, time: TimeSource) {
        self.database = database
        self.time = time
    }

    static let owned = ["schedule_profiles", "schedule_day_preferences", "employee_skills", "attendance_shifts", "attendance_unscheduled"]

    public func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            let queries: [(String, SQLQueryString)] = [
                ("schedule/shifts.json", "SELECT * FROM shifts WHERE employee_id = \(bind: person) ORDER BY start_ms"),
                ("schedule/time_off.json", "SELECT * FROM time_off WHERE employee_id = \(bind: person) ORDER BY start_ms"),
                ("schedule/shift_requests.json", """
                    SELECT * FROM shift_requests WHERE requester_id = \(bind: person) OR target_employee_id = \(bind: person) ORDER BY created_at
                    """),
            ] + Self.owned.map { ("schedule/\($0).json", "SELECT * FROM \(ident: $0) WHERE employee_id = \(bind: person)") }
            for (name, query) in queries { export.add(name, try PersonalRows.json(try await db.raw(query).all())) }
        }
    }

    /// The attendance refresher derives rows from rollups under this lock: a refresh that read the person's rollups
    /// before the erasure deleted them would otherwise write their attendance back after it (seen on a loaded run).
    public func lockForErasure(in db: any SQLDatabase, engine: DatabaseEngineKind) async throws {
        try await db.lockRow(table: "attendance_state", id: AttendanceCache.consumer, engine: engine)
    }

    public func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let person = subject.id
        let now = time.now.epochMillis
        var counts: [String: Int] = [:]
        _ = try await db.rowsTouched("""
            DELETE FROM shift_requests WHERE requester_id = \(bind: person) OR target_employee_id = \(bind: person) RETURNING 1
            """)
        counts["shifts"] = try await db.rowsTouched("DELETE FROM shifts WHERE employee_id = \(bind: person) AND start_ms < \(bind: now) RETURNING 1")
        counts["shifts left open"] = try await db.rowsTouched("""
            UPDATE shifts SET employee_id = NULL WHERE employee_id = \(bind: person) RETURNING 1
            """)
        counts["time off"] = try await db.rowsTouched("DELETE FROM time_off WHERE employee_id = \(bind: person) RETURNING 1")
        for table in Self.owned + ["calendar_tokens"] {
            _ = try await db.rowsTouched("DELETE FROM \(ident: table) WHERE employee_id = \(bind: person) RETURNING 1")
        }
        _ = try await db.rowsTouched("UPDATE shifts SET created_by = NULL WHERE created_by = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE time_off SET decided_by = NULL WHERE decided_by = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE shift_requests SET decided_by = NULL WHERE decided_by = \(bind: person) RETURNING 1")
        // Notifications and planning jobs that name them (their payloads are JSON written at the time).
        let mention = "%\(person)%"
        _ = try await db.rowsTouched("DELETE FROM schedule_outbox WHERE payload LIKE \(bind: mention) RETURNING 1")
        _ = try await db.rowsTouched("""
            DELETE FROM optimize_jobs WHERE requested_by = \(bind: person) OR request LIKE \(bind: mention) OR result LIKE \(bind: mention) RETURNING 1
            """)
        return counts
    }
}
