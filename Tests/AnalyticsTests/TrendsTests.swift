import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Trends")
struct TrendsTests {
    struct Body: Decodable {
        struct Point: Decodable { let key: String; let value: Double?; let movingAverage: Double? }
        struct Series: Decodable { let employeeId: String; let values: [Double?] }
        let points: [Point]
        let current: Double?
        let previous: Double?
        let change: Double?
        struct Components: Decodable { let score: Double?; let productiveSeconds: Double; let unproductiveSeconds: Double }
        let components: Components
        let employees: [Series]
    }

    @Test("metrics by day and ISO week, moving average and change, hand-computed", arguments: TestEngine.available)
    func trends(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-30T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            for rule in [["field": "app", "match": "exact", "pattern": "Code", "category": "productive"],
                         ["field": "domain", "match": "exact", "pattern": "youtube.com", "category": "unproductive"]] {
                try await f.api.call(.post, "/api/rules", token: f.admin.accessToken, json: jsonBody(rule))
            }
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                DashboardTests.event("2026-03-15T09:00:00Z", 1200, "Code"),       // previous range
                DashboardTests.event("2026-03-27T09:00:00Z", 3600, "Code"),
                DashboardTests.event("2026-03-28T08:00:00Z", 1800, "Code"),
                DashboardTests.event("2026-03-28T17:00:00Z", 1800, "Firefox", url: "https://youtube.com/v"),
                DashboardTests.event("2026-03-29T10:00:00Z", 600, "Slack"),
            ]]))
            let base = "/api/trends?from=2026-03-20&to=2026-03-29&timeZone=UTC"
            let active = try await f.api.decode(Body.self, .get, base + "&metric=active", token: f.employee.accessToken)
            #expect(active.points.map(\.key).first == "2026-03-20" && active.points.count == 10)
            #expect(active.points.suffix(3).map(\.value) == [3600, 3600, 600])
            #expect(active.points.last?.movingAverage == 1114.3)     // (0+0+0+0+3600+3600+600) / 7
            #expect(active.current == 7800 && active.previous == 1200 && active.change == 6600)
            #expect(active.employees.isEmpty)

            let score = try await f.api.decode(Body.self, .get, base + "&metric=score", token: f.employee.accessToken)
            #expect(score.points.suffix(3).map(\.value) == [100, 50, nil])
            #expect(score.current == 75)                              // 100 × 5400 / (5400 + 1800)
            #expect(score.components.productiveSeconds == 5400 && score.components.unproductiveSeconds == 1800 && score.components.score == 75)

            let first = try await f.api.decode(Body.self, .get, base + "&metric=firstActivity", token: f.employee.accessToken)
            #expect(first.points.suffix(3).map(\.value) == [32_400, 28_800, 36_000])
            #expect(first.current == 32_400)
            let lastActivity = try await f.api.decode(Body.self, .get, base + "&metric=lastActivity", token: f.employee.accessToken)
            #expect(lastActivity.points.suffix(3).map(\.value) == [36_000, 63_000, 36_600])

            let weeks = try await f.api.decode(Body.self, .get, base + "&metric=active&granularity=week", token: f.employee.accessToken)
            #expect(weeks.points.map(\.key) == ["2026-W12", "2026-W13"])
            #expect(weeks.points.map(\.value) == [0, 7800])

            let team = try await f.api.decode(Body.self, .get, base + "&metric=active&scope=team&id=\(f.teamA)", token: f.managerA.accessToken)
            #expect(Set(team.employees.map(\.employeeId)) == [f.employee.id, f.managerA.id])
            #expect(team.employees.first { $0.employeeId == f.employee.id }?.values.suffix(3) == [3600, 3600, 600])

            #expect(try await f.api.call(.get, base + "&metric=happiness", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, base + "&granularity=year", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/trends?from=2026-03-29&to=2026-03-20", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/trends?from=2024-01-01&to=2026-03-20", token: f.employee.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/trends?scope=team&id=\(f.teamA)", token: f.managerB.accessToken).status == .forbidden)
        }
    }
}
