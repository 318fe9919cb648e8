import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Rules, idle classification and the cache")
struct RulesAndIdleTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 8 * 3600)
    static let hour = Date(timeIntervalSince1970: 1_790_035_200)   // 2026-09-22T00:00Z

    static let data = Body.batch([
        Body.event(at: hour, seconds: 1200, app: "Firefox", title: "Cats", url: "https://www.youtube.com/watch?v=1"),
        Body.event(at: hour.addingTimeInterval(1200), seconds: 1200, app: "Code", title: "main.swift"),
        Body.event(at: hour.addingTimeInterval(2400), seconds: 600, app: "Slack", title: "general"),
    ])
    static let rules = [
        jsonBody(["field": "domain", "match": "exact", "pattern": "youtube.com", "category": "unproductive"]),
        jsonBody(["field": "app", "match": "glob", "pattern": "Co*", "category": "productive"]),
    ]

    @Test("a rule change then rebuild gives the same rollups as ingesting under the new rules from the start", arguments: TestEngine.available)
    func ruleChangeThenRebuild(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        let afterRebuild = try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Self.data)
            let before = try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600))
            #expect(before.first?.uncategorizedSeconds == 3000)
            var lastJob = ""
            for rule in Self.rules {
                let saved = try await f.api.decode(SavedRule.self, .post, "/api/rules", token: f.admin.accessToken, json: rule, expect: .created)
                lastJob = saved.rebuildJob.id
            }
            let job = try await f.waitForJob(lastJob)
            #expect(job.status == "done" && job.progress == 1 && job.totalHours >= 1)
            let status = try await f.api.decode(CacheStatus.self, .get, "/api/cache/status", token: f.admin.accessToken)
            #expect(status.staleHours == 0 && status.rollupHours == 1 && status.events == 3 && status.rulesVersion == 2)
            return try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600))
        }
        #expect(afterRebuild.first?.productiveSeconds == 1200)
        #expect(afterRebuild.first?.unproductiveSeconds == 1200)
        #expect(afterRebuild.first?.uncategorizedSeconds == 600)

        let fromStart = try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            for rule in Self.rules {
                try await f.api.call(.post, "/api/rules", token: f.admin.accessToken, json: rule)
            }
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Self.data)
            return try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600))
        }
        #expect(afterRebuild == fromStart)
    }

    @Test("rules: validation, unsupported regex refused, managers only for their teams, preview", arguments: TestEngine.available)
    func rules(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Self.data)
            let evil = try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                            json: jsonBody(["field": "title", "match": "regex", "pattern": "(?=a)b", "category": "neutral"]))
            #expect(evil.status == .badRequest)
            #expect(try evil.json(ErrorBody.self).error.message.hasPrefix("pattern"))
            let bad = try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                           json: jsonBody(["field": "window", "match": "exact", "pattern": "x", "category": "neutral"]))
            #expect(bad.status == .badRequest)
            let uncategorized = try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                                     json: jsonBody(["field": "app", "match": "exact", "pattern": "x", "category": "uncategorized"]))
            #expect(uncategorized.status == .badRequest)
            // Managers: team overrides for their own teams only; employees: none.
            let orgWide = jsonBody(["field": "app", "match": "exact", "pattern": "Slack", "category": "productive"])
            #expect(try await f.api.call(.post, "/api/rules", token: f.managerA.accessToken, json: orgWide).status == .forbidden)
            let forB = jsonBody(["teamId": f.teamB, "field": "app", "match": "exact", "pattern": "Slack", "category": "productive"])
            #expect(try await f.api.call(.post, "/api/rules", token: f.managerA.accessToken, json: forB).status == .forbidden)
            let forA = jsonBody(["teamId": f.teamA, "field": "app", "match": "exact", "pattern": "Slack", "category": "productive"])
            #expect(try await f.api.call(.post, "/api/rules", token: f.managerA.accessToken, json: forA).status == .created)
            #expect(try await f.api.call(.post, "/api/rules", token: f.employee.accessToken, json: forA).status == .forbidden)

            struct Preview: Decodable { struct M: Decodable { let value: String; let seconds: Double; let currentCategory: String }; let matches: [M] }
            let preview = try await f.api.decode(Preview.self, .post, "/api/rules/preview", token: f.admin.accessToken,
                                                 json: jsonBody(["field": "domain", "match": "glob", "pattern": "*tube.com", "category": "unproductive"]))
            #expect(preview.matches.count == 1)
            #expect(preview.matches.first?.value == "youtube.com" && preview.matches.first?.seconds == 1200)
            #expect(preview.matches.first?.currentCategory == "uncategorized")
        }
    }

    @Test("idle: subtracted from active; the employee classifies it; managers see classifications, not private notes", arguments: TestEngine.available)
    func idle(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Self.data)
            let idleID = UUID().uuidString.lowercased()
            let sent = try await f.api.decode(Batch.self, .post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                Body.idle(idleID, from: Self.hour.addingTimeInterval(1500), to: Self.hour.addingTimeInterval(2100)),
            ]]))
            #expect(sent == Batch(accepted: 1, duplicates: 0))
            func hourly() async throws -> Hourly { try await f.hourly(f.employee, from: Self.hour, to: Self.hour.addingTimeInterval(3600))[0] }
            var h = try await hourly()
            #expect(h.activeSeconds == 2400 && h.idleSeconds == 600)

            let classify = jsonBody(["classification": "work_away", "note": "1:1 with Sam", "notePrivate": true])
            #expect(try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.managerA.accessToken, json: classify).status == .notFound,
                    "only the owner classifies")
            #expect(try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken, json: classify).status == .ok)
            h = try await hourly()
            #expect(h.activeSeconds == 3000 && h.idleSeconds == 0 && h.workAwaySeconds == 600)

            struct IdlePage: Decodable { struct P: Decodable { let classification: String?; let note: String?; let notePrivate: Bool }; let items: [P] }
            let range = "from=\(RFC3339.format(Self.hour).queryEscaped)&to=\(RFC3339.format(Self.hour.addingTimeInterval(3600)).queryEscaped)"
            let mine = try await f.api.decode(IdlePage.self, .get, "/api/idle?\(range)", token: f.employee.accessToken)
            #expect(mine.items.first?.note == "1:1 with Sam")
            let preview = try await f.api.decode(IdlePage.self, .get, "/api/idle?view=manager&\(range)", token: f.employee.accessToken)
            #expect(preview.items.first?.note == nil && preview.items.first?.classification == "work_away")
            let managers = try await f.api.decode(IdlePage.self, .get, "/api/idle?employee=\(f.employee.id)&\(range)", token: f.managerA.accessToken)
            #expect(managers.items.first?.classification == "work_away")
            #expect(managers.items.first?.note == nil && managers.items.first?.notePrivate == true)
            #expect(try await f.api.call(.get, "/api/idle?employee=\(f.employee.id)&\(range)", token: f.managerB.accessToken).status == .forbidden)

            #expect(try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken, json: jsonBody(["classification": "discard"])).status == .ok)
            h = try await hourly()
            #expect(h.activeSeconds == 2400 && h.idleSeconds == 0 && h.workAwaySeconds == 0)
            let badReason = try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                Body.idle(from: Self.hour, to: Self.hour.addingTimeInterval(60), reason: "napping"),
            ]]))
            #expect(badReason.status == .badRequest)
            #expect(try badReason.json(ErrorBody.self).error.message.hasPrefix("periods[0].reason"))
        }
    }
}

struct CacheStatus: Decodable {
    let rulesVersion: Int
    let rollupHours: Int
    let events: Int
    let staleHours: Int
    let pendingJobs: Int
}
