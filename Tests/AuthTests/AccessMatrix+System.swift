import Foundation
import HTTPTypes
import TestSupport
import TrackerHTTP

/// The system endpoints (status, webhooks) in the access matrix: administrators only. Each call on one receiver gets a fresh one.
extension AccessMatrixTests {
    static func freshWebhook(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/system/webhooks", token: f.admin.accessToken,
                               json: jsonBody(["url": "http://127.0.0.1:9/hook", "eventTypes": ["flag.raised"], "active": false]), expect: .created).id
    }

    static let systemEndpoints: [Endpoint] = [
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
