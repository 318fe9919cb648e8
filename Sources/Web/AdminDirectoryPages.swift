import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// Administrators' pages for the organisation and its teams: `/admin/organization` (name, time zone, work week,
/// public ranking) and `/admin/teams` (create, rename, time zone, archive, managers).
struct AdminDirectoryPages: Sendable {
    let shared: WebShared

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("admin") { _, context -> Response in
            let viewer = try await shared.admin(context)
            let links: [(String, String, String)] = [
                ("/admin/organization", "Organisation", "name, time zone, work week, public ranking"),
                ("/admin/teams", "Teams", "create, rename, archive; who manages each"),
                ("/admin/people", "People", "invite, change role and team, archive"),
                ("/admin/rules", "Productivity rules", "what counts as productive, with a live preview"),
                ("/admin/rebuilds", "Rebuilds", "re-scoring history, with progress"),
                ("/admin/connecteam", "Connecteam", "whether the sync is set up, its latest runs, sync now"),
                ("/admin/system", "System status", "version, database, pool, background workers, queues"),
            ]
            let items = links.map { "<li><a href=\"\($0.0)\">\($0.1)</a> <span class=\"muted\">— \($0.2)</span></li>" as HTML }
            return shared.layout.page("Admin", viewer: viewer, current: "/admin", "<h1>Administration</h1><section class=\"panel\"><ul>\(items)</ul></section>")
        }
        pages.get("admin/organization") { request, context -> Response in
            let viewer = try await shared.admin(context)
            return try await organizationPage(viewer, saved: request.uri.queryParameters.get("saved") != nil)
        }
        pages.post("admin/organization") { request, context -> Response in
            let viewer = try await shared.admin(context)
            let form = try await shared.form(request, context)
            let days = Organization.weekdays.filter { form[$0] == "on" }
            _ = try await shared.identity.directory.updateOrganization(
                name: try form.text("name", max: 200), timeZone: try form.text("timeZone", max: 64), workWeek: days,
                publicRanking: form["publicRanking"] == "on"
            )
            _ = viewer
            return PageLayout.redirect("/admin/organization?saved=1")
        }
        pages.get("admin/teams") { _, context -> Response in
            let viewer = try await shared.admin(context)
            return try await teamsPage(viewer)
        }
        pages.post("admin/teams") { request, context -> Response in
            _ = try await shared.admin(context)
            let form = try await shared.form(request, context)
            let zone = form.nonEmpty("timeZone")
            let team = try await shared.identity.directory.createTeam(.init(name: try form.text("name", max: 200), timeZone: zone))
            return PageLayout.redirect("/admin/teams/\(team.id)")
        }
        pages.get("admin/teams/:id") { request, context -> Response in
            let viewer = try await shared.admin(context)
            return try await teamPage(viewer, id: try context.uuidParameter("id"), saved: request.uri.queryParameters.get("saved") != nil)
        }
        pages.post("admin/teams/:id") { request, context -> Response in
            _ = try await shared.admin(context)
            let form = try await shared.form(request, context)
            let id = try context.uuidParameter("id")
            let zone = form["timeZone"] ?? ""
            _ = try await shared.identity.directory.updateTeam(id, .init(
                name: try form.text("name", max: 200), timeZone: zone.isEmpty ? .clear : .set(zone), archived: form["archived"] == "on"
            ))
            return PageLayout.redirect("/admin/teams/\(id)?saved=1")
        }
        pages.post("admin/teams/:id/managers") { request, context -> Response in
            _ = try await shared.admin(context)
            let form = try await shared.form(request, context)
            let id = try context.uuidParameter("id")
            let managers = try form.all("manager").map { try FieldValidation.id($0, field: "manager") }
            _ = try await shared.identity.directory.setManagers(teamID: id, employeeIDs: managers)
            return PageLayout.redirect("/admin/teams/\(id)?saved=1")
        }
    }

    private func organizationPage(_ viewer: WebViewer, saved: Bool) async throws -> Response {
        let org = try await shared.identity.directory.organization()
        let days = zip(Organization.weekdays, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]).map { key, label -> HTML in
            "<label class=\"check\"><input type=\"checkbox\" name=\"\(key)\"\(org.workWeek.contains(key) ? HTML(raw: " checked") : "")> \(label)</label>"
        }
        return shared.layout.page("Organisation", viewer: viewer, current: "/admin/organization", """
        <h1>Organisation settings</h1>
        \(saved ? "<p class=\"notice ok\" role=\"status\">Saved.</p>" : "" as HTML)
        <section class="panel"><form class="stack" method="post" action="/admin/organization">\(FormControls.csrf(viewer.csrf))
        <label>Name <input name="name" required maxlength="200" value="\(org.name)"></label>
        <label>Time zone <input name="timeZone" required maxlength="64" value="\(org.timeZone)" list="zones"></label>\(Self.zoneList)
        <fieldset><legend>Work week</legend>\(days)</fieldset>
        <label class="check"><input type="checkbox" name="publicRanking"\(org.publicRanking ? HTML(raw: " checked") : "")> Managers may rank people by a metric (team metrics sorted by score, active time…)</label>
        <button type="submit">Save</button></form></section>
        """)
    }

    private func teamsPage(_ viewer: WebViewer) async throws -> Response {
        let teams = try await shared.identity.directory.teams(visibleTo: viewer.user, includeArchived: true, after: nil, limit: 500)
        let names = try await shared.names(teams.flatMap(\.managerIds))
        let rows = teams.map { team -> HTML in
            """
            <tr><td><a href="/admin/teams/\(team.id)">\(team.name)</a>\(team.archived ? " <span class=\"badge\">archived</span>" : "" as HTML)</td>
            <td>\(team.timeZone ?? "organisation's")</td><td>\(team.managerIds.compactMap { names[$0] }.sorted().joined(separator: ", "))</td></tr>
            """
        }
        return shared.layout.page("Teams", viewer: viewer, current: "/admin/teams", """
        <h1>Teams</h1>
        <section class="panel"><table><thead><tr><th>Team</th><th>Time zone</th><th>Managers</th></tr></thead><tbody>\(rows)</tbody></table></section>
        <section class="panel"><h2>New team</h2><form class="row" method="post" action="/admin/teams">\(FormControls.csrf(viewer.csrf))
        <label>Name <input name="name" required maxlength="200"></label>
        <label>Time zone (optional) <input name="timeZone" maxlength="64" list="zones" placeholder="the organisation's"></label>\(Self.zoneList)
        <button type="submit">Create</button></form></section>
        """)
    }

    private func teamPage(_ viewer: WebViewer, id: String, saved: Bool) async throws -> Response {
        let team = try await shared.identity.directory.team(id)
        // Candidates for manager: the organisation's managers and administrators (people page changes roles).
        let people = try await shared.identity.directory.employees(visibleTo: viewer.user, teamID: nil, includeArchived: false, after: nil, limit: 500)
        let candidates = people.filter { $0.role != .employee || team.managerIds.contains($0.id) }
        let boxes = candidates.map { person -> HTML in
            "<label class=\"check\"><input type=\"checkbox\" name=\"manager\" value=\"\(person.id)\"\(team.managerIds.contains(person.id) ? HTML(raw: " checked") : "")> \(person.name) <span class=\"muted\">\(person.role.rawValue)</span></label>"
        }
        return shared.layout.page(team.name, viewer: viewer, current: "/admin/teams", """
        <h1>\(team.name)</h1>
        \(saved ? "<p class=\"notice ok\" role=\"status\">Saved.</p>" : "" as HTML)
        <div class="grid2">
        <section class="panel"><h2>Settings</h2><form class="stack" method="post" action="/admin/teams/\(team.id)">\(FormControls.csrf(viewer.csrf))
        <label>Name <input name="name" required maxlength="200" value="\(team.name)"></label>
        <label>Time zone (empty: the organisation's) <input name="timeZone" maxlength="64" list="zones" value="\(team.timeZone ?? "")"></label>\(Self.zoneList)
        <label class="check"><input type="checkbox" name="archived"\(team.archived ? HTML(raw: " checked") : "")> Archived</label>
        <button type="submit">Save</button></form></section>
        <section class="panel"><h2>Managers</h2><form class="stack" method="post" action="/admin/teams/\(team.id)/managers">\(FormControls.csrf(viewer.csrf))
        <fieldset><legend>Who manages this team</legend>\(boxes.isEmpty ? "<p class=\"muted\">Nobody has the manager role yet (People).</p>" : "" as HTML)\(boxes)</fieldset>
        <button type="submit">Save managers</button></form></section>
        </div>
        <p><a href="/dashboard/team/\(team.id)">Team dashboard</a> · <a href="/admin/people?team=\(team.id)">Members</a></p>
        """)
    }

    /// Suggestions for time-zone fields (the browser's own list; any IANA name is accepted and checked on save).
    static let zoneList: HTML = {
        let options = TimeZone.knownTimeZoneIdentifiers.sorted().map { "<option value=\"\($0)\"></option>" as HTML }
        return "<datalist id=\"zones\">\(options)</datalist>"
    }()
}
