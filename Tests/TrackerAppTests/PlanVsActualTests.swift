import Foundation
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Plan vs clocked vs tracked, from a synced Connecteam shift and punch and the agent's activity.
@Suite("Plan vs clocked vs tracked", .timeLimit(.minutes(2)))
struct PlanVsActualTests {
    struct Row: Decodable {
        let employeeId: String, date: String
        let scheduledHours: Double, clockedHours: Double, trackedHours: Double
        let clockedInactiveHours: Double, activeUnclockedHours: Double, clockedOutsideShiftHours: Double
    }
    struct Report: Decodable { let items: [Row] }

    @Test("hours and gaps per person-day, from the intervals themselves", arguments: TestEngine.available)
    func report(engine: TestEngine) async throws {
        let fake = try FakeConnecteam()
        let yesterday = (Int64(Date().timeIntervalSince1970 / 86_400) - 1) * 86_400, h: Int64 = 3600
        try await fake.serve {
            try await TestApp(settings: try await engine.freshSettings()).test { client in
                let f = try await IdentityFixture.make(client)
                fake.set(users: [.init(101, "Erin", "Employee", email: f.employee.email)],
                         shifts: [7: [.init("s1", start: yesterday + 9 * h, end: yesterday + 17 * h, assigned: [101])]],
                         activities: [9: [.init("a1", userId: 101, start: yesterday + 8 * h, end: yesterday + 16 * h)]])
                #expect(try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken, json: jsonBody([
                    "settings": ["baseURL": fake.baseURL, "schedulerIds": [7], "timeClockIds": [9], "pastDays": 3], "apiKey": fake.apiKey,
                ])).status == .ok)
                #expect(try await f.api.call(.post, "/api/connecteam/sync?wait=true", token: f.admin.accessToken).text.contains("\"done\""))
                // Active 10–12 and 15–18 (UTC): 2 h inside the punch, 1 h inside it and 2 h after it.
                func event(_ start: Int64, _ hours: Int64, _ app: String) -> [String: Any] {
                    ["id": UUID().uuidString, "timestamp": RFC3339.format(Date(timeIntervalSince1970: Double(start))), "duration": hours * h,
                     "app": app, "title": "work"]
                }
                #expect(try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                    event(yesterday + 10 * h, 2, "Editor"), event(yesterday + 15 * h, 3, "Editor"),
                ]])).status == .ok)

                let day = LocalCalendar.local(Date(timeIntervalSince1970: Double(yesterday + 12 * h)), .gmt).prefix(10)
                let path = "/api/connecteam/plan-vs-actual?from=\(day)&to=\(day)&employeeId=\(f.employee.id)"
                let rows = try await f.api.decode(Report.self, .get, path, token: f.managerA.accessToken).items
                let row = try #require(rows.first)
                #expect(rows.count == 1 && row.date == String(day), "\(rows)")
                #expect(row.scheduledHours == 8 && row.clockedHours == 8 && row.trackedHours == 5)
                #expect(row.clockedInactiveHours == 5 && row.activeUnclockedHours == 2 && row.clockedOutsideShiftHours == 1)

                #expect(try await f.api.call(.get, path, token: f.managerB.accessToken).status == .forbidden)
                #expect(try await f.api.call(.get, path, token: f.otherEmployee.accessToken).status == .forbidden)
                #expect(try await f.api.call(.get, "/api/connecteam/plan-vs-actual?from=\(day)&to=\(day)", token: f.employee.accessToken).status == .ok)
                let team = try await f.api.decode(Report.self, .get, "/api/connecteam/plan-vs-actual?from=\(day)&to=\(day)&teamId=\(f.teamA)",
                                                  token: f.managerA.accessToken).items
                #expect(team.contains { $0.employeeId == f.employee.id && $0.clockedHours == 8 })
                let csv = try await f.api.call(.get, path + "&format=csv", token: f.admin.accessToken)
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.text.contains(",8,8,5,5,2,1"))
                let bad = try await f.api.call(.get, "/api/connecteam/plan-vs-actual?from=2026-13-01&to=\(day)", token: f.admin.accessToken)
                #expect(bad.status == .badRequest && bad.text.contains("from"))
            }
        }
    }
}
