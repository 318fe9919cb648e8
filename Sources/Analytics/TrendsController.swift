import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// `GET /api/trends?metric=&granularity=day|week&from=&to=&scope=&id=&timeZone=&format=json|csv`
struct TrendsController {
    let trends: TrendsService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Response in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            let csv = try CSVTables.wantsCSV(request)
            guard let scope = DashboardService.ScopeKind(rawValue: query.get("scope") ?? "employee") else {
                throw SimpleAppError.invalid("scope", "must be employee, team or organization")
            }
            guard let metric = TrendsService.Metric(rawValue: query.get("metric") ?? "score") else {
                throw SimpleAppError.invalid("metric", "must be one of \(TrendsService.Metric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let granularity = TrendsService.Granularity(rawValue: query.get("granularity") ?? "day") else {
                throw SimpleAppError.invalid("granularity", "must be day or week")
            }
            let id = try query.get("id").map { try FieldValidation.id($0, field: "id") }
            let result = try await trends.trends(
                scope: scope, id: id, metric: metric, granularity: granularity, from: query.get("from").map { String($0) },
                to: query.get("to").map { String($0) }, timeZone: query.get("timeZone").map { String($0) }, user: user
            )
            guard csv else { return try result.response(from: request, context: context) }
            let export = CSVTables.trends(result)
            return CSVTables.response(export.document, filename: export.filename)
        }
    }
}
