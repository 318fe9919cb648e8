import Auth
import Foundation
import Hummingbird
import Schedules
import TrackerCore
import TrackerHTTP

/// `/schedule` (a week of shifts: a team's for its planners, one's own and the open shifts one may claim for
/// everyone) with the claim button, and `/attendance` (started shifts against tracked activity). What each person
/// sees and may do is the schedule services' decision.
struct SchedulePages: Sendable {
    let shared: WebShared
    let schedules: ScheduleModule

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("schedule") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let q = request.uri.queryParameters
            let notice: HTML = q.get("claimed") != nil ? "<p class=\"notice ok\" role=\"status\">The shift is yours.</p>" : ""
            let teams = try await planned(viewer)
            let team = try q.nonEmpty("team").map { try FieldValidation.id($0, field: "team") } ?? teams.first?.id
            let zone = try await zone(viewer, team: team)
            let week = try LocalPeriod.make(kind: .week, anchor: q.nonEmpty("date") ?? LocalPeriod.localDate(shared.time.now, in: zone), timeZone: zone)
            let (first, last) = (week.days.first?.date ?? "", week.days.last?.date ?? "")
            if viewer.isAdmin || viewer.isManager, let team {
                let view = try await schedules.views.view(.init(from: first, to: last, teamID: team), by: viewer.user)
                let members = try await shared.identity.directory.employees(visibleTo: viewer.user, teamID: team, includeArchived: false, after: nil, limit: 500)
                let page = ScheduleWeekPage(view: view, days: week.days.map(\.date), people: members.map { ($0.id, $0.name) },
                                            teams: teams.map { ($0.id, $0.name) }, team: team, viewer: viewer, notice: notice)
                return shared.layout.page("Schedule", viewer: viewer, current: "/schedule", page.body)
            }
            let view = try await schedules.views.mine(from: first, to: last, by: viewer.user)
            let page = ScheduleWeekPage(view: view, days: week.days.map(\.date), people: [(viewer.user.employeeID, viewer.name)],
                                        teams: [], team: nil, viewer: viewer, notice: notice)
            return shared.layout.page("My schedule", viewer: viewer, current: "/schedule", page.body)
        }
        pages.post("schedule/shifts/:id/claim") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let form = try await shared.form(request, context)
            let shift = try await schedules.shifts.claim(id: try context.uuidParameter("id"), by: viewer.user)
            let zone = TimeZone(identifier: shift.timeZone) ?? .gmt
            let date = form.nonEmpty("date") ?? LocalPeriod.localDate(shift.start, in: zone)
            return PageLayout.redirect("/schedule?" + DashboardPage.queryString([("date", date), ("claimed", "1")]))
        }
        pages.get("attendance") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let q = request.uri.queryParameters
            let teams = try await planned(viewer)
            let team = try q.nonEmpty("team").map { try FieldValidation.id($0, field: "team") } ?? (viewer.isAdmin || viewer.isManager ? teams.first?.id : nil)
            let zone = try await zone(viewer, team: team)
            let today = LocalPeriod.localDate(shared.time.now, in: zone)
            let week = try LocalPeriod.make(kind: .week, anchor: today, timeZone: zone)
            let from = q.nonEmpty("from") ?? week.days.first?.date ?? today
            let report = try await schedules.attendance.report(from: from, to: q.nonEmpty("to") ?? today, teamID: team, employeeID: nil, by: viewer.user)
            let page = AttendancePage(report: report, teams: teams.map { ($0.id, $0.name) }, team: team)
            return shared.layout.page("Attendance", viewer: viewer, current: "/attendance", page.body)
        }
    }

    /// The teams whose schedule this person plans (none for employees).
    private func planned(_ viewer: WebViewer) async throws -> [Team] {
        guard viewer.isAdmin || viewer.isManager else { return [] }
        return try await shared.identity.directory.teams(visibleTo: viewer.user, includeArchived: false, after: nil, limit: 500)
    }

    private func zone(_ viewer: WebViewer, team: String?) async throws -> TimeZone {
        let directory = shared.identity.directoryRepository
        var name: String?
        if let team, viewer.isAdmin || viewer.isManager {
            name = try await directory.team(id: team)?.timeZone
            if name == nil { name = try await directory.organization().timeZone }
        } else {
            name = try await directory.effectiveTimeZone(employeeID: viewer.user.employeeID)
        }
        return name.flatMap(TimeZone.init(identifier:)) ?? .gmt
    }
}
