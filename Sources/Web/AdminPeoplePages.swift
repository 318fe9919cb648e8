import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/admin/people`: everyone (by team, paged), inviting a person (an account with a one-time password shown once,
/// to hand over; they change it under Password), changing a person's role and team, archiving.
struct AdminPeoplePages: Sendable {
    let shared: WebShared

    static let pageSize = 100

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("admin/people") { request, context -> Response in
            let viewer = try await shared.admin(context)
            return try await listPage(viewer, request, invited: nil)
        }
        pages.post("admin/people") { request, context -> Response in
            let viewer = try await shared.admin(context)
            let form = try await shared.form(request, context)
            guard let role = Role(rawValue: form["role"] ?? "employee") else { throw SimpleAppError.invalid("role", "must be employee, manager or admin") }
            let team = try form.nonEmpty("team").map { try FieldValidation.id($0, field: "team") }
            let password = Self.oneTimePassword()
            let person = try await shared.identity.directory.createEmployee(.init(
                name: try form.text("name", max: 200), email: try form.text("email", max: 254), teamId: team, role: role, password: password
            ))
            return try await listPage(viewer, request, invited: (person, password), status: .created)
        }
        pages.get("admin/people/:id") { request, context -> Response in
            let viewer = try await shared.admin(context)
            return try await personPage(viewer, id: try context.uuidParameter("id"), saved: request.uri.queryParameters.get("saved") != nil)
        }
        pages.post("admin/people/:id") { request, context -> Response in
            _ = try await shared.admin(context)
            let form = try await shared.form(request, context)
            let id = try context.uuidParameter("id")
            var changes = DirectoryService.EmployeeChanges()
            changes.name = try form.text("name", max: 200)
            changes.role = try form["role"].map { value in
                guard let role = Role(rawValue: value) else { throw SimpleAppError.invalid("role", "must be employee, manager or admin") }
                return role
            }
            let team = form["team"] ?? ""
            changes.teamId = team.isEmpty ? .clear : .set(try FieldValidation.id(team, field: "team"))
            let zone = form["timeZone"] ?? ""
            changes.timeZone = zone.isEmpty ? .clear : .set(zone)
            _ = try await shared.identity.directory.updateEmployee(id, changes)
            return PageLayout.redirect("/admin/people/\(id)?saved=1")
        }
        pages.post("admin/people/:id/archive") { request, context -> Response in
            _ = try await shared.admin(context)
            _ = try await shared.form(request, context)
            let id = try context.uuidParameter("id")
            _ = try await shared.identity.directory.archiveEmployee(id)
            return PageLayout.redirect("/admin/people/\(id)?saved=1")
        }
    }

    private func teams(_ viewer: WebViewer) async throws -> [Team] {
        try await shared.identity.directory.teams(visibleTo: viewer.user, includeArchived: false, after: nil, limit: 500)
    }

    private func listPage(_ viewer: WebViewer, _ request: Request, invited: (Employee, String)?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let q = request.uri.queryParameters
        let team = try q.nonEmpty("team").map { try FieldValidation.id($0, field: "team") }
        let page = try PageRequest(request)
        let rows = try await shared.identity.directory.employees(visibleTo: viewer.user, teamID: team, includeArchived: true, after: page.after, limit: min(page.limit, Self.pageSize) + 1)
        let people = PageRequest(limit: min(page.limit, Self.pageSize), after: page.after).page(rows) { [$0.name.lowercased(), $0.id] }
        let teams = try await teams(viewer)
        let teamNames = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let body = people.items.map { person -> HTML in
            """
            <tr><td><a href="/admin/people/\(person.id)">\(person.name)</a></td><td>\(person.email)</td><td>\(person.role.rawValue)</td>
            <td>\(person.teamId.flatMap { teamNames[$0] } ?? "–")</td><td>\(person.status == .active ? "active" : "archived")</td></tr>
            """
        }
        let shown: HTML = invited.map { person, password in """
        <div class="notice ok" role="status"><p><strong>\(person.name)</strong> can sign in as <strong>\(person.email)</strong> with this
        one-time password, shown <strong>this once</strong> — hand it over and ask them to change it under Password:</p>
        <p class="token" id="one-time-password">\(password)</p></div>
        """ } ?? ""
        let options = FormControls.teamOptions(teams.map { ($0.id, $0.name) }, selected: team)
        var base: [(String, String)] = []
        if let team { base.append(("team", team)) }
        let next: HTML = people.nextCursor.map { "<p><a class=\"button secondary\" href=\"/admin/people?\(DashboardPage.queryString(base + [("cursor", $0)]))\">Next page</a></p>" } ?? ""
        return shared.layout.page("People", viewer: viewer, current: "/admin/people", status: status, """
        <h1>People</h1>
        \(shown)
        <form class="period" method="get" aria-label="Filter"><label>Team <select name="team"><option value="">Everyone</option>\(options)</select></label>
        <button type="submit">Show</button></form>
        <section class="panel"><table><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Team</th><th>Status</th></tr></thead><tbody>\(body)</tbody></table>\(next)</section>
        <section class="panel"><h2>Invite someone</h2><form class="row" method="post" action="/admin/people">\(FormControls.csrf(viewer.csrf))
        <label>Name <input name="name" required maxlength="200"></label><label>Email <input type="email" name="email" required maxlength="254"></label>
        <label>Role <select name="role"><option>employee</option><option>manager</option><option>admin</option></select></label>
        <label>Team <select name="team"><option value="">No team</option>\(FormControls.teamOptions(teams.map { ($0.id, $0.name) }, selected: nil))</select></label>
        <button type="submit">Invite</button></form></section>
        """)
    }

    private func personPage(_ viewer: WebViewer, id: String, saved: Bool) async throws -> Response {
        guard let person = try await shared.identity.directoryRepository.employee(id: id) else {
            throw SimpleAppError(.notFound, code: "not_found", message: "No such person.")
        }
        let teams = try await teams(viewer)
        let roles = FormControls.options(Role.allCases.map { ($0.rawValue, $0.rawValue) }, selected: person.role.rawValue)
        let teamOptions = FormControls.teamOptions(teams.map { ($0.id, $0.name) }, selected: person.teamId)
        let archive: HTML = person.status == .active ? """
        <section class="panel"><h2>Archive</h2><p>An archived person can no longer sign in and their devices stop reporting; their history stays.</p>
        <form method="post" action="/admin/people/\(person.id)/archive" data-confirm="Archive \(person.name)?">\(FormControls.csrf(viewer.csrf))
        <button class="secondary" type="submit">Archive \(person.name)</button></form></section>
        """ : "<p class=\"notice\">Archived.</p>"
        return shared.layout.page(person.name, viewer: viewer, current: "/admin/people", """
        <h1>\(person.name) <span class="muted">· \(person.email)</span></h1>
        \(saved ? "<p class=\"notice ok\" role=\"status\">Saved.</p>" : "" as HTML)
        <section class="panel"><form class="stack" method="post" action="/admin/people/\(person.id)">\(FormControls.csrf(viewer.csrf))
        <label>Name <input name="name" required maxlength="200" value="\(person.name)"></label>
        <label>Role <select name="role">\(roles)</select></label>
        <label>Team <select name="team"><option value="">No team</option>\(teamOptions)</select></label>
        <label>Time zone (empty: the team's) <input name="timeZone" maxlength="64" value="\(person.timeZone ?? "")"></label>
        <button type="submit">Save</button></form></section>
        \(archive)
        <p><a href="/dashboard/employee/\(person.id)">Dashboard</a></p>
        """)
    }

    /// Sixteen characters from an alphabet without look-alikes (≈ 90 bits), from the system's secure generator.
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
