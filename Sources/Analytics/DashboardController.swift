import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// `GET /api/dashboard?scope=employee|team|organization&id=&period=day|week|month|custom&date=YYYY-MM-DD&to=&timeZone=`
struct DashboardController {
    let dashboards: DashboardService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Dashboard in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            guard let scope = DashboardService.ScopeKind(rawValue: query.get("scope") ?? "employee") else {
                throw SimpleAppError.invalid("scope", "must be employee, team or organization")
            }
            guard let period = LocalPeriod.Kind(rawValue: query.get("period") ?? "day") else {
                throw SimpleAppError.invalid("period", "must be day, week, month or custom")
            }
            let id = try query.get("id").map { try FieldValidation.id($0, field: "id") }
            return try await dashboards.dashboard(
                scope: scope, id: id, period: period, date: query.get("date").map { String($0) }, to: query.get("to").map { String($0) },
                timeZone: query.get("timeZone").map { String($0) }, user: user
            )
        }
    }
}

/// `GET /api/trends?metric=&granularity=day|week&from=&to=&scope=&id=&timeZone=`
struct TrendsController {
    let trends: TrendsService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> TrendsService.Trends in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
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
            return try await trends.trends(
                scope: scope, id: id, metric: metric, granularity: granularity, from: query.get("from").map { String($0) },
                to: query.get("to").map { String($0) }, timeZone: query.get("timeZone").map { String($0) }, user: user
            )
        }
    }
}

/// `GET /api/teams/{id}/metrics?period=&date=&to=&sort=`
struct TeamMetricsController {
    let metrics: TeamMetricsService

    func addRoutes(to teams: RouterGroup<AppRequestContext>) {
        teams.get(":teamId/metrics") { request, context -> TeamMetricsService.Metrics in
            let user = try context.requireManagerOrAdmin()
            let query = request.uri.queryParameters
            guard let period = LocalPeriod.Kind(rawValue: query.get("period") ?? "week") else {
                throw SimpleAppError.invalid("period", "must be day, week, month or custom")
            }
            return try await metrics.metrics(
                teamID: try FieldValidation.id(context.parameters.get("teamId") ?? "", field: "teamId"), period: period,
                date: query.get("date").map { String($0) }, to: query.get("to").map { String($0) },
                sort: query.get("sort").map { String($0) }, user: user
            )
        }
    }
}

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
            let format = query.get("format") ?? "json"
            guard format == "json" || format == "csv" else { throw SimpleAppError.invalid("format", "must be json or csv") }
            let sheet = try await timesheets.timesheet(
                scope: scope, id: try query.get("id").map { try FieldValidation.id($0, field: "id") },
                from: query.get("from").map { String($0) }, to: query.get("to").map { String($0) },
                timeZone: query.get("timeZone").map { String($0) }, user: user
            )
            guard format == "csv" else { return try sheet.response(from: request, context: context) }
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8",
                          .contentDisposition: "attachment; filename=\"timesheet-\(sheet.from)-\(sheet.to).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: TimesheetService.csv(sheet)))
            )
        }
    }
}

/// The analytics area, assembled from the one `Database`.
public struct AnalyticsModule: Sendable {
    public let dashboards: DashboardService
    public let trends: TrendsService
    public let teamMetrics: TeamMetricsService
    public let timesheets: TimesheetService

    public init(database: any Database, identity: IdentityModule, time: TimeSource) {
        dashboards = DashboardService(database: database, directory: identity.directoryRepository, access: identity.access, time: time)
        trends = TrendsService(database: database, dashboards: dashboards, time: time)
        teamMetrics = TeamMetricsService(database: database, dashboards: dashboards, trends: trends, directory: identity.directoryRepository, time: time)
        timesheets = TimesheetService(dashboards: dashboards, trends: trends, time: time)
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        DashboardController(dashboards: dashboards).addRoutes(to: api.group("dashboard"))
        TrendsController(trends: trends).addRoutes(to: api.group("trends"))
        TeamMetricsController(metrics: teamMetrics).addRoutes(to: api.group("teams"))
        ExportController(timesheets: timesheets).addRoutes(to: api.group("exports"))
    }
}
