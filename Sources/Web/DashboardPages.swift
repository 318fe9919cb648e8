import Analytics
import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/dashboard/organization`, `/dashboard/teams`, `/dashboard/team/{id}`, `/dashboard/employee/{id}`,
/// `/dashboard/me`. Who may see which dashboard is `DashboardService`'s decision (the JSON API's), and every read of
/// someone else's data lands in their access log the same way.
struct DashboardPages: Sendable {
    let shared: WebShared
    let dashboards: DashboardService

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("dashboard/organization") { request, context in
            try await page(request, context, scope: .organization, id: nil, current: "/dashboard/organization")
        }
        pages.get("dashboard/me") { request, context in
            try await page(request, context, scope: .employee, id: nil, current: "/dashboard/me")
        }
        pages.get("dashboard/team/:id") { request, context in
            try await page(request, context, scope: .team, id: try context.uuidParameter("id"), current: "/dashboard/teams")
        }
        pages.get("dashboard/employee/:id") { request, context in
            try await page(request, context, scope: .employee, id: try context.uuidParameter("id"), current: "")
        }
        pages.get("dashboard/teams") { _, context -> Response in
            let viewer = try await shared.viewer(context)
            guard viewer.isAdmin || viewer.isManager else { throw AccessError.forbidden("Only managers and administrators see team dashboards.") }
            let teams = try await shared.identity.directory.teams(visibleTo: viewer.user, includeArchived: false, after: nil, limit: 500)
            let items = teams.map { team -> HTML in
                """
                <li><a href="/dashboard/team/\(team.id)">\(team.name)</a> <span class="muted">·</span> <a href="/teams/\(team.id)/metrics">metrics</a>
                <span class="muted">·</span> <a href="/trends?scope=team&amp;id=\(team.id)">trends</a></li>
                """
            }
            return shared.layout.page("Teams", viewer: viewer, current: "/dashboard/teams", """
            <h1>Teams</h1>
            \(teams.isEmpty ? "<p class=\"muted\">No teams to show.</p>" : "<section class=\"panel\"><ul>\(items)</ul></section>" as HTML)
            """)
        }
    }

    private func page(_ request: Request, _ context: AppRequestContext, scope: DashboardService.ScopeKind, id: String?, current: String) async throws -> Response {
        let viewer = try await shared.viewer(context)
        let parameters = request.uri.queryParameters
        // A week at first sight: early in the morning a day is still empty.
        let period = parameters.nonEmpty("period") ?? "week"
        guard let kind = LocalPeriod.Kind(rawValue: period) else { throw SimpleAppError.invalid("period", "must be day, week, month or custom") }
        let date = parameters.nonEmpty("date")
        let to = kind == .custom ? parameters.nonEmpty("to") : nil
        let dashboard = try await dashboards.dashboard(scope: scope, id: id, period: kind, date: date, to: to, timeZone: nil, user: viewer.user)
        var members: [(id: String, name: String)] = []
        if scope == .team, let id {
            members = try await shared.identity.directory.employees(visibleTo: viewer.user, teamID: id, includeArchived: false, after: nil, limit: 500)
                .map { ($0.id, $0.name) }
        }
        var names = Dictionary(members.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let others = dashboard.activeNow.prefix(50).map(\.employeeId).filter { names[$0] == nil }
        names.merge(try await shared.names(others)) { first, _ in first }
        let body = DashboardPage(dashboard: dashboard, scope: scope, query: .init(period: period, date: date, to: to), names: names, members: members).body
        return shared.layout.page(dashboard.scope.name, viewer: viewer, current: current, body)
    }
}
