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
            let query = request.uri.queryParameters
            let csv = try CSVTables.wantsCSV(request)
            guard let table = CSVTables.DashboardTable(rawValue: query.get("table") ?? "days") else {
                throw SimpleAppError.invalid("table", "must be one of \(CSVTables.DashboardTable.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let scope = DashboardService.ScopeKind(rawValue: query.get("scope") ?? "employee") else {
                throw SimpleAppError.invalid("scope", "must be employee, team or organization")
            }
            guard let period = LocalPeriod.Kind(rawValue: query.get("period") ?? "day") else {
                throw SimpleAppError.invalid("period", "must be day, week, month or custom")
            }
            let id = try query.get("id").map { try FieldValidation.id($0, field: "id") }
            let dashboard = try await dashboards.dashboard(
                scope: scope, id: id, period: period, date: query.get("date").map { String($0) }, to: query.get("to").map { String($0) },
                timeZone: query.get("timeZone").map { String($0) }, user: user
            )
            guard csv else { return try dashboard.response(from: request, context: context) }
            let export = CSVTables.dashboard(dashboard, table: table)
            return CSVTables.response(export.document, filename: export.filename)
        }
    }
}
