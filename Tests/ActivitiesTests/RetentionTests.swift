import Foundation
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Retention: raw events and idle periods go after their period, notes after theirs; rollups stay, and nothing
/// recomputes a purged hour from what is left.
@Suite("Retention", .timeLimit(.minutes(2)))
struct RetentionTests {
    static let hour = Date(timeIntervalSince1970: 1_790_035_200)   // 2026-09-22T00:00Z
    /// The last event ends here.
    static let lastEnd = hour.addingTimeInterval(3000)

    struct Item: Decodable { let name: String; let keepDays: Int?; let cutoff: Date?; let rows: Int }
    struct Preview: Decodable { let items: [Item] }
    struct Run: Decodable { let items: [Item]; let complete: Bool }

    @Test("an event one second inside the window stays; rollups outlive their events; purged hours are never rebuilt",
          arguments: TestEngine.available)
    func boundaries(engine: TestEngine) async throws {
        let time = MutableTime(Self.hour.addingTimeInterval(8 * 3600))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source, configure: {
            $0.retention.rawDays = 3
            $0.retention.idleNoteDays = 2
            $0.activity.backfillWindowSeconds = 86_400
        }).test { client in
            var f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Body.batch([
                Body.event(at: Self.hour, seconds: 1200, app: "Firefox", title: "Cats"),
                Body.event(at: Self.hour.addingTimeInterval(1200), seconds: 1200, app: "Code", title: "main.swift"),
                Body.event(at: Self.hour.addingTimeInterval(2400), seconds: 600, app: "Slack", title: "general"),
            ]))
            let idleID = UUID().uuidString.lowercased()
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                Body.idle(idleID, from: Self.lastEnd, to: Self.lastEnd.addingTimeInterval(300)),
            ]]))
            #expect(try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken,
                                         json: jsonBody(["classification": "work_away", "note": "dentist", "notePrivate": true])).status == .ok)
            let before = try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600))
            #expect(before.first?.activeSeconds == 3300 && before.first?.workAwaySeconds == 300)

            // The clock where the last event ends one second inside the three-day window.
            time.advance(by: Self.lastEnd.addingTimeInterval(3 * 86_400 - 1).timeIntervalSince(time.now))
            f = try await f.signedInAgain()
            for token in [f.managerA.accessToken, f.employee.accessToken] {
                #expect(try await f.api.call(.get, "/api/system/retention/preview", token: token).status == .forbidden)
                #expect(try await f.api.call(.post, "/api/system/retention/run", token: token).status == .forbidden)
            }
            let preview = try await f.api.decode(Preview.self, .get, "/api/system/retention/preview", token: f.admin.accessToken)
            func rows(_ items: [Item], _ name: String) -> Int? { items.first { $0.name == name }?.rows }
            #expect(preview.items.map(\.name) == ["events", "idle periods", "idle notes", "access log"])
            #expect(rows(preview.items, "events") == 2 && rows(preview.items, "idle periods") == 0 && rows(preview.items, "idle notes") == 1)
            #expect(preview.items.first?.cutoff == Self.lastEnd.addingTimeInterval(-1) && preview.items.first?.keepDays == 3)

            let run = try await f.api.decode(Run.self, .post, "/api/system/retention/run", token: f.admin.accessToken)
            #expect(run.complete && rows(run.items, "events") == 2 && rows(run.items, "idle notes") == 1)
            #expect(rows(try await f.api.decode(Preview.self, .get, "/api/system/retention/preview", token: f.admin.accessToken).items, "events") == 0)

            let range = "from=\(RFC3339.format(Self.hour).queryEscaped)&to=\(RFC3339.format(Self.hour.addingTimeInterval(3600)).queryEscaped)"
            let left = try await f.api.decode(EventPage.self, .get, "/api/activities?\(range)", token: f.employee.accessToken).items
            #expect(left.map(\.app) == ["Slack"], "the event one second inside the window stays, the older ones go")
            struct IdlePage: Decodable { struct P: Decodable { let classification: String?; let note: String? }; let items: [P] }
            let idle = try await f.api.decode(IdlePage.self, .get, "/api/idle?\(range)", token: f.employee.accessToken).items
            #expect(idle.count == 1 && idle.first?.note == nil && idle.first?.classification == "work_away")
            #expect(try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600)) == before, "rollups are kept")

            // A rebuild over the purged day leaves its rollups alone; the idle period can no longer be reclassified.
            let day = ["from": RFC3339.format(Self.hour.addingTimeInterval(-86_400)), "to": RFC3339.format(Self.hour.addingTimeInterval(86_400)), "employeeId": f.employee.id]
            let job = try await f.api.decode(Job.self, .post, "/api/cache/rebuild", token: f.admin.accessToken, json: jsonBody(day), expect: .accepted)
            #expect(try await f.waitForJob(job.id).status == "done")
            #expect(try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600)) == before,
                    "a rebuild must not recompute purged hours")
            let refused = try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken, json: jsonBody(["classification": "break"]))
            #expect(refused.status == .conflict && refused.text.contains("idle_period_purged"))

            // One more second: the last event and the idle period go too; the rollups still stay.
            time.advance(by: 301)
            let second = try await f.api.decode(Run.self, .post, "/api/system/retention/run", token: f.admin.accessToken)
            #expect(rows(second.items, "events") == 1 && rows(second.items, "idle periods") == 1)
            #expect(try await f.api.decode(EventPage.self, .get, "/api/activities?\(range)", token: f.employee.accessToken).items.isEmpty)
            #expect(try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600)) == before)
        }
    }
}
