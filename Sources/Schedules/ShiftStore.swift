import Foundation
import SQLKit
import TrackerCore

/// The SQL of the `shifts` table, run on a connection or transaction the caller holds (so rule checks and the write
/// that follows them share one transaction).
enum ShiftStore {
    /// Shifts last at most this long, so "overlaps [from, to)" can be searched by start time within
    /// `[from - maxLength, to)` on the start index.
    static let maxLengthMs: Int64 = 24 * 3_600_000

    static func shift(id: String, _ db: any SQLDatabase) async throws -> ShiftRecord? {
        try await db.raw(ShiftRecord.selectFrom + " WHERE s.id = \(bind: id)").first().map(ShiftRecord.init(row:))
    }

    /// A person's shifts overlapping `[from, to)`, any status, ordered by start.
    static func personShifts(_ employeeID: String, from: Int64, to: Int64, _ db: any SQLDatabase) async throws -> [ShiftRecord] {
        try await db.raw(ShiftRecord.selectFrom + """
             WHERE s.employee_id = \(bind: employeeID) AND s.start_ms > \(bind: from - maxLengthMs) AND s.start_ms < \(bind: to)
               AND s.end_ms > \(bind: from) ORDER BY s.start_ms, s.id
            """).all().map(ShiftRecord.init(row:))
    }

    static func insert(_ record: ShiftRecord, _ db: any SQLDatabase) async throws {
        try await db.insert(into: "shifts").columns(ShiftRecord.columns).values(record.values).run()
        try await AttendanceMarks.changed([.init(record)], db)
    }

    /// Writes `record` (already at its new version) if the stored row is still `previous` (at its version); false otherwise.
    static func update(_ record: ShiftRecord, previous: ShiftRecord, _ db: any SQLDatabase) async throws -> Bool {
        let updated = try await db.raw("""
            UPDATE shifts SET team_id = \(bind: record.teamId), location_id = \(bind: record.locationId),
              employee_id = \(bind: record.employeeId), start_ms = \(bind: record.start), end_ms = \(bind: record.end),
              skill_id = \(bind: record.skillId), break_minutes = \(bind: record.breakMinutes), notes = \(bind: record.notes),
              status = \(bind: record.status.rawValue), version = \(bind: record.version), updated_at = \(bind: record.updatedAt)
            WHERE id = \(bind: record.id) AND version = \(bind: previous.version)
            RETURNING id
            """).all()
        guard !updated.isEmpty else { return false }
        // Notes, breaks, skill or location change nothing attendance keeps.
        let before = AttendanceMarks.Span(previous), after = AttendanceMarks.Span(record)
        if before != after { try await AttendanceMarks.changed([before, after], db) }
        return true
    }

    static func delete(id: String, expected: Int64, _ db: any SQLDatabase) async throws -> Bool {
        let deleted = try await db.raw("""
            DELETE FROM shifts WHERE id = \(bind: id) AND version = \(bind: expected) RETURNING \(AttendanceMarks.returning)
            """).all()
        try await AttendanceMarks.changed(rows: deleted, db)
        return !deleted.isEmpty
    }

    /// Gives an open published shift to `employeeID` if it is still open and at `expected`; false if someone else
    /// was quicker. One statement: of two simultaneous claims exactly one changes the row.
    static func claim(id: String, employeeID: String, expected: Int64, at: Int64, _ db: any SQLDatabase) async throws -> Bool {
        let claimed = try await db.raw("""
            UPDATE shifts SET employee_id = \(bind: employeeID), version = version + 1, updated_at = \(bind: at)
            WHERE id = \(bind: id) AND employee_id IS NULL AND status = 'published' AND version = \(bind: expected)
            RETURNING \(AttendanceMarks.returning)
            """).all()
        try await AttendanceMarks.changed(rows: claimed, db)
        return !claimed.isEmpty
    }

    /// Publishes the drafts of `teamID` starting in `[from, to)`; returns them as published.
    static func publish(teamID: String, from: Int64, to: Int64, at: Int64, _ db: any SQLDatabase) async throws -> [String] {
        let published = try await db.raw("""
            UPDATE shifts SET status = 'published', version = version + 1, updated_at = \(bind: at)
            WHERE team_id = \(bind: teamID) AND status = 'draft' AND start_ms >= \(bind: from) AND start_ms < \(bind: to)
            RETURNING id, \(AttendanceMarks.returning)
            """).all()
        try await AttendanceMarks.changed(rows: published, db)
        return try published.map { try $0.decode(column: "id", as: String.self) }.sorted()
    }

    /// Shifts overlapping `[from, to)` that match `filter`, ordered by start; at most `limit`.
    static func list(_ filter: ShiftFilter, from: Int64, to: Int64, limit: Int, _ db: any SQLDatabase) async throws -> [ShiftRecord] {
        var query = ShiftRecord.selectFrom + """
             WHERE s.start_ms > \(bind: from - maxLengthMs) AND s.start_ms < \(bind: to) AND s.end_ms > \(bind: from)
            """
        query += filter.condition
        query += " ORDER BY s.start_ms, s.id LIMIT \(literal: limit)"
        return try await db.raw(query).all().map(ShiftRecord.init(row:))
    }
}

/// Which shifts a view shows, as an SQL condition on `s` (already limited to what the asker may see).
struct ShiftFilter: Sendable {
    var teamIDs: [String]?
    var employeeID: String?
    var locationID: String?
    var publishedOnly = false
    /// An employee's own view: their published shifts, and open published shifts of their team they have the skill for.
    var visibleToEmployee: (id: String, teamID: String?)?

    var condition: SQLQueryString { condition(on: "s") }

    /// The condition on the shifts table aliased `alias`.
    func condition(on alias: String) -> SQLQueryString {
        let a = SQLQueryString(alias)
        var sql: SQLQueryString = ""
        if let teamIDs { sql += teamIDs.isEmpty ? " AND 1 = 0" : " AND " + a + ".team_id IN (\(binds: teamIDs))" }
        if let employeeID { sql += " AND " + a + ".employee_id = \(bind: employeeID)" }
        if let locationID { sql += " AND " + a + ".location_id = \(bind: locationID)" }
        if publishedOnly { sql += " AND " + a + ".status = 'published'" }
        if let me = visibleToEmployee {
            sql += " AND " + a + ".status = 'published' AND (" + a + ".employee_id = \(bind: me.id)"
            if let team = me.teamID {
                sql += " OR (" + a + ".employee_id IS NULL AND " + a + ".team_id = \(bind: team) AND (" + a + ".skill_id IS NULL OR "
                    + a + ".skill_id IN (SELECT skill_id FROM employee_skills WHERE employee_id = \(bind: me.id))))"
            }
            sql += ")"
        }
        return sql
    }
}
