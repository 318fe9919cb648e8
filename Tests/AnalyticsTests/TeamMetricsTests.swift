import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Team metrics")
struct TeamMetricsTests {
    struct Body: Decodable {
        struct Components: Decodable { let score: Double?; let productiveSeconds: Double; let uncategorizedSeconds: Double; let idleSeconds: Double }
        struct Row: Decodable { let employeeId: String; let activeSeconds: Double; let score: Double?; let idleShare: Double?; let daysActive: Int
                                let firstActivity: Double?; let components: Components }
        struct Distribution: Decodable { let median: Double?; let p90: Double? }
        struct Comparison: Decodable { let activeSecondsPerPerson: Double; let score: Double? }
        let rows: [Row]
        let activeDistribution: Distribution
        let team: Comparison
        let organization: Comparison
        let ranked: Bool
    }

    @Test("per-person rows, distribution, team against organisation; ranking only when enabled", arguments: TestEngine.available)
    func metrics(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-30T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                 json: jsonBody(["field": "app", "match": "exact", "pattern": "Code", "category": "productive"]))
            let managerDevice = try await f.enrolDevice(for: f.managerA)
            let otherDevice = try await f.enrolDevice(for: f.otherEmployee)
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                DashboardTests.event("2026-03-23T09:00:00Z", 3600, "Code"), DashboardTests.event("2026-03-24T09:00:00Z", 3600, "Slack"),
            ]]))
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": UUID().uuidString, "start": "2026-03-24T12:00:00Z", "end": "2026-03-24T12:30:00Z", "reason": "afk"],
            ]]))
            try await f.api.call(.post, "/api/activities", token: managerDevice, json: jsonBody(["events": [
                DashboardTests.event("2026-03-25T08:00:00Z", 1800, "Code"),
            ]]))
            try await f.api.call(.post, "/api/activities", token: otherDevice, json: jsonBody(["events": [
                DashboardTests.event("2026-03-25T08:00:00Z", 7200, "Slack"),
            ]]))
            // Team A's time zone is the organisation's (UTC); week of 2026-03-23.
            let m = try await f.api.decode(Body.self, .get, "/api/teams/\(f.teamA)/metrics?period=week&date=2026-03-25", token: f.managerA.accessToken)
            #expect(!m.ranked)
            let employee = try #require(m.rows.first { $0.employeeId == f.employee.id })
            // Slack matches no rule: uncategorized counts on neither side, so the score is 100 × 3600 / 3600.
            #expect(employee.activeSeconds == 7200 && employee.daysActive == 2 && employee.score == 100)
            #expect(employee.idleShare == 0.2)                                                          // 1800 / (7200 + 1800)
            #expect(employee.firstActivity == 32_400)
            #expect(employee.components.productiveSeconds == 3600 && employee.components.uncategorizedSeconds == 3600)
            #expect(employee.components.idleSeconds == 1800 && employee.components.score == employee.score)
            let manager = try #require(m.rows.first { $0.employeeId == f.managerA.id })
            #expect(manager.activeSeconds == 1800 && manager.daysActive == 1 && manager.score == 100)
            #expect(m.activeDistribution.median == 4500 && m.activeDistribution.p90 == 7200)
            #expect(m.team.activeSecondsPerPerson == 4500)
            // Organisation: 5 people (admin, two managers, two employees), 7200 + 1800 + 7200 seconds.
            #expect(m.organization.activeSecondsPerPerson == 3240)

            // Ranking by a metric is refused unless the organisation enables it (or for admins).
            #expect(try await f.api.call(.get, "/api/teams/\(f.teamA)/metrics?sort=-active", token: f.managerA.accessToken).status == .forbidden)
            let adminRanked = try await f.api.decode(Body.self, .get, "/api/teams/\(f.teamA)/metrics?period=week&date=2026-03-25&sort=-active", token: f.admin.accessToken)
            #expect(adminRanked.ranked && adminRanked.rows.map(\.employeeId) == [f.employee.id, f.managerA.id])
            try await f.api.call(.patch, "/api/organization", token: f.admin.accessToken, json: jsonBody(["publicRanking": true]))
            #expect(try await f.api.call(.get, "/api/teams/\(f.teamA)/metrics?sort=-active", token: f.managerA.accessToken).status == .ok)
            #expect(try await f.api.call(.get, "/api/teams/\(f.teamA)/metrics?sort=height", token: f.admin.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/teams/\(f.teamA)/metrics", token: f.managerB.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/teams/\(f.teamA)/metrics", token: f.employee.accessToken).status == .forbidden)
        }
    }
}
