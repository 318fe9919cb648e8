import Foundation
import HTTPTypes
import TestSupport
import TrackerHTTP

/// The flag endpoints in the access matrix (statuses: admin, managerA, managerB, employee, otherEmployee). Each call
/// on one flag gets a fresh open flag about `employee` (team A).
extension AccessMatrixTests {
    static func freshFlag(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/test/flags?employeeId=\(f.employee.id)&teamId=\(f.teamA)").id
    }

    /// A team-A override of low activity to remove, written as the admin.
    static func teamOverride(_ f: IdentityFixture) async throws -> String {
        try await f.api.call(.put, "/api/flags/rules/low_activity?teamId=\(f.teamA)", token: f.admin.accessToken,
                             json: jsonBody(["enabled": false, "severity": "info"]))
        return "/api/flags/rules/low_activity?teamId=\(f.teamA)"
    }

    static let ruleBody: @Sendable (IdentityFixture) -> String = { _ in jsonBody(["enabled": true, "severity": "warning"]) }
    static let onFlag = expect(200, 200, 404, 403, 404)

    static let flagEndpoints: [Endpoint] = [
        Endpoint(name: "GET /api/flags", method: .get, path: { _ in "/api/flags" }, body: nil, expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "GET /api/flags?teamId=A", method: .get, path: { f in "/api/flags?teamId=\(f.teamA)" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/flags/rules", method: .get, path: { _ in "/api/flags/rules" }, body: nil, expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "PUT /api/flags/rules/{rule}", method: .put, path: { _ in "/api/flags/rules/low_activity" }, body: ruleBody,
                 expected: adminOnly(200)),
        Endpoint(name: "PUT /api/flags/rules/{rule}?teamId=A", method: .put, path: { f in "/api/flags/rules/low_activity?teamId=\(f.teamA)" },
                 body: ruleBody, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "DELETE /api/flags/rules/{rule}?teamId=A", method: .delete, path: { f in try await teamOverride(f) }, body: nil,
                 expected: expect(204, 204, 403, 403, 403)),
        Endpoint(name: "POST /api/flags/evaluate", method: .post, path: { _ in "/api/flags/evaluate" },
                 body: { f in jsonBody(["from": "2026-03-30", "to": "2026-03-30", "teamId": f.teamA]) }, expected: expect(202, 202, 403, 403, 403)),
        Endpoint(name: "GET /api/flags/evaluation", method: .get, path: { _ in "/api/flags/evaluation" }, body: nil,
                 expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "GET /api/flags/{id}", method: .get, path: { f in "/api/flags/\(try await freshFlag(f))" }, body: nil,
                 expected: expect(200, 200, 404, 200, 404)),
        Endpoint(name: "POST /api/flags/{id}/acknowledge", method: .post, path: { f in "/api/flags/\(try await freshFlag(f))/acknowledge" },
                 body: { _ in "{}" }, expected: onFlag),
        Endpoint(name: "POST /api/flags/{id}/resolve", method: .post, path: { f in "/api/flags/\(try await freshFlag(f))/resolve" },
                 body: { _ in "{}" }, expected: onFlag),
        Endpoint(name: "POST /api/flags/{id}/dismiss", method: .post, path: { f in "/api/flags/\(try await freshFlag(f))/dismiss" },
                 body: { _ in jsonBody(["note": "not a concern"]) }, expected: onFlag),
        Endpoint(name: "PUT /api/flags/{id}/assignee", method: .put, path: { f in "/api/flags/\(try await freshFlag(f))/assignee" },
                 body: { f in jsonBody(["assigneeId": f.admin.id]) }, expected: expect(200, 200, 404, 403, 403)),
        Endpoint(name: "POST /api/flags/{id}/comments", method: .post, path: { f in "/api/flags/\(try await freshFlag(f))/comments" },
                 body: { _ in jsonBody(["text": "a note"]) }, expected: expect(200, 200, 404, 200, 404)),
        Endpoint(name: "GET /api/me/flags", method: .get, path: { _ in "/api/me/flags" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "GET /api/me/flags/{id}", method: .get, path: { f in "/api/me/flags/\(try await freshFlag(f))" }, body: nil,
                 expected: expect(200, 200, 404, 200, 404)),
        Endpoint(name: "POST /api/me/flags/{id}/comments", method: .post, path: { f in "/api/me/flags/\(try await freshFlag(f))/comments" },
                 body: { _ in jsonBody(["text": "my side"]) }, expected: expect(200, 200, 404, 200, 404)),
    ]
}
