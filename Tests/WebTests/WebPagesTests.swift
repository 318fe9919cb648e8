import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore

/// What the pages show and to whom: the same decisions as the JSON API, the same numbers, and the employee's
/// own changes (idle classification) reaching the dashboard.
@Suite("Web pages", .timeLimit(.minutes(3)))
struct WebPagesTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)   // 2026-09-22 10:00 UTC

    struct Dashboard: Decodable {
        struct Totals: Decodable { let activeSeconds: Double; let score: Score }
        struct Score: Decodable { let workAwaySeconds: Double; let idleSeconds: Double }
        let totals: Totals
    }

    @Test("who may open which page: employees only their own, managers their teams, admins everything", arguments: TestEngine.available)
    func accessMatrix(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let (employee, manager, admin) = try await TestBrowser.signedIn(client, f)
            let cases: [(TestBrowser, String, Int)] = [
                (employee, "/dashboard/employee/\(f.otherEmployee.id)", 403), (employee, "/dashboard/employee/\(f.employee.id)", 200),
                (employee, "/dashboard/team/\(f.teamA)", 403), (employee, "/dashboard/organization", 403),
                (manager, "/dashboard/team/\(f.teamA)", 200), (manager, "/dashboard/team/\(f.teamB)", 403),
                (manager, "/dashboard/employee/\(f.employee.id)", 200), (manager, "/dashboard/employee/\(f.otherEmployee.id)", 403),
                (manager, "/dashboard/teams", 200), (manager, "/dashboard/organization", 403),
                (admin, "/dashboard/organization", 200), (admin, "/dashboard/team/\(f.teamB)", 200),
                (admin, "/dashboard/employee/\(f.otherEmployee.id)", 200),
                (admin, "/dashboard/employee/not-an-id", 400), (admin, "/dashboard/me?period=fortnight", 400),
                (admin, "/dashboard/me?period=custom&date=2026-01-01&to=2029-01-01", 400),
                (employee, "/trends", 200), (employee, "/trends?scope=team&id=\(f.teamA)", 403),
                (employee, "/teams/\(f.teamA)/metrics", 403), (employee, "/timesheets?scope=organization", 403),
                (employee, "/timesheets", 200), (manager, "/trends?scope=team&id=\(f.teamA)", 200),
                (manager, "/trends?scope=team&id=\(f.teamB)", 403), (manager, "/teams/\(f.teamA)/metrics", 200),
                (manager, "/teams/\(f.teamB)/metrics", 403), (manager, "/teams/\(f.teamA)/metrics?sort=-score", 403),
                (manager, "/timesheets?scope=team&id=\(f.teamA)", 200), (admin, "/timesheets?scope=organization", 200),
                (admin, "/teams/\(f.teamB)/metrics?sort=-score", 200), (admin, "/trends?metric=happiness", 400),
                (admin, "/trends?scope=galaxy", 400), (admin, "/timesheets?from=2026-01-01&to=2026-12-31", 400),
            ]
            for (browser, path, status) in cases {
                let page = try await browser.get(path)
                #expect(page.status == status, "\(path): \(page.status)")
                if status >= 400 { #expect(page.body.contains("role=\"alert\"") && page.headers[.contentType]?.hasPrefix("text/html") == true) }
            }
            let teams = try await manager.get("/dashboard/teams")
            #expect(teams.body.contains(f.teamA) && !teams.body.contains(f.teamB))
            // The manager's view of the team lists its members with links to their pages; reading them is logged.
            let team = try await manager.get("/dashboard/team/\(f.teamA)")
            #expect(team.body.contains("/dashboard/employee/\(f.employee.id)"))
            let log = try await employee.get("/me/access-log")
            #expect(log.status == 200 && log.body.contains("manager-a"))
        }
    }

    @Test("classifying an idle period on the page changes the dashboard, and the page's totals are the API's", arguments: TestEngine.available)
    func classifyIdle(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let idleID = UUID().uuidString.lowercased()
            let stored = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                ["id": UUID().uuidString, "timestamp": "2026-09-22T08:00:00Z", "duration": 3600, "app": "Code", "title": "x"],
            ]]))
            #expect(stored.status == .ok || stored.status == .accepted)
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": idleID, "start": "2026-09-22T09:00:00Z", "end": "2026-09-22T09:30:00Z", "reason": "afk"],
            ]]))
            let browser = TestBrowser(client)
            try await browser.signIn(email: f.employee.email, password: IdentityFixture.password)
            let api = "/api/dashboard?scope=employee&period=day&date=2026-09-22"
            let before = try await f.api.decode(Dashboard.self, .get, api, token: f.employee.accessToken)
            #expect(before.totals.score.workAwaySeconds == 0 && before.totals.score.idleSeconds == 1800)
            let dashboard = try await browser.get("/dashboard/me?period=day&date=2026-09-22")
            #expect(dashboard.body.contains(#"data-total="active">1 h 00 min"#))
            #expect(dashboard.body.contains(#"data-total="work-away">0 s"#))

            let idle = try await browser.get("/me/idle?date=2026-09-22")
            #expect(idle.body.contains("data-idle=\"\(idleID)\""))
            let saved = try await browser.post("/me/idle/\(idleID)", form: [
                ("_csrf", TestBrowser.csrf(idle.body) ?? ""), ("classification", "work_away"), ("note", "call <with> client"),
                ("private", "on"), ("date", "2026-09-22"),
            ])
            #expect(saved.status == 303 && saved.location == "/me/idle?saved=1&date=2026-09-22")
            let after = try await f.api.decode(Dashboard.self, .get, api, token: f.employee.accessToken)
            #expect(after.totals.score.workAwaySeconds == 1800)
            let changed = try await browser.get("/dashboard/me?period=day&date=2026-09-22")
            #expect(changed.body.contains(#"data-total="work-away">30 min"#))
            let idleAgain = try await browser.get("/me/idle?date=2026-09-22")
            #expect(idleAgain.body.contains("call &lt;with&gt; client") && idleAgain.body.contains(#"value="work_away" selected"#))
            // Someone else's idle period does not exist for this person.
            let other = TestBrowser(client)
            try await other.signIn(email: f.otherEmployee.email, password: IdentityFixture.password)
            let otherPage = try await other.get("/me/idle")
            #expect(try await other.post("/me/idle/\(idleID)", form: [("_csrf", TestBrowser.csrf(otherPage.body) ?? ""), ("classification", "discard")]).status == 404)
            #expect(try await browser.post("/me/idle/\(idleID)", form: [("_csrf", TestBrowser.csrf(idle.body) ?? ""), ("classification", "lunch")]).status == 400)
        }
    }

    @Test("CSV buttons download through the API with the page's cookie; the cookie never authorises a write", arguments: TestEngine.available)
    func csvThroughCookie(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let browser = TestBrowser(client)
            try await browser.signIn(email: f.employee.email, password: IdentityFixture.password)
            let page = try await browser.get("/dashboard/me")
            #expect(page.body.contains("/api/dashboard?scope=employee&amp;format=csv&amp;period=week"))
            let csv = try await browser.get("/api/dashboard?scope=employee&format=csv&period=week&table=days")
            #expect(csv.status == 200 && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let write = try await browser.send(.post, "/api/me/devices", body: nil)
            #expect(write.status == 401)
            #expect(try await TestBrowser(client).get("/api/dashboard?scope=employee").status == 401)
        }
    }

    @Test("static assets are served with content-hashed names and cached for good")
    func assets() async throws {
        try await TestApp(settings: try await TestEngine.sqlite.freshSettings()).test { client in
            let page = try await TestBrowser(client).get("/sign-in")
            let paths = page.body.components(separatedBy: "\"").filter { $0.hasPrefix("/static/") }
            #expect(paths.count == 3)
            for path in paths {
                #expect(path.range(of: #"^/static/(app-[0-9a-f]{12}\.(css|js)|icon-[0-9a-f]{12}\.svg)$"#, options: .regularExpression) != nil)
                let asset = try await TestBrowser(client).get(path)
                #expect(asset.status == 200 && asset.headers[.cacheControl] == "public, max-age=31536000, immutable")
            }
            #expect(try await TestBrowser(client).get("/static/app-000000000000.css").status == 404)
        }
    }
}
