import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// `GET /api/dashboard?scope=employee|team|organization&id=&period=day|week|month|custom&date=YYYY-MM-DD&to=&timeZone=&format=json|csv&table=days|apps|categories|heatmap`
struct DashboardController {
    let dashboards: DashboardService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Response in
            let user = try context.requireUser()
            let csv = try CSVTables.wantsCSV(request)
            guard let table = CSVTables.DashboardTable(rawValue: request.text("table") ?? "days") else {
                throw SimpleAppError.invalid("table", "must be one of \(CSVTables.DashboardTable.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let scope = try request.scopeParameter()
            let period = try request.periodParameter(default: .day)
            let id = try request.text("id").map { try FieldValidation.id($0, field: "id") }
            let dashboard = try await dashboards.dashboard(
                scope: scope, id: id, period: period, date: request.text("date"), to: request.text("to"),
                timeZone: request.text("timeZone"), user: user
            )
            guard csv else { return try dashboard.response(from: request, context: context) }
            let export = CSVTables.dashboard(dashboard, table: table)
            return CSVTables.response(export.document, filename: export.filename)
        }
    }
}
