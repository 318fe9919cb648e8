import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// A hand-computed day: Sunday 2026-03-29 in Europe/Berlin, when clocks jump from 02:00 CET to 03:00 CEST
/// (a 23-hour day from 2026-03-28T23:00Z to 2026-03-29T22:00Z).
@Suite("Dashboard")
struct DashboardTests {
    struct Body: Decodable {
        struct Period: Decodable { let from: String; let to: String; let hours: Int; let timeZone: String }
        struct Score: Decodable { let score: Double?; let productiveSeconds: Double; let unproductiveSeconds: Double; let uncategorizedSeconds: Double; let idleSeconds: Double }
        struct Totals: Decodable { let activeSeconds: Double; let idleSeconds: Double; let score: Score }
        struct Change: Decodable { let activeSeconds: Double; let scorePoints: Double? }
        struct App: Decodable, Equatable { let app: String; let category: String; let seconds: Double }
        struct Day: Decodable { let date: String; let hours: Int; let activeSeconds: Double; let score: Double? }
        let period: Period
        let totals: Totals
        let previous: Totals
        let change: Change
        let topApps: [App]
        let days: [Day]
        let heatmap: [[Double]]
        struct Category: Decodable { let category: String; let seconds: Double; let topApps: [App] }
        let categories: [Category]
    }

    static func event(_ at: String, _ seconds: Double, _ app: String, url: String? = nil) -> [String: Any] {
        var e: [String: Any] = ["id": UUID().uuidString, "timestamp": at, "duration": seconds, "app": app, "title": "t"]
        if let url { e["url"] = url }
        return e
    }

    @Test("a DST day in Europe/Berlin, hand-computed", arguments: TestEngine.available)
    func dstDay(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-30T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: f.admin.accessToken, json: jsonBody(["timeZone": "Europe/Berlin"]))
            for rule in [["field": "app", "match": "exact", "pattern": "Code", "category": "productive"],
                         ["field": "domain", "match": "exact", "pattern": "youtube.com", "category": "unproductive"]] {
                try await f.api.call(.post, "/api/rules", token: f.admin.accessToken, json: jsonBody(rule))
            }
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                Self.event("2026-03-28T23:30:00Z", 3600, "Code"),                                   // 00:30–01:30 CET
                Self.event("2026-03-29T01:30:00Z", 1800, "Firefox", url: "https://www.youtube.com/x"), // 03:30 CEST
                Self.event("2026-03-29T10:00:00Z", 600, "Slack"),                                   // 12:00 CEST, no rule
                Self.event("2026-03-28T10:00:00Z", 1200, "Code"),                                   // the day before
                Self.event("2026-03-29T22:10:00Z", 600, "Code"),                                    // 00:10 CEST on the 30th
            ]]))
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": UUID().uuidString, "start": "2026-03-29T00:00:00Z", "end": "2026-03-29T00:15:00Z", "reason": "afk"],
            ]]))
            let d = try await f.api.decode(Body.self, .get, "/api/dashboard?scope=employee&id=\(f.employee.id)&period=day&date=2026-03-29",
                                           token: f.managerA.accessToken)
            #expect(d.period.timeZone == "Europe/Berlin" && d.period.hours == 23 && d.period.from == "2026-03-29")
            #expect(d.totals.activeSeconds == 2700 + 1800 + 600)
            #expect(d.totals.idleSeconds == 900)
            #expect(d.totals.score.productiveSeconds == 2700 && d.totals.score.unproductiveSeconds == 1800)
            #expect(d.totals.score.uncategorizedSeconds == 600)
            #expect(d.totals.score.score == 60)            // 100 × 2700 / (2700 + 1800)
            #expect(d.previous.activeSeconds == 1200 && d.previous.score.score == 100)
            #expect(d.change.activeSeconds == 3900 && d.change.scorePoints == -40)
            #expect(d.topApps == [.init(app: "Code", category: "productive", seconds: 2700),
                                  .init(app: "Firefox", category: "unproductive", seconds: 1800),
                                  .init(app: "Slack", category: "uncategorized", seconds: 600)])
            #expect(d.days.count == 1 && d.days[0].hours == 23 && d.days[0].activeSeconds == 5100)
            // Each component of the score with the apps behind it.
            let byCategory = Dictionary(uniqueKeysWithValues: d.categories.map { ($0.category, $0) })
            #expect(byCategory["productive"]?.seconds == 2700 && byCategory["productive"]?.topApps.map(\.app) == ["Code"])
            #expect(byCategory["unproductive"]?.topApps == [.init(app: "Firefox", category: "unproductive", seconds: 1800)])
            #expect(byCategory["uncategorized"]?.topApps.map(\.app) == ["Slack"] && byCategory["neutral"]?.topApps.isEmpty == true)
            // Sunday is row 6; local hours 0 (CET), 1 (CET, minus idle), 3 (CEST, after the jump) and 12.
            #expect(d.heatmap[6][0] == 1800 && d.heatmap[6][1] == 900 && d.heatmap[6][2] == 0 && d.heatmap[6][3] == 1800 && d.heatmap[6][12] == 600)
            #expect(d.heatmap.flatMap { $0 }.reduce(0, +) == 5100)

            // The same data seen as a UTC week; and access rules.
            let week = try await f.api.decode(Body.self, .get, "/api/dashboard?period=week&date=2026-03-29&timeZone=UTC", token: f.employee.accessToken)
            #expect(week.period.from == "2026-03-23" && week.period.to == "2026-03-29" && week.period.hours == 168)
            // The UTC week ends at 2026-03-30T00:00Z, so it also holds the 22:10Z event that Berlin counts on the 30th.
            #expect(week.totals.activeSeconds == 1200 + 5100 + 600)
            #expect(try await f.api.call(.get, "/api/dashboard?scope=employee&id=\(f.employee.id)", token: f.managerB.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/dashboard?scope=organization", token: f.managerA.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/dashboard?period=fortnight", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/dashboard?date=2026-02-30", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/dashboard?timeZone=Mars/Base", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/dashboard", token: f.deviceToken).status == .forbidden)
            let team = try await f.api.decode(Body.self, .get, "/api/dashboard?scope=team&id=\(f.teamA)&period=day&date=2026-03-29&timeZone=Europe/Berlin",
                                              token: f.managerA.accessToken)
            #expect(team.totals.activeSeconds == 5100)
        }
    }
}
