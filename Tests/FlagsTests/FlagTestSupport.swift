import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import HTTPTypes
import TrackerHTTP

/// The flag API's answers, as tests read them.
struct FlagBody: Decodable {
    struct Evidence: Decodable {
        struct Period: Decodable { let label: String; let from: String; let to: String; let timeZone: String }
        struct DayValue: Decodable, Equatable { let date: String; let value: Double }
        let observed: Double
        let baseline: Double?
        let threshold: Double
        let unit: String
        let period: Period
        let days: [DayValue]?
        let summary: String
        let open: String
    }
    struct Event: Decodable { let version: Int64; let actorId: String?; let kind: String; let fromState: String?; let toState: String?; let note: String? }
    let id: String
    let rule: String
    let employeeId: String
    let teamId: String?
    let periodKey: String
    let severity: String
    let state: String
    let evidence: Evidence
    let assigneeId: String?
    let version: Int64
    let history: [Event]?
}

struct FlagPage: Decodable { let items: [FlagBody]; let nextCursor: String? }
struct Backlog: Decodable { let queued: Int; let changesPending: Bool }
struct ErrorReply: Decodable {
    struct Inner: Decodable { let code: String; let message: String }
    let error: Inner
}

func t(_ text: String) -> Date { RFC3339.parse(text)! }

extension IdentityFixture {
    /// Sends one event of `hours` from `start` as the fixture's device.
    func work(_ start: String, hours: Double, app: String = "editor") async throws {
        try await work([(start, hours)], app: app)
    }

    /// Sends the events in one batch: one transaction, so the evaluator never sees part of them.
    func work(_ events: [(start: String, hours: Double)], app: String = "editor") async throws {
        let response = try await api.call(.post, "/api/activities", token: deviceToken, json: jsonBody(["events": events.map { event in
            ["id": UUID().uuidString.lowercased(), "timestamp": event.start, "duration": event.hours * 3600, "app": app, "title": "work"] as [String: Any]
        }]))
        try #require(response.status == .ok, "ingest refused: \(response.text)")
    }

    /// Waits until the evaluator has nothing left to do (changes turned into person-days, every one evaluated).
    func settleFlags() async throws {
        let settled = try await waitUntil(timeout: .seconds(60), interval: .milliseconds(100)) {
            let backlog = try await api.decode(Backlog.self, .get, "/api/flags/evaluation", token: admin.accessToken)
            return backlog.queued == 0 && !backlog.changesPending
        }
        try #require(settled != nil, "the flag evaluator did not catch up")
    }

    func flags(_ query: String = "", token: String? = nil) async throws -> [FlagBody] {
        try await api.decode(FlagPage.self, .get, "/api/flags" + query, token: token ?? admin.accessToken).items
    }

    func refusal(_ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil) async throws -> (Int, String?) {
        let response = try await api.call(method, path, token: token, json: json)
        return (Int(response.status.code), try? response.json(ErrorReply.self).error.code)
    }
}
