import Analytics
import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/trends`, `/teams/{id}/metrics` and `/timesheets`: the analytics views beside the dashboards. Access and the
/// access log are the analytics services' (the JSON API's) own decisions; these pages only draw their answers.
struct AnalyticsPages: Sendable {
    let shared: WebShared
    let analytics: AnalyticsModule

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("trends") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let q = request.uri.queryParameters
            let (scope, id) = try Self.scope(q)
            guard let metric = TrendsService.Metric(rawValue: q.nonEmpty("metric") ?? "score") else {
                throw SimpleAppError.invalid("metric", "must be one of \(TrendsService.Metric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let granularity = TrendsService.Granularity(rawValue: q.nonEmpty("granularity") ?? "day") else {
                throw SimpleAppError.invalid("granularity", "must be day or week")
            }
            let trends = try await analytics.trends.trends(
                scope: scope, id: id, metric: metric, granularity: granularity, from: q.nonEmpty("from"), to: q.nonEmpty("to"),
                timeZone: nil, user: viewer.user
            )
            var names: [String: String] = [:]
            if scope == .team, let id {
                for member in try await shared.identity.directory.employees(visibleTo: viewer.user, teamID: id, includeArchived: false, after: nil, limit: 500) {
                    names[member.id] = member.name
                }
            }
            let page = TrendsPage(trends: trends, scope: scope, id: id, metric: metric, granularity: granularity, names: names)
            return shared.layout.page("Trends", viewer: viewer, current: "/trends", page.body)
        }
        pages.get("teams/:id/metrics") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let id = try context.uuidParameter("id")
            let q = request.uri.queryParameters
            let period = q.nonEmpty("period") ?? "week"
            guard let kind = LocalPeriod.Kind(rawValue: period) else { throw SimpleAppError.invalid("period", "must be day, week, month or custom") }
            let query = DashboardPage.Query(period: period, date: q.nonEmpty("date"), to: kind == .custom ? q.nonEmpty("to") : nil)
            let metrics = try await analytics.teamMetrics.metrics(teamID: id, period: kind, date: query.date, to: query.to, sort: q.nonEmpty("sort"), user: viewer.user)
            let team = try await shared.identity.directory.team(id)
            // Ranking is offered only where the organisation allows it (the service refuses it otherwise).
            let rankingAllowed = viewer.isAdmin ? true : try await shared.identity.directory.organization().publicRanking
            let page = TeamMetricsPage(metrics: metrics, teamName: team.name, query: query, sort: q.nonEmpty("sort") ?? "name", rankingAllowed: rankingAllowed)
            return shared.layout.page("Team metrics", viewer: viewer, current: "/dashboard/teams", page.body)
        }
        pages.get("timesheets") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let q = request.uri.queryParameters
            let (scope, id) = try Self.scope(q)
            let sheet = try await analytics.timesheets.timesheet(scope: scope, id: id, from: q.nonEmpty("from"), to: q.nonEmpty("to"), timeZone: nil, user: viewer.user)
            return shared.layout.page("Timesheet", viewer: viewer, current: "/timesheets", TimesheetPage(sheet: sheet, scope: scope, id: id).body)
        }
    }

    /// `scope` (employee by default: one's own) and `id`.
    static func scope(_ q: Parameters) throws -> (DashboardService.ScopeKind, String?) {
        guard let scope = DashboardService.ScopeKind(rawValue: q.nonEmpty("scope") ?? "employee") else {
            throw SimpleAppError.invalid("scope", "must be employee, team or organization")
        }
        let id = try q.nonEmpty("id").map { try FieldValidation.id($0, field: "id") }
        return (scope, scope == .organization ? nil : id)
    }
}

extension Parameters {
    /// A query value, with an empty field (an unfilled form input) read as absent.
    func nonEmpty(_ name: String) -> String? {
        guard let value = get(name), !value.isEmpty else { return nil }
        return value
    }
}
