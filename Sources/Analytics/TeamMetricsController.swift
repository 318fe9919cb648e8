import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// `GET /api/teams/{id}/metrics?period=&date=&to=&sort=&format=json|csv`
struct TeamMetricsController {
    let metrics: TeamMetricsService

    func addRoutes(to teams: RouterGroup<AppRequestContext>) {
        teams.get(":teamId/metrics") { request, context -> Response in
            let user = try context.requireManagerOrAdmin()
            let csv = try CSVTables.wantsCSV(request)
            let period = try request.periodParameter(default: .week)
            let result = try await metrics.metrics(
                teamID: try FieldValidation.id(context.parameters.get("teamId") ?? "", field: "teamId"), period: period,
                date: request.text("date"), to: request.text("to"),
                sort: request.text("sort"), user: user
            )
            guard csv else { return try result.response(from: request, context: context) }
            let export = CSVTables.teamMetrics(result)
            return CSVTables.response(export.document, filename: export.filename)
        }
    }
}
