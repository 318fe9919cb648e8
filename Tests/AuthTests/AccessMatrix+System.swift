import Foundation
import HTTPTypes
import TestSupport
import TrackerHTTP

/// The system endpoints (status, agent settings, webhooks) in the access matrix: administrators only (a person's
/// effective agent settings: also their managers). Each call on one receiver gets a fresh one; each removal of an
/// agent-settings level has one to remove.
extension AccessMatrixTests {
    static func freshWebhook(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/system/webhooks", token: f.admin.accessToken,
                               json: jsonBody(["url": "http://127.0.0.1:9/hook", "eventTypes": ["flag.raised"], "active": false]), expect: .created).id
    }

    static func agentLevel(_ f: IdentityFixture, _ path: String) async throws -> String {
        try await f.api.call(.put, path, token: f.admin.accessToken, json: jsonBody(["idleThresholdSeconds": 120]))
        return path
    }

    static let systemEndpoints: [Endpoint] = [
        Endpoint(name: "GET /api/system/agent-settings", method: .get, path: { _ in "/api/system/agent-settings" }, body: nil,
                 expected: adminOnly(200)),
        Endpoint(name: "PUT /api/system/agent-settings/organization", method: .put, path: { _ in "/api/system/agent-settings/organization" },
                 body: { _ in "{}" }, expected: adminOnly(200)),
        Endpoint(name: "PUT /api/system/agent-settings/teams/{teamA}", method: .put, path: { f in "/api/system/agent-settings/teams/\(f.teamA)" },
                 body: { _ in jsonBody(["heartbeatIntervalSeconds": 10]) }, expected: adminOnly(200)),
        Endpoint(name: "DELETE /api/system/agent-settings/teams/{teamA}", method: .delete,
                 path: { f in try await agentLevel(f, "/api/system/agent-settings/teams/\(f.teamA)") }, body: nil, expected: adminOnly(204)),
        Endpoint(name: "PUT /api/system/agent-settings/employees/{employee}", method: .put,
                 path: { f in "/api/system/agent-settings/employees/\(f.employee.id)" }, body: { _ in jsonBody(["privateMode": true]) },
                 expected: adminOnly(200)),
        Endpoint(name: "DELETE /api/system/agent-settings/employees/{employee}", method: .delete,
                 path: { f in try await agentLevel(f, "/api/system/agent-settings/employees/\(f.employee.id)") }, body: nil,
                 expected: adminOnly(204)),
        Endpoint(name: "GET /api/system/agent-settings/employees/{employee}/effective", method: .get,
                 path: { f in "/api/system/agent-settings/employees/\(f.employee.id)/effective" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/system/retention/preview", method: .get, path: { _ in "/api/system/retention/preview" }, body: nil,
                 expected: adminOnly(200)),
        Endpoint(name: "POST /api/system/retention/run", method: .post, path: { _ in "/api/system/retention/run" }, body: nil,
                 expected: adminOnly(200)),
        Endpoint(name: "GET /api/me/export", method: .get, path: { _ in "/api/me/export" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "GET /api/system/employees/{employee}/export", method: .get,
                 path: { f in "/api/system/employees/\(f.employee.id)/export" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "POST /api/system/erasures", method: .post, path: { _ in "/api/system/erasures" },
                 body: { _ in jsonBody(["employeeId": UUID().uuidString.lowercased(), "confirm": "x@y.example", "reason": "matrix"]) },
                 expected: expect(404, 403, 403, 403, 403)),
        Endpoint(name: "GET /api/system/erasures", method: .get, path: { _ in "/api/system/erasures" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "POST /api/system/maintenance", method: .post, path: { _ in "/api/system/maintenance" },
                 body: { _ in jsonBody(["task": "analyze"]) }, expected: adminOnly(202)),
        Endpoint(name: "GET /api/system/maintenance", method: .get, path: { _ in "/api/system/maintenance" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "GET /api/system/maintenance/{id}", method: .get, path: { _ in "/api/system/maintenance/\(UUID().uuidString.lowercased())" },
                 body: nil, expected: expect(404, 403, 403, 403, 403)),
        Endpoint(name: "GET /api/connecteam/settings", method: .get, path: { _ in "/api/connecteam/settings" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "PUT /api/connecteam/settings", method: .put, path: { _ in "/api/connecteam/settings" },
                 body: { _ in jsonBody(["settings": ["schedulerIds": [1]]]) }, expected: adminOnly(200)),
        Endpoint(name: "POST /api/connecteam/test", method: .post, path: { _ in "/api/connecteam/test" }, body: nil,
                 expected: expect(409, 403, 403, 403, 403)),
        Endpoint(name: "POST /api/connecteam/sync", method: .post, path: { _ in "/api/connecteam/sync" }, body: nil,
                 expected: expect(409, 403, 403, 403, 403)),
        Endpoint(name: "GET /api/connecteam/runs", method: .get, path: { _ in "/api/connecteam/runs" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "GET /api/connecteam/people", method: .get, path: { _ in "/api/connecteam/people" }, body: nil, expected: adminOnly(200)),
        // The settings exist by now (PUT above): a new path is issued.
        Endpoint(name: "POST /api/connecteam/webhook-token", method: .post, path: { _ in "/api/connecteam/webhook-token" }, body: nil,
                 expected: adminOnly(200)),
        Endpoint(name: "POST /api/connecteam/webhook/{token}", method: .post, path: { _ in "/api/connecteam/webhook/0123abcd" },
                 body: { _ in "{}" }, expected: expect(404, 404, 404, 404, 404, device: 404, anonymous: 404)),
        Endpoint(name: "GET /api/connecteam/plan-vs-actual", method: .get,
                 path: { f in "/api/connecteam/plan-vs-actual?from=2026-03-02&to=2026-03-03&employeeId=\(f.employee.id)" }, body: nil,
                 expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "GET /api/system/status", method: .get, path: { _ in "/api/system/status" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "GET /api/system/webhooks", method: .get, path: { _ in "/api/system/webhooks" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "POST /api/system/webhooks", method: .post, path: { _ in "/api/system/webhooks" },
                 body: { _ in jsonBody(["url": "http://127.0.0.1:9/hook", "eventTypes": ["*"], "active": false]) }, expected: adminOnly(201)),
        Endpoint(name: "GET /api/system/webhooks/{id}", method: .get, path: { f in "/api/system/webhooks/\(try await freshWebhook(f))" },
                 body: nil, expected: adminOnly(200)),
        Endpoint(name: "PATCH /api/system/webhooks/{id}", method: .patch, path: { f in "/api/system/webhooks/\(try await freshWebhook(f))" },
                 body: { _ in jsonBody(["description": "renamed"]) }, expected: adminOnly(200)),
        Endpoint(name: "DELETE /api/system/webhooks/{id}", method: .delete, path: { f in "/api/system/webhooks/\(try await freshWebhook(f))" },
                 body: nil, expected: adminOnly(204)),
        Endpoint(name: "GET /api/system/webhooks/{id}/deliveries", method: .get,
                 path: { f in "/api/system/webhooks/\(try await freshWebhook(f))/deliveries" }, body: nil, expected: adminOnly(200)),
        Endpoint(name: "POST /api/system/webhooks/{id}/test", method: .post,
                 path: { f in "/api/system/webhooks/\(try await freshWebhook(f))/test" }, body: nil, expected: adminOnly(202)),
        Endpoint(name: "POST /api/system/webhooks/{id}/deliveries/{id}/redeliver", method: .post,
                 path: { f in "/api/system/webhooks/\(try await freshWebhook(f))/deliveries/\(UUID().uuidString.lowercased())/redeliver" },
                 body: nil, expected: expect(404, 403, 403, 403, 403)),
    ]
}
