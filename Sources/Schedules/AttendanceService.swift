import Activities
import Auth
import Foundation
import TrackerCore
import TrackerStore

/// `GET /api/schedule/attendance`: published shifts compared with tracked activity, and plan vs tracked per day.
/// A shift is `late` when its first activity (from `earlyArrivalMinutes` before the start on) comes more than the
/// grace after the start, `absent` when there is no activity inside it, `early_leave` when the last activity is more
/// than the grace before the end, `overtime` when activity goes on past the end plus the grace (within
/// `overtimeWindowMinutes`). Work away from the computer (a classified idle period) counts as activity.
public struct AttendanceService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let settings: ScheduleSettingsStore
    let limits: ScheduleLimits
    let time: TimeSource

    /// Most people one report covers: each is one bind of the per-day query (engines cap binds per statement).
    static let maxPeople = 20_000

    /// Without `teamID` or `employeeID`: an admin sees everyone, a manager every team they manage, an employee themselves.
    public func report(from: String?, to: String?, teamID: String?, employeeID: String?, by user: UserIdentity) async throws -> AttendanceReport {
        let organization = try await directory.organization()
        var people: [Employee]
        var filter = ShiftFilter()
        var zoneName = organization.timeZone
        var scopes: [AccessScope]
        if let employeeID {
            let subject = try await access.checkRead(of: employeeID, by: user)
            people = [subject]
            filter.employeeID = subject.id
            zoneName = try await directory.effectiveTimeZone(employeeID: subject.id) ?? zoneName
            scopes = [.person(subject.id)]
        } else if let teamID {
            try access.authorizeTeam(teamID, by: user)
            guard let team = try await directory.team(id: teamID) else { throw ScheduleError.unknown(field: "teamId", what: "team") }
            people = try await directory.employees(teamIDs: [teamID], includeArchived: false, after: nil, limit: Self.maxPeople + 1)
            filter.teamIDs = [teamID]
            zoneName = team.timeZone ?? zoneName
            scopes = [.team(teamID)]
        } else if user.role == .manager {
            // Every team the manager plans, in the organisation's zone.
            let teams = user.managedTeams
            people = try await directory.employees(teamIDs: teams, includeArchived: false, after: nil, limit: Self.maxPeople + 1)
            filter.teamIDs = teams.sorted()
            scopes = teams.sorted().map { .team($0) }
        } else if user.role == .admin {
            people = try await directory.employees(teamIDs: nil, includeArchived: false, after: nil, limit: Self.maxPeople + 1)
            scopes = [.organization]
        } else {
            return try await report(from: from, to: to, teamID: nil, employeeID: user.employeeID, by: user)
        }
        guard people.count <= Self.maxPeople else { throw SimpleAppError.invalid("teamId", "more than \(Self.maxPeople) people; ask per team") }
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        let range = try ScheduleRange.parse(from: from, to: to, zone: zone, maxDays: limits.attendanceDays)
        let period = try range.days(zone, maxDays: limits.attendanceDays)
        async let settingsLoad = settings.organization()
        async let graceLoad = settings.teamGrace()
        let settings = try await settingsLoad, teamGrace = try await graceLoad
        let window = AttendanceQueries.Window(settings)
        let ids = people.map(\.id), shiftFilter = filter, limit = limits.maxShiftsPerReport
        let viewed = scopes, access = self.access
        async let written: Void = {
            for viewedScope in viewed { try await access.recordView(of: viewedScope, resource: "attendance", by: user) }
        }()
        let database = self.database
        try await AttendanceCache.refresh(database, window: window, at: Int64(time.now.timeIntervalSince1970))
        // The queries are independent: the two larger each on its own pooled connection, at once.
        async let shiftRows = database.withConnection { db in
            let shifts = try await AttendanceQueries.shifts(shiftFilter, lo: range.from, hi: range.to, limit: limit + 1, db)
            let outside = try await AttendanceQueries.days(.unscheduled, people: ids, from: period.start, to: period.end, zone: zone, db)
            return (shifts, outside)
        }
        async let trackedRows = database.withConnection { db in
            try await AttendanceQueries.days(.tracked, people: ids, from: period.start, to: period.end, zone: zone, db)
        }
        let ((shifts, outside), tracked) = try await (shiftRows, trackedRows)
        try await written
        guard shifts.count <= limit else { throw SimpleAppError.invalid("to", "the range holds more than \(limit) shifts; narrow it or filter by team") }
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return AttendanceBuilder(
            names: names, zone: zone, period: period, range: range, settings: settings, teamGrace: teamGrace, now: time.now.epochMillis
        ).report(shifts: shifts, tracked: tracked, unscheduled: outside)
    }
}
