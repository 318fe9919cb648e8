import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore

/// The administrators' pages: only administrators (managers: the rules of their teams) open them, and what they
/// change is what the JSON API then reports.
@Suite("Web admin pages", .timeLimit(.minutes(3)))
struct WebAdminTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)   // 2026-09-22 10:00 UTC

    @Test("admin pages are for administrators; managers reach only the rules page", arguments: TestEngine.available)
    func access(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let (employee, manager, admin) = try await TestBrowser.signedIn(client, f)
            for path in ["/admin", "/admin/organization", "/admin/teams", "/admin/teams/\(f.teamA)", "/admin/people",
                         "/admin/people/\(f.employee.id)", "/admin/rebuilds", "/admin/system", "/admin/connecteam", "/admin/rules"] {
                #expect(try await admin.get(path).status == 200, "\(path) for the admin")
                #expect(try await employee.get(path).status == 403, "\(path) for an employee")
                #expect(try await manager.get(path).status == (path == "/admin/rules" ? 200 : 403), "\(path) for a manager")
            }
            #expect(try await admin.get("/admin/people?team=nope").status == 400)
            #expect(try await admin.get("/admin/people/\(UUID().uuidString.lowercased())").status == 404)
            // The nav links only what the role may open.
            #expect(try await admin.get("/dashboard/me").body.contains(#"href="/admin""#))
            let managerNav = try await manager.get("/dashboard/me").body
            #expect(managerNav.contains(#"href="/admin/rules""#) && !managerNav.contains(#"href="/admin""#))
            #expect(!(try await employee.get("/dashboard/me").body.contains("/admin")))
            // Connecteam without a key: the page says so and a sync is refused.
            let connecteam = try await admin.get("/admin/connecteam")
            #expect(connecteam.body.contains(#"data-connecteam="configured">no"#))
            #expect(try await admin.post("/admin/connecteam/sync", form: [("_csrf", TestBrowser.csrf(connecteam.body) ?? "")]).status == 409)
            // Points while gamification is off: a page that says so, for everyone.
            for browser in [employee, admin] {
                let points = try await browser.get("/points")
                #expect(points.status == 200 && points.body.contains("Gamification is off"))
            }
            #expect(try await employee.get("/points?period=decade").status == 400)
            let system = try await admin.get("/admin/system")
            #expect(system.body.contains("reachable") && system.body.contains("yes"))
        }
    }

    @Test("inviting a person shows a one-time password that signs them in; role, team, archive and the organisation change", arguments: TestEngine.available)
    func people(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let admin = TestBrowser(client)
            try await admin.signIn(email: f.admin.email, password: IdentityFixture.password, admin: true)
            let list = try await admin.get("/admin/people")
            let csrf = TestBrowser.csrf(list.body) ?? ""
            let invited = try await admin.post("/admin/people", form: [("_csrf", csrf), ("name", "Grace <Hopper>"), ("email", "grace@example.com"),
                                                                       ("role", "employee"), ("team", f.teamB)])
            #expect(invited.status == 201 && invited.body.contains("Grace &lt;Hopper&gt;"))
            let password = try #require(invited.body.range(of: #"id="one-time-password">"#).map { range in
                String(invited.body[range.upperBound...].prefix { $0 != "<" })
            })
            #expect(password.count == 16)
            #expect(!(try await admin.get("/admin/people").body.contains(password)), "the password is shown once")
            let grace = TestBrowser(client)
            let landed = try await grace.signIn(email: "grace@example.com", password: password)
            #expect(landed.status == 303 && landed.location != nil && !(landed.location ?? "").contains("sign-in"))

            struct Person: Decodable { let id: String; let email: String; let role: String; let teamId: String?; let status: String }
            struct People: Decodable { let items: [Person] }
            let graceID = try #require(try await f.api.decode(People.self, .get, "/api/employees?limit=500", token: f.admin.accessToken)
                .items.first { $0.email == "grace@example.com" }).id
            let edit = try await admin.get("/admin/people/\(graceID)")
            #expect(try await admin.post("/admin/people/\(graceID)", form: [("_csrf", TestBrowser.csrf(edit.body) ?? ""), ("name", "Grace Hopper"),
                                                                             ("role", "manager"), ("team", f.teamA), ("timeZone", "")]).status == 303)
            var person = try await f.api.decode(Person.self, .get, "/api/employees/\(graceID)", token: f.admin.accessToken)
            #expect(person.role == "manager" && person.teamId == f.teamA)
            #expect(try await admin.post("/admin/people/\(graceID)", form: [("_csrf", TestBrowser.csrf(edit.body) ?? ""), ("name", "G"),
                                                                             ("role", "emperor"), ("team", "")]).status == 400)
            #expect(try await admin.post("/admin/people/\(graceID)/archive", form: [("_csrf", TestBrowser.csrf(edit.body) ?? "")]).status == 303)
            person = try await f.api.decode(Person.self, .get, "/api/employees/\(graceID)", token: f.admin.accessToken)
            #expect(person.status == "archived")

            // Managers of a team, and the organisation's settings.
            let team = try await admin.get("/admin/teams/\(f.teamB)")
            #expect(try await admin.post("/admin/teams/\(f.teamB)/managers", form: [("_csrf", TestBrowser.csrf(team.body) ?? ""),
                                                                                     ("manager", f.managerA.id), ("manager", f.managerB.id)]).status == 303)
            struct Team: Decodable { let managerIds: [String] }
            #expect(Set(try await f.api.decode(Team.self, .get, "/api/teams/\(f.teamB)", token: f.admin.accessToken).managerIds) == [f.managerA.id, f.managerB.id])
            let org = try await admin.get("/admin/organization")
            #expect(try await admin.post("/admin/organization", form: [("_csrf", TestBrowser.csrf(org.body) ?? ""), ("name", "Acme"), ("timeZone", "Europe/Berlin"),
                                                                        ("mon", "on"), ("tue", "on"), ("publicRanking", "on")]).status == 303)
            struct Org: Decodable { let name: String; let timeZone: String; let workWeek: [String]; let publicRanking: Bool }
            let saved = try await f.api.decode(Org.self, .get, "/api/organization", token: f.admin.accessToken)
            #expect(saved.name == "Acme" && saved.timeZone == "Europe/Berlin" && saved.workWeek == ["mon", "tue"] && saved.publicRanking)
            #expect(try await admin.post("/admin/organization", form: [("_csrf", TestBrowser.csrf(org.body) ?? ""), ("name", "Acme"),
                                                                        ("timeZone", "Mars/Olympus")]).status == 400)
        }
    }

    @Test("the rule preview shows what a rule would match before it is saved; saving queues a rebuild", arguments: TestEngine.available)
    func rules(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let stored = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                ["id": UUID().uuidString, "timestamp": "2026-09-22T08:00:00Z", "duration": 1800, "app": "Slack", "title": "general"],
                ["id": UUID().uuidString, "timestamp": "2026-09-22T08:30:00Z", "duration": 600, "app": "Slackware installer", "title": "x"],
                ["id": UUID().uuidString, "timestamp": "2026-09-22T08:40:00Z", "duration": 600, "app": "Code", "title": "y"],
            ]]))
            #expect(stored.status == .ok || stored.status == .accepted)
            let admin = TestBrowser(client)
            try await admin.signIn(email: f.admin.email, password: IdentityFixture.password, admin: true)
            let fragment = try await admin.get("/admin/rules/preview?field=app&match=glob&pattern=Slack*&category=unproductive&team=")
            #expect(fragment.status == 200 && fragment.body.contains(#"data-preview-count="2""#) && fragment.body.contains("40 min"))
            let broken = try await admin.get("/admin/rules/preview?field=app&match=regex&pattern=(unclosed&category=neutral")
            #expect(broken.status == 200 && broken.body.contains("role=\"alert\""))
            let page = try await admin.get("/admin/rules")
            let csrf = TestBrowser.csrf(page.body) ?? ""
            let previewed = try await admin.post("/admin/rules", form: [("_csrf", csrf), ("team", ""), ("field", "app"), ("match", "exact"),
                                                                         ("pattern", "Slack"), ("category", "unproductive"), ("preview", "1")])
            #expect(previewed.status == 200 && previewed.body.contains(#"data-preview-count="1""#))
            struct Rules: Decodable { let items: [Rule] }
            struct Rule: Decodable { let pattern: String }
            #expect(try await f.api.decode(Rules.self, .get, "/api/rules", token: f.admin.accessToken).items.isEmpty, "a preview saves nothing")
            #expect(try await admin.post("/admin/rules", form: [("_csrf", csrf), ("team", ""), ("field", "app"), ("match", "exact"),
                                                                 ("pattern", "Slack"), ("category", "unproductive")]).location == "/admin/rules?saved=1")
            #expect(try await f.api.decode(Rules.self, .get, "/api/rules", token: f.admin.accessToken).items.map(\.pattern) == ["Slack"])
            let rebuilds = try await admin.get("/admin/rebuilds")
            #expect(rebuilds.body.contains("data-job="))
            // A manager's rule for another team is the rule service's refusal.
            let manager = TestBrowser(client)
            try await manager.signIn(email: f.managerA.email, password: IdentityFixture.password)
            let managerPage = try await manager.get("/admin/rules")
            #expect(try await manager.post("/admin/rules", form: [("_csrf", TestBrowser.csrf(managerPage.body) ?? ""), ("team", f.teamB), ("field", "app"),
                                                                   ("match", "exact"), ("pattern", "Code"), ("category", "productive")]).status == 403)
        }
    }
}
