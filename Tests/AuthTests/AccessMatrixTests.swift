import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

/// Every endpoint of the identity area, called as every kind of caller, with the status each must get.
/// New features add their endpoints to `AccessMatrix.endpoints`.
@Suite("Access matrix")
struct AccessMatrixTests {
    enum Caller: String, CaseIterable, Sendable {
        case admin, managerA, managerB, employee, otherEmployee, device, anonymous
    }

    struct Endpoint: Sendable {
        let name: String
        let method: HTTPRequest.Method
        /// Builds the path (and may create a fresh target resource, so mutations never interfere).
        let path: @Sendable (IdentityFixture) async throws -> String
        let body: (@Sendable (IdentityFixture) -> String)?
        let expected: [Caller: Int]
    }

    /// Statuses: the same for every signed-in person unless listed; devices get 403 and anonymous 401 unless listed.
    static func expect(_ admin: Int, _ managerA: Int, _ managerB: Int, _ employee: Int, _ other: Int,
                       device: Int = 403, anonymous: Int = 401) -> [Caller: Int] {
        [.admin: admin, .managerA: managerA, .managerB: managerB, .employee: employee, .otherEmployee: other,
         .device: device, .anonymous: anonymous]
    }
    static func adminOnly(_ success: Int) -> [Caller: Int] { expect(success, 403, 403, 403, 403) }
    static func anyUser(_ success: Int) -> [Caller: Int] { expect(success, success, success, success, success) }

    struct Created: Decodable { let id: String }
    struct Enrolled: Decodable { let device: Created }

    static func freshEmployee(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/employees", token: f.admin.accessToken, json: jsonBody([
            "name": "Temp", "email": "temp-\(UUID().uuidString.prefix(8))@example.com", "teamId": f.teamA,
        ]), expect: .created).id
    }

    static func freshTeam(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/teams", token: f.admin.accessToken,
                               json: jsonBody(["name": "Temp \(UUID().uuidString.prefix(8))"]), expect: .created).id
    }

    static func freshDevice(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Enrolled.self, .post, "/api/employees/\(f.employee.id)/devices", token: f.admin.accessToken,
                               json: jsonBody(["name": "spare", "platform": "linux"]), expect: .created).device.id
    }

    static let endpoints: [Endpoint] = [
        Endpoint(name: "GET /api/me", method: .get, path: { _ in "/api/me" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/me/password", method: .post, path: { _ in "/api/me/password" },
                 body: { _ in jsonBody(["currentPassword": IdentityFixture.password, "newPassword": IdentityFixture.password]) },
                 expected: anyUser(204)),
        Endpoint(name: "GET /api/me/access-log", method: .get, path: { _ in "/api/me/access-log" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/me/devices", method: .post, path: { _ in "/api/me/devices" },
                 body: { _ in jsonBody(["name": "pc", "platform": "windows"]) }, expected: anyUser(201)),
        Endpoint(name: "GET /api/me/devices", method: .get, path: { _ in "/api/me/devices" }, body: nil, expected: anyUser(200)),
        // A fresh device of `employee` each time: its owner may revoke it, for everyone else it does not exist.
        Endpoint(name: "DELETE /api/me/devices/{employee's}", method: .delete, path: { f in "/api/me/devices/\(try await freshDevice(f))" },
                 body: nil, expected: expect(404, 404, 404, 204, 404)),
        Endpoint(name: "GET /api/organization", method: .get, path: { _ in "/api/organization" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "PATCH /api/organization", method: .patch, path: { _ in "/api/organization" },
                 body: { _ in jsonBody(["name": "Acme"]) }, expected: adminOnly(200)),
        Endpoint(name: "GET /api/teams", method: .get, path: { _ in "/api/teams" }, body: nil, expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "POST /api/teams", method: .post, path: { _ in "/api/teams" },
                 body: { _ in jsonBody(["name": "New \(UUID().uuidString.prefix(8))"]) }, expected: adminOnly(201)),
        Endpoint(name: "GET /api/teams/{A}", method: .get, path: { f in "/api/teams/\(f.teamA)" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "PATCH /api/teams/{A}", method: .patch, path: { f in "/api/teams/\(f.teamA)" },
                 body: { _ in jsonBody(["timeZone": "Europe/Paris"]) }, expected: adminOnly(200)),
        Endpoint(name: "DELETE /api/teams/{fresh}", method: .delete, path: { f in "/api/teams/\(try await freshTeam(f))" }, body: nil,
                 expected: adminOnly(200)),
        Endpoint(name: "PUT /api/teams/{A}/managers", method: .put, path: { f in "/api/teams/\(f.teamA)/managers" },
                 body: { f in jsonBody(["employeeIds": [f.managerA.id]]) }, expected: adminOnly(200)),
        Endpoint(name: "GET /api/employees", method: .get, path: { _ in "/api/employees" }, body: nil, expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "POST /api/employees", method: .post, path: { _ in "/api/employees" },
                 body: { _ in jsonBody(["name": "N", "email": "n-\(UUID().uuidString.prefix(8))@example.com"]) }, expected: adminOnly(201)),
        Endpoint(name: "GET /api/employees/{employee}", method: .get, path: { f in "/api/employees/\(f.employee.id)" }, body: nil,
                 expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "PATCH /api/employees/{employee}", method: .patch, path: { f in "/api/employees/\(f.employee.id)" },
                 body: { _ in jsonBody(["name": "Employee A"]) }, expected: adminOnly(200)),
        Endpoint(name: "DELETE /api/employees/{fresh}", method: .delete, path: { f in "/api/employees/\(try await freshEmployee(f))" },
                 body: nil, expected: adminOnly(200)),
        Endpoint(name: "POST /api/employees/{employee}/password-reset", method: .post,
                 path: { f in "/api/employees/\(f.employee.id)/password-reset" }, body: nil, expected: adminOnly(201)),
        Endpoint(name: "GET /api/employees/{employee}/devices", method: .get, path: { f in "/api/employees/\(f.employee.id)/devices" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "POST /api/employees/{employee}/devices", method: .post, path: { f in "/api/employees/\(f.employee.id)/devices" },
                 body: { _ in jsonBody(["name": "desk", "platform": "macos"]) }, expected: adminOnly(201)),
        Endpoint(name: "POST /api/employees/{employee}/devices/{fresh}/pause", method: .post,
                 path: { f in "/api/employees/\(f.employee.id)/devices/\(try await freshDevice(f))/pause" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "POST /api/employees/{employee}/devices/{fresh}/resume", method: .post,
                 path: { f in "/api/employees/\(f.employee.id)/devices/\(try await freshDevice(f))/resume" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "DELETE /api/employees/{employee}/devices/{fresh}", method: .delete,
                 path: { f in "/api/employees/\(f.employee.id)/devices/\(try await freshDevice(f))" }, body: nil, expected: adminOnly(204)),
        Endpoint(name: "GET /api/admin/access-log", method: .get, path: { _ in "/api/admin/access-log" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "GET /api/agent/config", method: .get, path: { _ in "/api/agent/config" }, body: nil,
                 expected: expect(403, 403, 403, 403, 403, device: 200)),
        Endpoint(name: "POST /api/agent/status", method: .post, path: { _ in "/api/agent/status" },
                 body: { _ in jsonBody(["agentVersion": "1.0.0"]) }, expected: expect(403, 403, 403, 403, 403, device: 204)),
        // Activity area (device ingest; reads under the access rules; rules; the cache).
        Endpoint(name: "POST /api/activities", method: .post, path: { _ in "/api/activities" }, body: { _ in recentBatch() },
                 expected: expect(403, 403, 403, 403, 403, device: 200)),
        Endpoint(name: "POST /api/activities/heartbeat", method: .post, path: { _ in "/api/activities/heartbeat?pulsetime=6" },
                 body: { _ in jsonBody(["timestamp": RFC3339.format(Date().addingTimeInterval(-30)), "duration": 0, "app": "Code", "title": "x"]) },
                 expected: expect(403, 403, 403, 403, 403, device: 200)),
        Endpoint(name: "POST /api/idle", method: .post, path: { _ in "/api/idle" }, body: { _ in recentIdle(UUID().uuidString) },
                 expected: expect(403, 403, 403, 403, 403, device: 200)),
        Endpoint(name: "GET /api/activities?employee", method: .get, path: { f in "/api/activities?employee=\(f.employee.id)" }, body: nil,
                 expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "GET /api/activities/hourly?employee", method: .get, path: { f in "/api/activities/hourly?employee=\(f.employee.id)" },
                 body: nil, expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "GET /api/idle?employee", method: .get, path: { f in "/api/idle?employee=\(f.employee.id)" }, body: nil,
                 expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "PATCH /api/idle/{employee's}", method: .patch, path: { f in "/api/idle/\(try await freshIdle(f))" },
                 body: { _ in jsonBody(["classification": "break"]) }, expected: expect(404, 404, 404, 200, 404)),
        Endpoint(name: "GET /api/rules", method: .get, path: { _ in "/api/rules" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/rules (organisation)", method: .post, path: { _ in "/api/rules" },
                 body: { _ in jsonBody(["field": "app", "match": "exact", "pattern": "X\(UUID().uuidString.prefix(4))", "category": "neutral"]) },
                 expected: adminOnly(201)),
        Endpoint(name: "POST /api/rules/preview (team A)", method: .post, path: { _ in "/api/rules/preview" },
                 body: { f in jsonBody(["teamId": f.teamA, "field": "app", "match": "glob", "pattern": "*", "category": "neutral"]) },
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "PUT /api/rules/{team A}", method: .put, path: { f in "/api/rules/\(try await freshRule(f))" },
                 body: { _ in jsonBody(["field": "app", "match": "exact", "pattern": "Y", "category": "productive"]) },
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "DELETE /api/rules/{team A}", method: .delete, path: { f in "/api/rules/\(try await freshRule(f))" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/cache/status", method: .get, path: { _ in "/api/cache/status" }, body: nil, expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "POST /api/cache/rebuild {employee}", method: .post, path: { _ in "/api/cache/rebuild" },
                 body: { f in jsonBody(["employeeId": f.employee.id]) }, expected: expect(202, 202, 403, 403, 403)),
        Endpoint(name: "GET /api/cache/jobs/{id}", method: .get, path: { f in "/api/cache/jobs/\(try await freshJob(f))" }, body: nil,
                 expected: expect(200, 200, 200, 403, 403)),
        // Analytics.
        Endpoint(name: "GET /api/dashboard (employee)", method: .get, path: { f in "/api/dashboard?scope=employee&id=\(f.employee.id)" },
                 body: nil, expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "GET /api/dashboard (team A)", method: .get, path: { f in "/api/dashboard?scope=team&id=\(f.teamA)" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/dashboard (organization)", method: .get, path: { _ in "/api/dashboard?scope=organization" },
                 body: nil, expected: adminOnly(200)),
        Endpoint(name: "GET /api/trends (employee)", method: .get, path: { f in "/api/trends?scope=employee&id=\(f.employee.id)" },
                 body: nil, expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "GET /api/trends (team A)", method: .get, path: { f in "/api/trends?scope=team&id=\(f.teamA)" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/teams/{A}/metrics", method: .get, path: { f in "/api/teams/\(f.teamA)/metrics" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/exports/timesheet (team A)", method: .get, path: { f in "/api/exports/timesheet?scope=team&id=\(f.teamA)&format=csv" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "POST /api/auth/logout", method: .post, path: { _ in "/api/auth/logout" }, body: nil, expected: anyUser(204)),
    ] + scheduleEndpoints + flagEndpoints + systemEndpoints + gamificationEndpoints

    static func recentBatch() -> String {
        jsonBody(["events": [["id": UUID().uuidString, "timestamp": RFC3339.format(Date().addingTimeInterval(-120)), "duration": 30, "app": "Code", "title": "x"]]])
    }

    static func recentIdle(_ id: String) -> String {
        jsonBody(["periods": [["id": id, "start": RFC3339.format(Date().addingTimeInterval(-300)),
                               "end": RFC3339.format(Date().addingTimeInterval(-200)), "reason": "afk"]]])
    }

    static func freshIdle(_ f: IdentityFixture) async throws -> String {
        let id = UUID().uuidString.lowercased()
        try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: recentIdle(id))
        return id
    }

    struct SavedRule: Decodable { struct R: Decodable { let id: String }; let rule: R }
    struct JobID: Decodable { let id: String }

    static func freshRule(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(SavedRule.self, .post, "/api/rules", token: f.admin.accessToken, json: jsonBody([
            "teamId": f.teamA, "field": "app", "match": "exact", "pattern": "Z\(UUID().uuidString.prefix(4))", "category": "neutral",
        ]), expect: .created).rule.id
    }

    static func freshJob(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(JobID.self, .post, "/api/cache/rebuild", token: f.admin.accessToken, json: "{}", expect: .accepted).id
    }

    static func token(_ caller: Caller, _ f: IdentityFixture) -> String? {
        switch caller {
        case .admin: f.admin.accessToken
        case .managerA: f.managerA.accessToken
        case .managerB: f.managerB.accessToken
        case .employee: f.employee.accessToken
        case .otherEmployee: f.otherEmployee.accessToken
        case .device: f.deviceToken
        case .anonymous: nil
        }
    }

    @Test("every caller gets the right status from every endpoint", arguments: TestEngine.available)
    func matrix(engine: TestEngine) async throws {
        let app = TestApp(settings: try await engine.freshSettings())
        try await app.test { client in
            var fixture = try await IdentityFixture.make(client)
            var checked = 0
            // Logout and a password change end the caller's session (its access token too): sign everyone in again after.
            for endpoint in Self.endpoints {
                for caller in Caller.allCases {
                    let expected = try #require(endpoint.expected[caller])
                    let path = try await endpoint.path(fixture)
                    let response = try await fixture.api.call(
                        endpoint.method, path, token: Self.token(caller, fixture), json: endpoint.body?(fixture)
                    )
                    #expect(Int(response.status.code) == expected, "\(endpoint.name) as \(caller.rawValue): \(response.status.code) \(response.text)")
                    if response.status.code >= 400 {
                        #expect(response.text.contains("\"error\""), "\(endpoint.name) as \(caller.rawValue): error body missing")
                    }
                    checked += 1
                }
                if ["POST /api/me/password", "POST /api/auth/logout"].contains(endpoint.name) {
                    fixture = try await fixture.signedInAgain()
                }
            }
            #expect(checked == Self.endpoints.count * Caller.allCases.count)
        }
    }
}
