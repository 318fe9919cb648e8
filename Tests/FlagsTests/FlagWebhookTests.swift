import Crypto
import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Flag webhooks", .timeLimit(.minutes(4)))
struct FlagWebhookTests {
    struct Hook: Decodable { let id: String; let secret: String? }
    struct Delivery: Decodable {
        struct Attempt: Decodable { let attempt: Int; let statusCode: Int?; let error: String? }
        let id: String; let eventType: String; let state: String; let attempts: Int; let log: [Attempt]
    }
    struct Deliveries: Decodable { let items: [Delivery] }
    struct Sent: Decodable {
        struct Data: Decodable { struct Inner: Decodable { let id: String; let state: String }; let flag: Inner; let employeeName: String? }
        let id: String; let type: String; let text: String; let data: Data
    }

    static func deliveries(_ f: IdentityFixture, _ hook: String) async throws -> [Delivery] {
        try await f.api.decode(Deliveries.self, .get, "/api/system/webhooks/\(hook)/deliveries", token: f.admin.accessToken).items
    }

    /// Waits until the delivery log satisfies `condition`.
    static func waitFor(_ f: IdentityFixture, _ hook: String, _ what: String, _ condition: @escaping @Sendable ([Delivery]) -> Bool) async throws {
        let seen = try await waitUntil(timeout: .seconds(60), interval: .milliseconds(100)) { condition(try await deliveries(f, hook)) }
        let log = try await deliveries(f, hook).map { "\($0.eventType) \($0.state) \($0.log.map { $0.statusCode ?? -1 })" }
        try #require(seen != nil, "webhook log never showed: \(what); it has \(log)")
    }

    static func hmac(_ body: [UInt8], _ secret: String) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    @Test("a raised flag reaches a real receiver, signed; a 500 and a receiver that is down are retried until delivered",
          arguments: TestEngine.available)
    func delivery(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source) { $0.evaluateFlags = true }.test { client in
            let f = try await IdentityFixture.make(client)
            let receiver = try WebhookReceiver()
            let secret = "a-shared-secret-for-this-test"
            let hook = try await f.api.decode(Hook.self, .post, "/api/system/webhooks", token: f.admin.accessToken, json: jsonBody([
                "url": receiver.url, "eventTypes": ["flag.raised", "flag.changed"], "secret": secret, "description": "ops channel",
            ]), expect: .created)
            #expect(hook.secret == nil, "a secret the admin chose is never echoed")

            receiver.respond(with: [500])
            try await receiver.serve {
                try await FlagEvaluationTests.lowMonday(f)
                try await Self.waitFor(f, hook.id, "a 500 first") { $0.first?.log.first?.statusCode == 500 }
                time.advance(by: 60)  // past the first retry's backoff (5 s ± 20 %)
                try await Self.waitFor(f, hook.id, "delivered on the retry") { $0.first?.state == "delivered" }
            }
            let raised = try #require(try await Self.deliveries(f, hook.id).first)
            #expect(raised.eventType == "flag.raised" && raised.attempts == 2 && raised.log.map(\.statusCode) == [500, 200])
            let sent = receiver.received
            #expect(sent.count == 2 && sent[0].body == sent[1].body, "the retry sends the same body")
            let body = try #require(sent.last)
            #expect(body.headers["x-tracker-signature"] == Self.hmac(body.body, secret))
            #expect(body.headers["x-tracker-event"] == "flag.raised" && body.headers["x-tracker-delivery"] == raised.id)
            let event = try JSONCoding.decoder.decode(Sent.self, from: Data(body.body))
            let flag = try #require(try await f.flags().first)
            #expect(event.type == "flag.raised" && event.data.flag.id == flag.id && event.data.employeeName == "employee-a")
            #expect(event.text.contains("Low activity") && event.text.contains("2026-03-30"))

            // The receiver is down: the acknowledgement's event waits, and arrives once it is back.
            try await f.api.call(.post, "/api/flags/\(flag.id)/acknowledge", token: f.managerA.accessToken, json: jsonBody(["note": "on it"]))
            try await Self.waitFor(f, hook.id, "a refused connection") { $0.first?.eventType == "flag.changed" && $0.first?.log.first?.error != nil }
            time.advance(by: 60)
            try await receiver.serve {
                try await Self.waitFor(f, hook.id, "delivered once back") { $0.first?.eventType == "flag.changed" && $0.first?.state == "delivered" }
            }
            let changed = try JSONCoding.decoder.decode(Sent.self, from: Data(try #require(receiver.received.last).body))
            #expect(changed.type == "flag.changed" && changed.data.flag.state == "acknowledged" && changed.text.contains("on it"))

            // Only admins manage webhooks; bad input names the field.
            #expect(try await f.refusal(.get, "/api/system/webhooks", token: f.managerA.accessToken).0 == 403)
            #expect(try await f.refusal(.post, "/api/system/webhooks", token: f.admin.accessToken,
                                        json: jsonBody(["url": "ftp://x", "eventTypes": ["*"]])) == (400, "invalid_url"))
            #expect(try await f.refusal(.post, "/api/system/webhooks", token: f.admin.accessToken,
                                        json: jsonBody(["url": receiver.url, "eventTypes": ["flag.exploded"]])) == (400, "invalid_eventTypes"))
            let generated = try await f.api.decode(Hook.self, .post, "/api/system/webhooks", token: f.admin.accessToken,
                                                   json: jsonBody(["url": receiver.url, "eventTypes": ["*"]]), expect: .created)
            #expect(generated.secret?.count == 64)
        }
    }
}
