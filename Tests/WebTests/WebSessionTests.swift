import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore

/// Signing in and out of the web interface, the session cookies, idle expiry, the first-run page, and the CSRF
/// checks on every form.
@Suite("Web sessions", .timeLimit(.minutes(3)))
struct WebSessionTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)

    @Test("sign in sets HttpOnly SameSite=Strict cookies, pages follow the role, sign out ends the session", arguments: TestEngine.available)
    func signInAndOut(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let browser = TestBrowser(client)
            let anonymous = try await browser.get("/dashboard/me")
            #expect(anonymous.status == 303 && anonymous.location == "/sign-in?next=%2Fdashboard%2Fme")
            #expect(try await browser.get("/").location == "/sign-in")

            let wrong = try await browser.signIn(email: f.employee.email, password: "not-the-password")
            #expect(wrong.status == 401 && wrong.body.contains("role=\"alert\"") && browser.cookies["pt_session"] == nil)
            let signedIn = try await browser.signIn(email: f.employee.email, password: IdentityFixture.password)
            #expect(signedIn.status == 303 && signedIn.location == "/")
            let sessionCookie = try #require(signedIn.setCookies.first { $0.hasPrefix("pt_session=") })
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Strict") && !sessionCookie.contains("Secure"))
            #expect(try await browser.get("/").location == "/dashboard/me")
            let page = try await browser.get("/dashboard/me")
            #expect(page.status == 200 && page.body.contains("employee-a") && page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.cacheControl] == "no-store")
            // An employee is not shown the links to organisation or team pages, and may not open them.
            #expect(!page.body.contains("/dashboard/organization") && !page.body.contains("/dashboard/teams"))
            #expect(try await browser.get("/dashboard/organization").status == 403)
            #expect(try await browser.get("/dashboard/teams").status == 403)

            // An employee asking for the administrator sign-in is refused.
            let asAdmin = TestBrowser(client)
            #expect(try await asAdmin.signIn(email: f.employee.email, password: IdentityFixture.password, admin: true).status == 403)

            let signOut = try await browser.post("/sign-out", form: [("_csrf", TestBrowser.csrf(page.body) ?? "")])
            #expect(signOut.status == 303 && browser.cookies["pt_session"] == nil)
            // The old token is dead even if someone kept a copy of the cookie.
            let replay = TestBrowser(client)
            replay.setCookie("pt_session", String(sessionCookie.dropFirst("pt_session=".count).prefix { $0 != ";" }))
            #expect(try await replay.get("/dashboard/me").status == 303)
        }
    }

    @Test("behind TLS the cookies are Secure", arguments: TestEngine.available)
    func secureCookies(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source, configure: { $0.web.secureCookies = true }).test { client in
            let f = try await IdentityFixture.make(client)
            let signedIn = try await TestBrowser(client).signIn(email: f.employee.email, password: IdentityFixture.password)
            #expect(signedIn.setCookies.filter { $0.hasPrefix("pt_") }.allSatisfy { $0.contains("Secure") && $0.contains("HttpOnly") })
        }
    }

    @Test("an expired access token is renewed while the session is in use; an idle session ends", arguments: TestEngine.available)
    func idleExpiry(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let browser = TestBrowser(client)
            try await browser.signIn(email: f.employee.email, password: IdentityFixture.password)
            let first = browser.cookies["pt_session"]
            time.advance(by: 20 * 60)            // access token (15 min) expired, idle limit (30 min after it) not reached
            let renewed = try await browser.get("/dashboard/me")
            #expect(renewed.status == 200 && browser.cookies["pt_session"] != first && browser.cookies["pt_refresh"] != nil)
            time.advance(by: 14 * 60 + 30 * 60 + 60)   // past the new token's expiry plus the idle limit
            let ended = try await browser.get("/dashboard/me")
            #expect(ended.status == 303 && ended.location?.hasPrefix("/sign-in") == true)
            #expect(browser.cookies["pt_session"] == nil && browser.cookies["pt_refresh"] == nil)
        }
    }

    @Test("two pages loaded at once after expiry share one refresh (rotation does not sign the person out)", arguments: TestEngine.available)
    func concurrentRefresh(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let browser = TestBrowser(client)
            try await browser.signIn(email: f.employee.email, password: IdentityFixture.password)
            time.advance(by: 16 * 60)
            let tabs = [TestBrowser(client), TestBrowser(client), TestBrowser(client)]
            for tab in tabs { for (name, value) in browser.cookies { tab.setCookie(name, value) } }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for tab in tabs { group.addTask { try await tab.get("/me/devices").status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == [200, 200, 200])
            #expect(try await tabs[0].get("/dashboard/me").status == 200)
        }
    }

    @Test("forms without this session's token, or from another origin, are refused", arguments: TestEngine.available)
    func forgery(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let browser = TestBrowser(client)
            try await browser.signIn(email: f.employee.email, password: IdentityFixture.password)
            let page = try await browser.get("/me/devices")
            let token = try #require(TestBrowser.csrf(page.body))
            let enrol = [("name", "forged"), ("platform", "linux")]
            #expect(try await browser.post("/me/devices", form: enrol).status == 403)
            #expect(try await browser.post("/me/devices", form: [("_csrf", "x" + token)] + enrol).status == 403)
            // Another person's token does not fit this session.
            let other = TestBrowser(client)
            try await other.signIn(email: f.otherEmployee.email, password: IdentityFixture.password)
            let otherToken = try #require(TestBrowser.csrf(try await other.get("/me/devices").body))
            #expect(try await browser.post("/me/devices", form: [("_csrf", otherToken)] + enrol).status == 403)
            browser.origin = "https://evil.example"
            #expect(try await browser.post("/me/devices", form: [("_csrf", token)] + enrol).status == 403)
            browser.origin = nil
            let devices = try await f.api.client.execute(uri: "/api/me/devices", method: .get,
                                                         headers: [.authorization: "Bearer \(f.employee.accessToken)"])
            #expect(!String(buffer: devices.body).contains("forged"))
            // The same form with the right token works, and the token is shown once.
            let enrolled = try await browser.post("/me/devices", form: [("_csrf", token)] + enrol)
            #expect(enrolled.status == 201 && enrolled.body.contains("ptd_"))
            let again = try await browser.get("/me/devices")
            #expect(again.body.contains("forged") && !again.body.contains("ptd_"))
            // Sign-in without the pre-session cookie's token is refused too (login CSRF).
            let fresh = TestBrowser(client)
            #expect(try await fresh.post("/sign-in", form: [("email", f.employee.email), ("password", IdentityFixture.password)]).status == 403)
        }
    }

    @Test("first run: without an administrator every path leads to creating one, then the page is gone", arguments: TestEngine.available)
    func firstRun(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let browser = TestBrowser(client)
            #expect(try await browser.get("/").location == "/first-run")
            let form = try await browser.get("/first-run")
            let token = try #require(TestBrowser.csrf(form.body))
            let fields = [("_csrf", token), ("name", "Ada <Admin>"), ("email", "ada@example.com")]
            let mismatch = try await browser.post("/first-run", form: fields + [("password", "long-enough-1"), ("confirm", "other-password-1")])
            #expect(mismatch.status == 400)
            let created = try await browser.post("/first-run", form: fields + [("password", "long-enough-1"), ("confirm", "long-enough-1")])
            #expect(created.status == 303 && created.location == "/dashboard/organization" && browser.cookies["pt_session"] != nil)
            let organisation = try await browser.get("/dashboard/organization")
            #expect(organisation.status == 200 && organisation.body.contains("Ada &lt;Admin&gt;") && !organisation.body.contains("Ada <Admin>"))
            #expect(try await browser.get("/first-run").status == 404)
            let late = TestBrowser(client)
            _ = try await late.get("/sign-in")
            let lateToken = TestBrowser.csrf(try await late.get("/sign-in").body) ?? ""
            #expect(try await late.post("/first-run", form: [("_csrf", lateToken), ("name", "Eve"), ("email", "eve@example.com"),
                                                             ("password", "long-enough-1"), ("confirm", "long-enough-1")]).status == 404)
        }
    }
}
