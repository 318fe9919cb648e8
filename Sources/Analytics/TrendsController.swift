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
            let csv = try CSVTables.wantsCSV(request)
            let scope = try request.scopeParameter()
            guard let metric = TrendsService.Metric(rawValue: request.text("metric") ?? "score") else {
                throw SimpleAppError.invalid("metric", "must be one of \(TrendsService.Metric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let granularity = TrendsService.Granularity(rawValue: request.text("granularity") ?? "day") else {
                throw SimpleAppError.invalid("granularity", "must be day or week")
            }
            let id = try request.text("id").map { try FieldValidation.id($0, field: "id") }
            let result = try await trends.trends(
                scope: scope, id: id, metric: metric, granularity: granularity, from: request.text("from"),
                to: request.text("to"), timeZone: request.text("timeZone"), user: user
            )
            guard csv else { return try result.response(from: request, context: context) }
            let export = CSVTables.trends(result)
            return CSVTables.response(export.document, filename: export.filename)
        }
    }
}
