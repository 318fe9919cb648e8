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
            let query = request.uri.queryParameters
            let csv = try CSVTables.wantsCSV(request)
            guard let period = LocalPeriod.Kind(rawValue: query.get("period") ?? "week") else {
                throw SimpleAppError.invalid("period", "must be day, week, month or custom")
            }
            let result = try await metrics.metrics(
                teamID: try FieldValidation.id(context.parameters.get("teamId") ?? "", field: "teamId"), period: period,
                date: query.get("date").map { String($0) }, to: query.get("to").map { String($0) },
                sort: query.get("sort").map { String($0) }, user: user
            )
            guard csv else { return try result.response(from: request, context: context) }
            let export = CSVTables.teamMetrics(result)
            return CSVTables.response(export.document, filename: export.filename)
        }
    }
}
