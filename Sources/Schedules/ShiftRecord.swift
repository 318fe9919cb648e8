import Foundation
import SQLKit
import TrackerCore

/// A shift as stored, before it is dressed with local times for an answer.
struct ShiftRecord: Sendable, Equatable {
    var id: String
    var teamId: String
    var locationId: String?
    var employeeId: String?
    var start: Int64
    var end: Int64
    var skillId: String?
    var breakMinutes: Int
    var notes: String?
    var status: ShiftStatus
    var version: Int64
    var templateId: String?
    var source: String
    var externalId: String?
    var createdAt: Int64
    var updatedAt: Int64
    /// The location's zone, else the team's (nil: the organisation's).
    var zone: String?

    static let columns = ["id", "team_id", "location_id", "employee_id", "start_ms", "end_ms", "skill_id", "break_minutes", "notes",
                          "status", "version", "template_id", "source", "external_id", "created_at", "updated_at"]

    /// `s.id, s.team_id, …, COALESCE(l.time_zone, t.time_zone) AS zone FROM shifts s JOIN teams t … LEFT JOIN …`
    static let selectFrom: SQLQueryString = SQLQueryString(
        "SELECT " + columns.map { "s.\($0)" }.joined(separator: ", ")
        + ", COALESCE(l.time_zone, t.time_zone) AS zone FROM shifts s JOIN teams t ON t.id = s.team_id"
        + " LEFT JOIN schedule_locations l ON l.id = s.location_id"
    )

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        teamId = try row.decode(column: "team_id", as: String.self)
        locationId = try row.decode(column: "location_id", as: String?.self)
        employeeId = try row.decode(column: "employee_id", as: String?.self)
        start = try row.decode(column: "start_ms", as: Int64.self)
        end = try row.decode(column: "end_ms", as: Int64.self)
        skillId = try row.decode(column: "skill_id", as: String?.self)
        breakMinutes = try row.decode(column: "break_minutes", as: Int.self)
        notes = try row.decode(column: "notes", as: String?.self)
        status = ShiftStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        version = try row.decode(column: "version", as: Int64.self)
        templateId = try row.decode(column: "template_id", as: String?.self)
        source = try row.decode(column: "source", as: String.self)
        externalId = try row.decode(column: "external_id", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
        zone = try row.decode(column: "zone", as: String?.self)
    }

    init(id: String, teamId: String, locationId: String?, employeeId: String?, start: Int64, end: Int64, skillId: String?,
         breakMinutes: Int, notes: String?, status: ShiftStatus, version: Int64, templateId: String?, source: String,
         externalId: String?, createdAt: Int64, updatedAt: Int64) {
        self.id = id
        self.teamId = teamId
        self.locationId = locationId
        self.employeeId = employeeId
        self.start = start
        self.end = end
        self.skillId = skillId
        self.breakMinutes = breakMinutes
        self.notes = notes
        self.status = status
        self.version = version
        self.templateId = templateId
        self.source = source
        self.externalId = externalId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    var values: [any SQLExpression] {
        [SQLBind(id), SQLBind(teamId), SQLBind(locationId), SQLBind(employeeId), SQLBind(start), SQLBind(end), SQLBind(skillId),
         SQLBind(breakMinutes), SQLBind(notes), SQLBind(status.rawValue), SQLBind(version), SQLBind(templateId), SQLBind(source),
         SQLBind(externalId), SQLBind(createdAt), SQLBind(updatedAt)]
    }

    /// Paid minutes: the length less the unpaid break.
    var paidMinutes: Int { max(0, Int((end - start) / 60_000) - breakMinutes) }

    func overlaps(_ from: Int64, _ to: Int64) -> Bool { start < to && end > from }

    /// The answer form, with wall-clock times in the shift's zone (`zone`, else `organizationZone`).
    func shift(organizationZone: String, warnings: [RuleViolation]? = nil, zones: inout [String: TimeZone]) -> Shift {
        let zoneName = zone ?? organizationZone
        let tz: TimeZone
        if let known = zones[zoneName] {
            tz = known
        } else {
            tz = TimeZone(identifier: zoneName) ?? .gmt
            zones[zoneName] = tz
        }
        let startDate = Date(epochMillis: start), endDate = Date(epochMillis: end)
        return Shift(
            id: id, teamId: teamId, locationId: locationId, employeeId: employeeId, start: startDate, end: endDate, timeZone: zoneName,
            localStart: ScheduleFormat.local(startDate, tz), localEnd: ScheduleFormat.local(endDate, tz), skillId: skillId,
            breakMinutes: breakMinutes, notes: notes, status: status, version: version, source: source, externalId: externalId,
            templateId: templateId, createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(updatedAt)), warnings: warnings
        )
    }

    /// One shift's answer (a list should share the `zones` cache: building a TimeZone costs more than the row).
    func shift(organizationZone: String, warnings: [RuleViolation]? = nil) -> Shift {
        var zones: [String: TimeZone] = [:]
        return shift(organizationZone: organizationZone, warnings: warnings, zones: &zones)
    }
}
