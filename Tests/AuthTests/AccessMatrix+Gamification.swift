import Foundation
import HTTPTypes
import TestSupport
import TrackerHTTP

/// The gamification endpoints in the access matrix (statuses: admin, managerA, managerB, employee, otherEmployee).
/// The first turns gamification on (as the admin, who is asked first), so the rest answer rather than `409`.
extension AccessMatrixTests {
    static let gamificationEndpoints: [Endpoint] = [
        Endpoint(name: "PUT /api/gamification/settings", method: .put, path: { _ in "/api/gamification/settings" },
                 body: { _ in jsonBody(["enabled": true, "individualLeaderboards": true]) }, expected: adminOnly(200)),
        Endpoint(name: "GET /api/gamification/settings", method: .get, path: { _ in "/api/gamification/settings" }, body: nil,
                 expected: anyUser(200)),
        Endpoint(name: "GET /api/gamification/badges", method: .get, path: { _ in "/api/gamification/badges" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "GET /api/gamification/leaderboard", method: .get, path: { _ in "/api/gamification/leaderboard?period=month" }, body: nil,
                 expected: anyUser(200)),
        Endpoint(name: "GET /api/gamification/people/{employee}", method: .get, path: { f in "/api/gamification/people/\(f.employee.id)" },
                 body: nil, expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "POST /api/gamification/rebuild", method: .post, path: { _ in "/api/gamification/rebuild" },
                 body: { _ in jsonBody(["from": "2026-03-30", "to": "2026-03-30"]) }, expected: adminOnly(202)),
        Endpoint(name: "GET /api/gamification/rebuild", method: .get, path: { _ in "/api/gamification/rebuild" }, body: nil,
                 expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "GET /api/me/gamification", method: .get, path: { _ in "/api/me/gamification" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "PUT /api/me/gamification", method: .put, path: { _ in "/api/me/gamification" },
                 body: { _ in jsonBody(["goalMinutes": 300]) }, expected: anyUser(200)),
        Endpoint(name: "GET /api/me/gamification/ledger", method: .get, path: { _ in "/api/me/gamification/ledger?from=2026-03-01&to=2026-03-31" },
                 body: nil, expected: anyUser(200)),
    ]
}
