import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Activity ingest")
struct IngestTests {
    @Test("a batch is stored with its rollups; re-sending it changes nothing", arguments: TestEngine.available)
    func batchAndResend(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let hour = Date(timeIntervalSince1970: 1_789_995_600)  // an hour start, 73 min before "now"
            let events = [
                Body.event(at: hour, seconds: 600, app: "Code"),
                Body.event(at: hour.addingTimeInterval(600), seconds: 300, app: "Slack"),
                Body.event(at: hour.addingTimeInterval(3300), seconds: 600, app: "Code"),  // crosses into the next hour
            ]
            let first = try await f.api.decode(Batch.self, .post, "/api/activities", token: f.deviceToken, json: Body.batch(events))
            #expect(first == Batch(accepted: 3, duplicates: 0))
            let before = try await f.hourly(f.employee, from: hour, to: hour.addingTimeInterval(7200))
            #expect(before.count == 2)
            #expect(before[0].activeSeconds == 600 + 300 + 300 && before[1].activeSeconds == 300)
            #expect(before[0].uncategorizedSeconds == before[0].activeSeconds)
            #expect(before[0].apps.first { $0.app == "Code" }?.seconds == 900)

            let again = try await f.api.decode(Batch.self, .post, "/api/activities", token: f.deviceToken, json: Body.batch(events))
            #expect(again == Batch(accepted: 0, duplicates: 3))
            #expect(try await f.hourly(f.employee, from: hour, to: hour.addingTimeInterval(7200)) == before)

            let listed = try await f.api.decode(EventPage.self, .get,
                "/api/activities?from=\(RFC3339.format(hour).queryEscaped)&to=\(RFC3339.format(hour.addingTimeInterval(7200)).queryEscaped)",
                token: f.employee.accessToken)
            #expect(listed.items.map(\.app) == ["Code", "Slack", "Code"])
        }
    }

    @Test("bad events are a 400 naming the field, and the whole batch is refused", arguments: TestEngine.available)
    func validation(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let now = time.now
            let good = Body.event(at: now.addingTimeInterval(-600), seconds: 10, app: "Code")
            let cases: [([String: Any], String)] = [
                (Body.event(at: now.addingTimeInterval(600), seconds: 1, app: "Code"), "events[1].timestamp"),
                (Body.event(at: now.addingTimeInterval(-60), seconds: -1, app: "Code"), "events[1].duration"),
                (Body.event(at: now.addingTimeInterval(-60), seconds: 1, app: "  "), "events[1].app"),
                (Body.event(at: now.addingTimeInterval(-60), seconds: 1, app: "Code", title: String(repeating: "x", count: 1025)), "events[1].title"),
                (Body.event("not-a-uuid", at: now.addingTimeInterval(-60), seconds: 1, app: "Code"), "events[1].id"),
                (Body.event(at: now.addingTimeInterval(-40 * 86_400), seconds: 1, app: "Code"), "events[1].timestamp"),
            ]
            for (bad, field) in cases {
                let response = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Body.batch([good, bad]))
                #expect(response.status == .badRequest, "\(field)")
                #expect(try response.json(ErrorBody.self).error.message.hasPrefix(field), "\(field): \(response.text)")
            }
            let missing = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: #"{"events":[{"id":"x"}]}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.json(ErrorBody.self).error.message.contains("events[0]"))
            // Nothing of the refused batches was stored.
            let listed = try await f.api.decode(EventPage.self, .get, "/api/activities", token: f.employee.accessToken)
            #expect(listed.items.isEmpty)

            let tooMany = Body.batch((0..<5_001).map { _ in Body.event(at: now.addingTimeInterval(-60), seconds: 1, app: "A") })
            #expect(try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: tooMany).status == .contentTooLarge)
        }
    }

    @Test("heartbeats merge by ActivityWatch's rule and the rollup follows", arguments: TestEngine.available)
    func heartbeats(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let t0 = Date(timeIntervalSince1970: 1_789_999_200)  // an hour start
            func beat(_ offset: Double, _ app: String = "Code", pulsetime: Int = 6) async throws -> Beat {
                try await f.api.decode(Beat.self, .post, "/api/activities/heartbeat?pulsetime=\(pulsetime)", token: f.deviceToken,
                                       json: Body.heartbeat(at: t0.addingTimeInterval(offset), app: app))
            }
            let first = try await beat(0)
            #expect(!first.merged)
            var last = first
            for offset in stride(from: 5.0, through: 60, by: 5) { last = try await beat(offset) }
            #expect(last.merged && last.eventId == first.eventId && last.duration == 60)
            let gap = try await beat(70)                  // 10 s after the end: beyond pulsetime 6
            #expect(!gap.merged)
            let switched = try await beat(72, "Slack")    // data changed
            #expect(!switched.merged)
            let merged = try await beat(75, "Slack")      // extends the Slack event to 3 s
            #expect(merged.merged && merged.eventId == switched.eventId && merged.duration == 3)
            let hourly = try await f.hourly(f.employee, from: t0, to: t0.addingTimeInterval(3600))
            // Code 0…60 (the zero-length Code event at 70 adds nothing), Slack 72…75.
            #expect(hourly.first?.activeSeconds == 63)
            #expect(hourly.first?.apps.map(\.app) == ["Code", "Slack"])
            #expect(try await f.api.call(.post, "/api/activities/heartbeat?pulsetime=abc", token: f.deviceToken,
                                         json: Body.heartbeat(at: t0, app: "Code")).status == .badRequest)
        }
    }

    @Test("who may send and read: devices send only for their employee and read nothing", arguments: TestEngine.available)
    func access(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let batch = Body.batch([Body.event(at: time.now.addingTimeInterval(-100), seconds: 50, app: "Code")])
            // A person's own token cannot send activity — only a device can, and only for its own employee.
            #expect(try await f.api.call(.post, "/api/activities", token: f.employee.accessToken, json: batch).status == .forbidden)
            #expect(try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: batch).status == .ok)
            #expect(try await f.api.call(.get, "/api/activities", token: f.deviceToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/activities/hourly", token: f.deviceToken).status == .forbidden)
            let mine = try await f.api.decode(EventPage.self, .get, "/api/activities", token: f.employee.accessToken)
            #expect(mine.items.count == 1 && mine.items[0].deviceId == f.deviceID)
            let theirs = try await f.api.decode(EventPage.self, .get, "/api/activities", token: f.otherEmployee.accessToken)
            #expect(theirs.items.isEmpty)
            #expect(try await f.api.call(.get, "/api/activities?employee=\(f.employee.id)", token: f.otherEmployee.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/activities?employee=\(f.employee.id)", token: f.managerB.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/activities?employee=\(f.employee.id)", token: f.managerA.accessToken).status == .ok)
            #expect(try await f.api.call(.get, "/api/activities", token: nil).status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/activities", token: nil, json: batch).status == .unauthorized)
            #expect(try await f.api.call(.get, "/api/activities?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", token: f.employee.accessToken).status == .badRequest)
        }
    }
}
