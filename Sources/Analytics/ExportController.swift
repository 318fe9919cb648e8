import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// `GET /api/exports/timesheet?scope=&id=&from=&to=&timeZone=&format=json|csv`
struct ExportController {
    let timesheets: TimesheetService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("timesheet") { request, context -> Response in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            guard let scope = DashboardService.ScopeKind(rawValue: query.get("scope") ?? "employee") else {
                throw SimpleAppError.invalid("scope", "must be employee, team or organization")
            }
            let csv = try CSVTables.wantsCSV(request)
            let sheet = try await timesheets.timesheet(
                scope: scope, id: try query.get("id").map { try FieldValidation.id($0, field: "id") },
                from: query.get("from").map { String($0) }, to: query.get("to").map { String($0) },
                timeZone: query.get("timeZone").map { String($0) }, user: user
            )
            guard csv else { return try sheet.response(from: request, context: context) }
            return CSVTables.response(TimesheetService.csv(sheet), filename: "timesheet-\(sheet.from)-\(sheet.to)")
        }
    }
}
