import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import TrackerHTTP

/// The answers the schedule tests read.
struct ShiftBody: Decodable {
    struct Warning: Decodable { let rule: String; let message: String }
    let id: String
    let teamId: String
    let employeeId: String?
    let start: Date
    let end: Date
    let localStart: String
    let localEnd: String
    let timeZone: String
    let status: String
    let version: Int64
    let warnings: [Warning]?
}

struct ViewBody: Decodable { let items: [ShiftBody]; let timeZone: String }
struct IDBody: Decodable { let id: String }
struct ErrorBody: Decodable {
    struct Inner: Decodable { let code: String; let message: String }
    let error: Inner
}

extension IdentityFixture {
    /// Creates a shift as `token`'s user and returns the answer (fails unless `expect`).
    func shift(_ fields: [String: Any], token: String? = nil, expect: HTTPResponse.Status = .created) async throws -> ShiftBody {
        try await api.decode(ShiftBody.self, .post, "/api/schedule/shifts", token: token ?? admin.accessToken, json: jsonBody(fields), expect: expect)
    }

    /// Calls and returns the status with the decoded error body (nil for a 2xx).
    func refusal(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil) async throws -> (HTTPResponse.Status, ErrorBody.Inner?) {
        let response = try await api.call(method, path, token: token ?? admin.accessToken, json: json)
        return (response.status, (200..<300).contains(response.status.code) ? nil : try? response.json(ErrorBody.self).error)
    }

    func skill(_ name: String) async throws -> String {
        try await api.decode(IDBody.self, .post, "/api/schedule/skills", token: admin.accessToken, json: jsonBody(["name": name]), expect: .created).id
    }

    func location(_ name: String, zone: String) async throws -> String {
        try await api.decode(IDBody.self, .post, "/api/schedule/locations", token: admin.accessToken,
                             json: jsonBody(["name": name, "timeZone": zone]), expect: .created).id
    }

    func count(_ path: String, token: String? = nil) async throws -> Int {
        try await api.decode(ViewBody.self, .get, path, token: token ?? admin.accessToken).items.count
    }
}

func t(_ text: String) -> Date { RFC3339.parse(text)! }
