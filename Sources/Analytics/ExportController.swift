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
            let scope = try request.scopeParameter()
            let csv = try CSVTables.wantsCSV(request)
            let sheet = try await timesheets.timesheet(
                scope: scope, id: try request.text("id").map { try FieldValidation.id($0, field: "id") },
                from: request.text("from"), to: request.text("to"),
                timeZone: request.text("timeZone"), user: user
            )
            guard csv else { return try sheet.response(from: request, context: context) }
            return CSVTables.response(TimesheetService.csv(sheet), filename: "timesheet-\(sheet.from)-\(sheet.to)")
        }
    }
}
