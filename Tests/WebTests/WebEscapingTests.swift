import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
@testable import Web

/// Text from people and agents (names, app titles, notes, device names) reaches the pages as text, never as markup.
@Suite("Web escaping", .timeLimit(.minutes(3)))
struct WebEscapingTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)   // 2026-09-22 10:00 UTC
    static let attack = "<script>alert(1)</script>"

    @Test("interpolated strings are escaped for text and quoted attributes; HTML fragments are not escaped twice")
    func interpolation() {
        let value = #"a" onmouseover="x' & <b>"#
        let html: HTML = "<p title=\"\(value)\">\(value)</p>\(HTML(raw: "<br>"))"
        #expect(html.text == #"<p title="a&quot; onmouseover=&quot;x&#39; &amp; &lt;b&gt;">a&quot; onmouseover=&quot;x&#39; &amp; &lt;b&gt;</p><br>"#)
        let nested: HTML = "<div>\(["<i>\(Self.attack)</i>" as HTML])</div>"
        #expect(nested.text == "<div><i>&lt;script&gt;alert(1)&lt;/script&gt;</i></div>")
        #expect(HTML.escape("\u{0}x") == "\u{FFFD}x")
    }

    @Test("an app title, a person's name, a note and a device name of <script>alert(1)</script> render as text on every page", arguments: TestEngine.available)
    func everywhere(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let admin = f.admin.accessToken
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: admin, json: jsonBody(["name": Self.attack]))
            let renamed = try await f.api.call(.patch, "/api/teams/\(f.teamA)", token: admin, json: jsonBody(["name": Self.attack]))
            #expect(renamed.status == .ok, "\(String(buffer: renamed.body))")
            let stored = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                ["id": UUID().uuidString, "timestamp": "2026-09-22T08:00:00Z", "duration": 3600, "app": Self.attack, "title": Self.attack],
            ]]))
            #expect(stored.status == .ok || stored.status == .accepted)
            let idleID = UUID().uuidString.lowercased()
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": idleID, "start": "2026-09-22T09:00:00Z", "end": "2026-09-22T09:30:00Z", "reason": "afk"],
            ]]))
            try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken,
                                 json: jsonBody(["classification": "work_away", "note": Self.attack, "notePrivate": false]))
            try await f.api.call(.post, "/api/me/devices", token: f.employee.accessToken, json: jsonBody(["name": Self.attack, "platform": "linux"]))

            let rule = try await f.api.call(.post, "/api/rules", token: admin, json: jsonBody(["field": "app", "match": "exact", "pattern": Self.attack, "category": "productive"]))
            #expect(rule.status == .created || rule.status == .ok)
            let employee = TestBrowser(client), manager = TestBrowser(client), administrator = TestBrowser(client)
            try await employee.signIn(email: f.employee.email, password: IdentityFixture.password)
            try await manager.signIn(email: f.managerA.email, password: IdentityFixture.password)
            try await administrator.signIn(email: f.admin.email, password: IdentityFixture.password, admin: true)
            let day = "period=day&date=2026-09-22"
            let pages: [(TestBrowser, String)] = [
                (employee, "/dashboard/me?\(day)"), (employee, "/me/idle?date=2026-09-22"), (employee, "/me/devices"),
                (employee, "/trends"), (employee, "/timesheets?from=2026-09-22&to=2026-09-22"),
                (manager, "/dashboard/teams"), (manager, "/dashboard/team/\(f.teamA)?\(day)"), (manager, "/dashboard/employee/\(f.employee.id)?\(day)"),
                (manager, "/teams/\(f.teamA)/metrics?\(day)"), (manager, "/trends?scope=team&id=\(f.teamA)"),
                (manager, "/timesheets?scope=team&id=\(f.teamA)&from=2026-09-22&to=2026-09-22"), (manager, "/schedule?team=\(f.teamA)"),
                (manager, "/admin/rules"), (administrator, "/admin/people"), (administrator, "/admin/people/\(f.employee.id)"),
                (administrator, "/admin/teams"), (administrator, "/admin/teams/\(f.teamA)"), (administrator, "/dashboard/organization?\(day)"),
                (administrator, "/admin/rules/preview?field=app&match=exact&pattern=\(TestBrowser.encode(Self.attack))&category=neutral"),
            ]
            for (browser, path) in pages {
                let page = try await browser.get(path)
                #expect(page.status == 200, "\(path): \(page.status)")
                #expect(!page.body.contains(Self.attack), "\(path) carries the title as markup")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path) does not show the text at all")
                // A page has the one script of the layout; the preview fragment has none.
                let scripts = path.hasPrefix("/admin/rules/preview") ? 0 : 1
                #expect(page.body.components(separatedBy: "<script").count == scripts + 1, "\(path): a script element besides the page's own")
            }
        }
    }
}
