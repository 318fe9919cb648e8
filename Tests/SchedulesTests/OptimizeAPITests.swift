import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

/// The planner's job API on each engine: start (202), progress to done with an explained plan, apply as drafts,
/// a stale apply refused (409), cancel, a job whose server died marked failed, bad input by field, and who may do what.
@Suite("Shift planner jobs", .timeLimit(.minutes(5)))
struct OptimizeAPITests {
    struct Score: Decodable { let hard: Int64; let medium: Int64; let soft: Double }
    struct Assignment: Decodable { let shiftId: String; let employeeId: String?; let previousEmployeeId: String? }
    struct Open: Decodable { let shiftId: String; let blockedBy: [String: [String]] }
    struct Person: Decodable { let employeeId: String; let shifts: Int; let hours: Double }
    struct Result: Decodable { let score: Score; let assignments: [Assignment]; let open: [Open]; let people: [Person] }
    struct Job: Decodable {
        let id: String; let status: String; let progress: Double; let bestScore: Score?; let error: String?; let result: Result?
    }
    struct Me: Decodable { let id: String }

    static func waitFor(_ f: IdentityFixture, _ id: String, token: String, _ states: Set<String>) async throws -> Job {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let job = try await f.api.decode(Job.self, .get, "/api/schedule/optimize/\(id)", token: token)
            if states.contains(job.status) || ContinuousClock.now > deadline { return job }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("start, progress, an explained plan, apply as drafts, stale apply 409, cancel, interrupted, access", arguments: TestEngine.available)
    func jobFlow(engine: TestEngine) async throws {
        let start = t("2026-03-01T12:00:00Z")
        let time = MutableTime(start)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            for token in try await VisibilityAndClaimTests.employees(f, count: 2) { _ = try await f.api.decode(Me.self, .get, "/api/me", token: token) }
            let welding = try await f.skill("Welding")
            func draft(_ day: Int, skill: String? = nil) async throws -> String {
                var fields: [String: Any] = ["teamId": f.teamA, "start": "2026-03-0\(day)T08:00:00Z", "end": "2026-03-0\(day)T16:00:00Z"]
                if let skill { fields["skillId"] = skill }
                return try await f.shift(fields).id
            }
            // The employee already works Monday 08–16 (published: the planner must not move it or double-book them).
            let published = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-02T08:00:00Z",
                                               "end": "2026-03-02T16:00:00Z", "status": "published"]).id
            let monday = try await draft(2), tuesday = try await draft(3), wednesday = try await draft(4)
            let weld = try await draft(5, skill: welding)
            let body = jsonBody(["teamId": f.teamA, "from": "2026-03-02", "to": "2026-03-08", "seconds": 1] as [String: Any])

            // Who may start and see jobs.
            #expect(try await f.refusal(.post, "/api/schedule/optimize", token: f.employee.accessToken, json: body).0 == .forbidden)
            #expect(try await f.refusal(.post, "/api/schedule/optimize", token: f.managerB.accessToken, json: body).0 == .forbidden)
            let queued = try await f.api.decode(Job.self, .post, "/api/schedule/optimize", token: f.managerA.accessToken, json: body, expect: .accepted)
            #expect(queued.status == "queued" && queued.result == nil)
            let done = try await Self.waitFor(f, queued.id, token: f.managerA.accessToken, ["done", "failed"])
            #expect(done.status == "done" && done.progress == 1, "\(done.status) \(done.error ?? "")")
            #expect(try await f.refusal(.get, "/api/schedule/optimize/\(queued.id)", token: f.employee.accessToken).0 == .forbidden)
            #expect(try await f.refusal(.get, "/api/schedule/optimize/\(queued.id)", token: f.managerB.accessToken).0 == .notFound)
            #expect(try await f.api.decode(Job.self, .get, "/api/schedule/optimize/\(queued.id)", token: f.admin.accessToken).status == "done")

            // The plan: every open draft but the welding one gets someone; nobody can weld, and the plan says so.
            let result = try #require(done.result)
            #expect(result.score.hard == 0 && result.score.medium == -1 && done.bestScore?.medium == -1)
            let given = Dictionary(result.assignments.map { ($0.shiftId, $0.employeeId) }, uniquingKeysWith: { a, _ in a })
            #expect(Set(given.keys) == [monday, tuesday, wednesday, weld] && given[published] == nil)
            #expect(given[monday]! != nil && given[monday]! != f.employee.id, "the employee works Monday already")
            #expect(given[tuesday]! != nil && given[wednesday]! != nil && given[weld]! == nil)
            #expect(result.open.map(\.shiftId) == [weld])
            #expect(result.open.first?.blockedBy["skill"] == result.people.map(\.employeeId).sorted())

            // Apply: the drafts get their people, stay drafts, move on a version; once only.
            let applied = try await f.api.decode(Job.self, .post, "/api/schedule/optimize/\(queued.id)/apply", token: f.managerA.accessToken)
            #expect(applied.status == "applied")
            let mondayShift = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(monday)", token: f.managerA.accessToken)
            #expect(mondayShift.employeeId == given[monday]! && mondayShift.status == "draft" && mondayShift.version == 2)
            #expect(try await f.refusal(.post, "/api/schedule/optimize/\(queued.id)/apply", token: f.managerA.accessToken).1?.code == "job_not_done")

            // A plan made before a shift changed is refused and writes nothing.
            let replan = jsonBody(["teamId": f.teamA, "from": "2026-03-02", "to": "2026-03-08", "seconds": 1, "scope": "drafts",
                                   "weights": ["stability": 0, "balance": 600]] as [String: Any])
            let second = try await f.api.decode(Job.self, .post, "/api/schedule/optimize", token: f.managerA.accessToken, json: replan, expect: .accepted)
            #expect(try await Self.waitFor(f, second.id, token: f.managerA.accessToken, ["done", "failed"]).status == "done")
            _ = try await draft(6)
            #expect(try await f.refusal(.post, "/api/schedule/optimize/\(second.id)/apply", token: f.managerA.accessToken).1?.code == "plan_stale")
            #expect(try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(monday)", token: f.managerA.accessToken).version == 2)

            // Cancel a long job while it runs; a finished job cannot be cancelled.
            let long = jsonBody(["teamId": f.teamA, "from": "2026-03-02", "to": "2026-03-08", "seconds": 300] as [String: Any])
            let third = try await f.api.decode(Job.self, .post, "/api/schedule/optimize", token: f.managerA.accessToken, json: long, expect: .accepted)
            #expect(try await Self.waitFor(f, third.id, token: f.managerA.accessToken, ["running"]).status == "running")
            let refusedB = try await f.refusal(.delete, "/api/schedule/optimize/\(third.id)", token: f.managerB.accessToken)
            #expect(refusedB.0 == .notFound, "\(refusedB)")
            try await f.api.call(.delete, "/api/schedule/optimize/\(third.id)", token: f.managerA.accessToken)
            #expect(try await Self.waitFor(f, third.id, token: f.managerA.accessToken, ["cancelled"]).status == "cancelled")
            #expect(try await f.refusal(.delete, "/api/schedule/optimize/\(third.id)", token: f.managerA.accessToken).1?.code == "job_finished")

            // A job whose server stopped beating its heartbeat is failed by the next instance's pass, and the runner
            // goes on with the next job.
            let fourth = try await f.api.decode(Job.self, .post, "/api/schedule/optimize", token: f.managerA.accessToken, json: long, expect: .accepted)
            #expect(try await Self.waitFor(f, fourth.id, token: f.managerA.accessToken, ["running"]).status == "running")
            let swept = try await f.api.call(.post, "/test/optimize-interrupted?now=\(start.timeIntervalSince1970 + 3600)").text
            let stored = try await f.api.call(.get, "/test/optimize-jobs").text
            #expect(swept.contains(fourth.id), "\(swept) \(stored)")
            let failed = try await f.api.decode(Job.self, .get, "/api/schedule/optimize/\(fourth.id)", token: f.managerA.accessToken)
            #expect(failed.status == "failed" && failed.error?.contains("interrupted") == true)
            let fifth = try await f.api.decode(Job.self, .post, "/api/schedule/optimize", token: f.managerA.accessToken, json: body, expect: .accepted)
            #expect(try await Self.waitFor(f, fifth.id, token: f.managerA.accessToken, ["done", "failed"]).status == "done")

            // Lists show a manager their jobs, the admin everyone's, an employee nothing.
            struct Items: Decodable { let items: [Job] }
            #expect(try await f.api.decode(Items.self, .get, "/api/schedule/optimize", token: f.managerA.accessToken).items.count == 5)
            #expect(try await f.api.decode(Items.self, .get, "/api/schedule/optimize?limit=2", token: f.admin.accessToken).items.count == 2)
            #expect(try await f.api.decode(Items.self, .get, "/api/schedule/optimize", token: f.managerB.accessToken).items.isEmpty)
            #expect(try await f.refusal(.get, "/api/schedule/optimize", token: f.employee.accessToken).0 == .forbidden)
        }
    }

    @Test("bad input is refused by field, before anything is queued", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            func code(_ fields: [String: Any]) async throws -> String? {
                try await f.refusal(.post, "/api/schedule/optimize", token: f.admin.accessToken, json: jsonBody(fields)).1?.code
            }
            let base: [String: Any] = ["teamId": f.teamA, "from": "2026-03-02", "to": "2026-03-08"]
            #expect(try await code(base.merging(["seconds": 0]) { $1 }) == "invalid_seconds")
            #expect(try await code(base.merging(["seconds": 301]) { $1 }) == "invalid_seconds")
            #expect(try await code(base.merging(["weights": ["balance": 5000]]) { $1 }) == "invalid_weights.balance")
            #expect(try await code(base.merging(["locationId": UUID().uuidString.lowercased()]) { $1 }) == "invalid_teamId")
            #expect(try await code(["from": "2026-03-02", "to": "2026-03-08"]) == "invalid_teamId")
            #expect(try await code(base.merging(["teamId": UUID().uuidString.lowercased()]) { $1 }) == "unknown_team")
            #expect(try await code(base.merging(["to": "2026-03-01"]) { $1 }) == "invalid_to")
            #expect(try await code(base.merging(["to": "2026-07-01"]) { $1 }) == "invalid_to")
            #expect(try await code(base.merging(["scope": "everything"]) { $1 }) != nil)
            #expect(try await code(base.merging(["seed": -1]) { $1 }) == "invalid_seed")
            #expect(try await code(["locationId": UUID().uuidString.lowercased(), "from": "2026-03-02", "to": "2026-03-08"]) == "unknown_location")
            #expect(try await f.api.call(.get, "/test/optimize-jobs").text == "[]")
        }
    }
}
