import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `GET /api/connecteam/plan-vs-actual?from=YYYY-MM-DD&to=YYYY-MM-DD[&teamId=|&employeeId=][&format=csv]`: a team
/// (its managers, admins) or one person (themselves, their managers, admins), each day in the person's zone. Reads
/// of someone else's data go into the access log.
struct PlanVsActualController {
    let report: PlanVsActual
    let access: AccessControl
    let directory: any DirectoryRepository

    struct Report: ResponseEncodable { var from: String; var to: String; var items: [PlanVsActual.Row] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("plan-vs-actual") { request, context -> Response in
            let user = try context.requireUser()
            let csv = try CSVDownload.wanted(request)
            let query = request.uri.queryParameters
            guard let from = query.get("from"), let to = query.get("to") else {
                throw SimpleAppError.invalid(query.get("from") == nil ? "from" : "to", "is required (a date YYYY-MM-DD)")
            }
            for (name, value) in [("from", from), ("to", to)] where LocalCalendar.day(value, .gmt) == nil {
                throw SimpleAppError.invalid(name, "must be a date YYYY-MM-DD")
            }
            let people: [Employee]
            if let team = query.get("teamId") {
                let teamID = try FieldValidation.id(team, field: "teamId")
                try access.authorizeTeam(teamID, by: user)
                guard try await directory.team(id: teamID) != nil else { throw DirectoryError.teamNotFound }
                try await access.recordView(of: .team(teamID), resource: "connecteam.plan-vs-actual", by: user)
                people = try await directory.employees(teamIDs: [teamID], includeArchived: false, after: nil, limit: PlanVsActual.maxPeople)
            } else {
                let id = try query.get("employeeId").map { try FieldValidation.id($0, field: "employeeId") } ?? user.employeeID
                people = [try await access.authorizeRead(of: id, resource: "connecteam.plan-vs-actual", by: user)]
            }
            let rows = try await report.rows(people: people, from: from, to: to)
            if csv {
                let header = ["employeeId", "name", "date", "timeZone", "scheduledHours", "clockedHours", "trackedHours", "clockedInactiveHours",
                              "activeUnclockedHours", "clockedOutsideShiftHours"]
                let lines = rows.map { r in
                    [r.employeeId, r.name, r.date, r.timeZone] + [r.scheduledHours, r.clockedHours, r.trackedHours, r.clockedInactiveHours,
                                                                 r.activeUnclockedHours, r.clockedOutsideShiftHours].map { CSVDownload.number($0) }
                }
                return CSVDownload.response(CSV.document(header: header, rows: lines), filename: "plan-vs-actual-\(from)-\(to)")
            }
            return try Report(from: from, to: to, items: rows).response(from: request, context: context)
        }
    }
}
