import Foundation
import SQLKit
import TrackerHTTP

/// A person's contract limits, availability and day preferences as stored (minutes, JSON windows, dates).
struct ProfileRecord: Sendable, Equatable {
    var maxWeekMinutes: Int?
    var maxWeekShifts: Int?
    var minRestMinutes: Int?
    var availability: [String: [ScheduleProfile.Window]]?
    var desiredDates: [String] = []
    var undesiredDates: [String] = []
    var unavailableDates: [String] = []
}

/// The SQL of `schedule_profiles`, `schedule_day_preferences` and `employee_skills`.
enum ProfileStore {
    static func load(_ employeeID: String, _ db: any SQLDatabase) async throws -> ProfileRecord {
        var record = ProfileRecord()
        if let row = try await db.raw("""
            SELECT max_week_minutes, max_week_shifts, min_rest_minutes, availability FROM schedule_profiles
            WHERE employee_id = \(bind: employeeID)
            """).first() {
            record.maxWeekMinutes = try row.decode(column: "max_week_minutes", as: Int?.self)
            record.maxWeekShifts = try row.decode(column: "max_week_shifts", as: Int?.self)
            record.minRestMinutes = try row.decode(column: "min_rest_minutes", as: Int?.self)
            record.availability = try row.decode(column: "availability", as: String?.self).flatMap {
                try? JSONCoding.decoder.decode([String: [ScheduleProfile.Window]].self, from: Data($0.utf8))
            }
        }
        for row in try await db.raw("""
            SELECT day, kind FROM schedule_day_preferences WHERE employee_id = \(bind: employeeID) ORDER BY day
            """).all() {
            let day = try row.decode(column: "day", as: String.self)
            switch try row.decode(column: "kind", as: String.self) {
            case "desired": record.desiredDates.append(day)
            case "undesired": record.undesiredDates.append(day)
            default: record.unavailableDates.append(day)
            }
        }
        return record
    }

    static func save(_ employeeID: String, _ record: ProfileRecord, at: Int64, _ db: any SQLDatabase) async throws {
        let availability = try record.availability.map { String(decoding: try JSONCoding.encoder.encode($0), as: UTF8.self) }
        try await db.raw("DELETE FROM schedule_profiles WHERE employee_id = \(bind: employeeID)").run()
        try await db.raw("""
            INSERT INTO schedule_profiles (employee_id, max_week_minutes, max_week_shifts, min_rest_minutes, availability, updated_at)
            VALUES (\(bind: employeeID), \(bind: record.maxWeekMinutes), \(bind: record.maxWeekShifts), \(bind: record.minRestMinutes),
              \(bind: availability), \(bind: at))
            """).run()
        try await db.raw("DELETE FROM schedule_day_preferences WHERE employee_id = \(bind: employeeID)").run()
        let days = record.desiredDates.map { ($0, "desired") } + record.undesiredDates.map { ($0, "undesired") }
            + record.unavailableDates.map { ($0, "unavailable") }
        guard !days.isEmpty else { return }
        var insert = db.insert(into: "schedule_day_preferences").columns("employee_id", "day", "kind")
        for (day, kind) in days { insert = insert.values(SQLBind(employeeID), SQLBind(day), SQLBind(kind)) }
        try await insert.run()
    }

    static func skillIDs(_ employeeID: String, _ db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.raw("SELECT skill_id FROM employee_skills WHERE employee_id = \(bind: employeeID)").all()
            .map { try $0.decode(column: "skill_id", as: String.self) })
    }

    static func setSkills(_ employeeID: String, _ skillIDs: [String], _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM employee_skills WHERE employee_id = \(bind: employeeID)").run()
        guard !skillIDs.isEmpty else { return }
        var insert = db.insert(into: "employee_skills").columns("employee_id", "skill_id")
        for id in skillIDs { insert = insert.values(SQLBind(employeeID), SQLBind(id)) }
        try await insert.run()
    }

    /// Approved time off of a person overlapping `[from, to)`.
    static func approvedTimeOff(_ employeeID: String, from: Int64, to: Int64, _ db: any SQLDatabase) async throws -> [(id: String, from: Int64, to: Int64)] {
        try await db.raw("""
            SELECT id, start_ms, end_ms FROM time_off WHERE employee_id = \(bind: employeeID) AND status = 'approved'
              AND start_ms < \(bind: to) AND end_ms > \(bind: from) ORDER BY start_ms
            """).all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "start_ms", as: Int64.self), try $0.decode(column: "end_ms", as: Int64.self))
        }
    }
}
