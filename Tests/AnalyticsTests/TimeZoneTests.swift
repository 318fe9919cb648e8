import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Hand-computed: an employee in Los Angeles (own zone) in a team without a zone in a Berlin organisation.
/// On Tuesday 2026-03-10 Los Angeles is UTC−7 (US summer time began on the 8th), Berlin UTC+1.
/// Events: E1 06:30Z +30 min (LA: 23:30 on the 9th; Berlin 07:30 on the 10th), E2 16:00Z +60 min "Code"
/// (LA 09:00, Berlin 17:00), E3 2026-03-11 06:00Z +10 min (LA 23:00 on the 10th, Berlin 07:00 on the 11th).
@Suite("Time zones")
struct TimeZoneTests {
    struct Board: Decodable {
        struct Period: Decodable { let timeZone: String; let hours: Int }
        struct Totals: Decodable { let activeSeconds: Double }
        let period: Period
        let totals: Totals
        let heatmap: [[Double]]
    }

    struct Trend: Decodable {
        struct Point: Decodable { let key: String; let value: Double? }
        let timeZone: String
        let points: [Point]
    }

    struct Metrics: Decodable {
        struct Row: Decodable { let employeeId: String; let activeSeconds: Double; let firstActivity: Double?; let lastActivity: Double?; let daysActive: Int }
        let timeZone: String
        let rows: [Row]
    }

    @Test("each view counts days in its zone: the employee's own, else the team's, else the organisation's", arguments: TestEngine.available)
    func zones(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-20T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let admin = f.admin.accessToken
            try await f.api.call(.patch, "/api/organization", token: admin, json: jsonBody(["timeZone": "Europe/Berlin"]))
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: admin, json: jsonBody(["timeZone": "America/Los_Angeles"]))
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                DashboardTests.event("2026-03-10T06:30:00Z", 1800, "Mail"),
                DashboardTests.event("2026-03-10T16:00:00Z", 3600, "Code"),
                DashboardTests.event("2026-03-11T06:00:00Z", 600, "Mail"),
            ]]))
            let manager = f.managerA.accessToken

            // The employee's own zone.
            let tuesday = try await f.api.decode(Board.self, .get, "/api/dashboard?scope=employee&id=\(f.employee.id)&date=2026-03-10", token: manager)
            #expect(tuesday.period.timeZone == "America/Los_Angeles" && tuesday.period.hours == 24)
            #expect(tuesday.totals.activeSeconds == 3600 + 600)
            #expect(tuesday.heatmap[1][9] == 3600 && tuesday.heatmap[1][23] == 600)      // Tuesday row: 09:00 and 23:00 local
            let monday = try await f.api.decode(Board.self, .get, "/api/dashboard?scope=employee&id=\(f.employee.id)&date=2026-03-09", token: manager)
            #expect(monday.totals.activeSeconds == 1800 && monday.heatmap[0][23] == 1800)

            let first = try await f.api.decode(Trend.self, .get,
                "/api/trends?scope=employee&id=\(f.employee.id)&metric=firstActivity&from=2026-03-09&to=2026-03-11", token: manager)
            #expect(first.timeZone == "America/Los_Angeles")
            #expect(first.points.map(\.value) == [84_600, 32_400, nil])                     // 23:30, 09:00, no activity
            let last = try await f.api.decode(Trend.self, .get,
                "/api/trends?scope=employee&id=\(f.employee.id)&metric=lastActivity&from=2026-03-10&to=2026-03-10", token: manager)
            #expect(last.points.map(\.value) == [83_400])                                     // E3 ends 23:10

            // The team has no zone: the organisation's (Berlin), where E1 and E2 fall on the 10th.
            let team = try await f.api.decode(Board.self, .get, "/api/dashboard?scope=team&id=\(f.teamA)&date=2026-03-10", token: manager)
            #expect(team.period.timeZone == "Europe/Berlin" && team.totals.activeSeconds == 1800 + 3600)
            let metrics = try await f.api.decode(Metrics.self, .get, "/api/teams/\(f.teamA)/metrics?period=day&date=2026-03-10", token: manager)
            let row = try #require(metrics.rows.first { $0.employeeId == f.employee.id })
            #expect(metrics.timeZone == "Europe/Berlin")
            #expect(row.activeSeconds == 5400 && row.daysActive == 1)
            #expect(row.firstActivity == 27_000 && row.lastActivity == 64_800)               // 07:30 and 18:00 Berlin

            // The organisation (an administrator; Berlin): read from the organisation rollups and without a list of people.
            struct OrgBoard: Decodable { struct Totals: Decodable { let activeSeconds: Double }; struct App: Decodable { let app: String; let seconds: Double }
                                         let totals: Totals; let topApps: [App] }
            let org = try await f.api.decode(OrgBoard.self, .get, "/api/dashboard?scope=organization&date=2026-03-10", token: admin)
            #expect(org.totals.activeSeconds == 5400 && org.topApps.map(\.app) == ["Code", "Mail"] && org.topApps.map(\.seconds) == [3600, 1800])

            struct OrgTrend: Decodable { struct Point: Decodable { let value: Double? }; let timeZone: String; let points: [Point]; let employees: [[String: String]] }
            let orgTrend = try await f.api.decode(OrgTrend.self, .get,
                "/api/trends?scope=organization&metric=active&from=2026-03-09&to=2026-03-11", token: admin)
            #expect(orgTrend.timeZone == "Europe/Berlin" && orgTrend.points.map(\.value) == [0, 5400, 600] && orgTrend.employees.isEmpty)
            let orgFirst = try await f.api.decode(OrgTrend.self, .get,
                "/api/trends?scope=organization&metric=firstActivity&from=2026-03-10&to=2026-03-11", token: admin)
            #expect(orgFirst.points.map(\.value) == [27_000, 25_200])                         // 07:30 and 07:00 Berlin

            // Without an own zone: the team's (team B is in New York), else the organisation's.
            let other = try await f.api.decode(Board.self, .get, "/api/dashboard?date=2026-03-10", token: f.otherEmployee.accessToken)
            #expect(other.period.timeZone == "America/New_York")
            let mine = try await f.api.decode(Board.self, .get, "/api/dashboard?date=2026-03-10", token: manager)
            #expect(mine.period.timeZone == "Europe/Berlin")
        }
    }
}
