import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Flag evaluation", .timeLimit(.minutes(4)))
struct FlagEvaluationTests {
    /// Mondays before 2026-03-30 with 4, 6, 5 and 8 hours; the 30th with 2: the median is 5.5 h, the threshold
    /// (50 %) 2.75 h, so the 30th is low. Judged on the 31st, once the day is over.
    static func lowMonday(_ f: IdentityFixture) async throws {
        // One batch: sent one by one, an evaluation between two of them may raise (and then withdraw) a flag for a
        // Monday whose own data had not arrived yet.
        try await f.work([("2026-03-02", 4.0), ("2026-03-09", 6.0), ("2026-03-16", 5.0), ("2026-03-23", 8.0), ("2026-03-30", 2.0)]
            .map { ("\($0.0)T09:00:00Z", $0.1) })
        try await f.settleFlags()
    }

    @Test("low activity against the person's own 4-week median; late data withdraws it and says so", arguments: TestEngine.available)
    func lowActivity(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source) { $0.evaluateFlags = true }.test { client in
            let f = try await IdentityFixture.make(client)
            try await Self.lowMonday(f)
            let all = try await f.flags()
            #expect(all.map(\.rule) == ["low_activity"], "only the low Monday holds: \(all.map { "\($0.rule) \($0.periodKey)" })")
            let flag = try #require(all.first)
            #expect(flag.employeeId == f.employee.id && flag.teamId == f.teamA && flag.periodKey == "2026-03-30")
            #expect(flag.state == "open" && flag.severity == "info")
            #expect(flag.evidence.observed == 2 && flag.evidence.baseline == 5.5 && flag.evidence.threshold == 2.75 && flag.evidence.unit == "hours")
            #expect(flag.evidence.days == [.init(date: "2026-03-23", value: 8), .init(date: "2026-03-16", value: 5),
                                           .init(date: "2026-03-09", value: 6), .init(date: "2026-03-02", value: 4)])
            #expect(flag.evidence.period.from == "2026-03-30T00:00:00Z" && flag.evidence.period.timeZone == "UTC")
            #expect(flag.evidence.open.contains("scope=employee&id=\(f.employee.id)&period=day&date=2026-03-30"))

            // Re-evaluating the same data changes nothing: still one flag, one history entry.
            _ = try await f.api.decode(Queued.self, .post, "/api/flags/evaluate", token: f.admin.accessToken,
                                       json: jsonBody(["from": "2026-03-23", "to": "2026-03-31"]), expect: .accepted)
            try await f.settleFlags()
            let again = try await f.api.decode(FlagBody.self, .get, "/api/flags/\(flag.id)", token: f.managerA.accessToken)
            #expect(try await f.flags().count == 1 && again.history?.map(\.kind) == ["raised"])

            // An hour and a half arrives late: 3.5 h is above the threshold, so the flag is withdrawn.
            try await f.work("2026-03-30T13:00:00Z", hours: 1.5)
            try await f.settleFlags()
            let withdrawn = try await f.api.decode(FlagBody.self, .get, "/api/flags/\(flag.id)", token: f.managerA.accessToken)
            #expect(withdrawn.state == "withdrawn" && withdrawn.evidence.observed == 3.5)
            #expect(withdrawn.history?.map(\.kind) == ["raised", "withdrawn"])
            #expect(withdrawn.history?.last?.note?.contains("no longer holds") == true && withdrawn.history?.last?.actorId == nil)
        }
    }

    @Test("a restarted server evaluates what the previous process left at once, not a poll interval later", arguments: TestEngine.available)
    func afterRestart(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        let settings = try await engine.freshSettings()
        let key = Array("a-signing-key-shared-by-both-processes".utf8)
        // The first process stores the data but evaluates nothing (its evaluator is off): the marks are left behind.
        let f = try await TestApp(settings: settings, time: time.source) { $0.auth = .init(signingKey: key); $0.auth.bcryptCost = 4 }
            .test { client in
                let f = try await IdentityFixture.make(client)
                try await f.work([("2026-03-02", 4.0), ("2026-03-09", 6.0), ("2026-03-16", 5.0), ("2026-03-23", 8.0), ("2026-03-30", 2.0)]
                    .map { ("\($0.0)T09:00:00Z", $0.1) })
                return f
            }
        // The next process raises the flag with no write and no request to ring it — well before its 30-second poll.
        try await TestApp(settings: settings, time: time.source) {
            $0.auth = .init(signingKey: key); $0.auth.bcryptCost = 4; $0.evaluateFlags = true
        }.test { client in
            let g = f.through(client)
            let raised = try await waitUntil(timeout: .seconds(15), interval: .milliseconds(100)) {
                try await g.flags().map(\.rule) == ["low_activity"]
            }
            #expect(raised != nil, "the left-over marks were not evaluated within 15 s of the start")
        }
    }

    @Test("absent from a published shift once it ended; the shift deleted withdraws the flag", arguments: TestEngine.available)
    func absence(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source) { $0.evaluateFlags = true }.test { client in
            var f = try await IdentityFixture.make(client)
            struct Shift: Decodable { let id: String }
            let shift = try await f.api.decode(Shift.self, .post, "/api/schedule/shifts", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-31T12:00:00Z", "end": "2026-03-31T14:00:00Z",
            ]), expect: .created)
            try await f.api.call(.post, "/api/schedule/publish", token: f.managerA.accessToken,
                                 json: jsonBody(["teamId": f.teamA, "from": "2026-03-31", "to": "2026-03-31"]))
            try await f.settleFlags()
            #expect(try await f.flags().isEmpty, "a shift that has not ended decides nothing")
            // While the shift runs nothing is decided; once it ended (and the sweep or a re-evaluation sees it), absent.
            time.advance(by: 5 * 3600)  // 15:00: the shift (12:00–14:00) is over
            f = try await f.signedInAgain()  // the access tokens expired meanwhile
            try await f.work("2026-03-31T12:30:00Z", hours: 0.5, app: "editor")
            try await f.settleFlags()
            // (Open ones only: had an evaluation run between the clock's move and the late event, it raised and then
            // withdrew an absence.)
            #expect(try await f.flags("?rule=absent&state=open").isEmpty, "present for half an hour: not absent")
            #expect(try await f.flags("?rule=early_leave&state=open").map(\.periodKey) == ["shift:\(shift.id)"], "left at 13:00, an hour early")

            let second = try await f.api.decode(Shift.self, .post, "/api/schedule/shifts", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-30T10:00:00Z", "end": "2026-03-30T11:00:00Z",
            ]), expect: .created)
            try await f.api.call(.post, "/api/schedule/publish", token: f.managerA.accessToken,
                                 json: jsonBody(["teamId": f.teamA, "from": "2026-03-30", "to": "2026-03-30"]))
            _ = try await f.api.decode(Queued.self, .post, "/api/flags/evaluate", token: f.managerA.accessToken,
                                       json: jsonBody(["from": "2026-03-30", "to": "2026-03-31", "teamId": f.teamA]), expect: .accepted)
            try await f.settleFlags()
            let absent = try #require(try await f.flags("?rule=absent&state=open").first)
            #expect(absent.periodKey == "shift:\(second.id)" && absent.state == "open" && absent.severity == "warning")
            #expect(absent.evidence.period.label == "2026-03-30 10:00–11:00")

            try await f.api.call(.delete, "/api/schedule/shifts/\(second.id)", token: f.managerA.accessToken)
            _ = try await f.api.decode(Queued.self, .post, "/api/flags/evaluate", token: f.admin.accessToken,
                                       json: jsonBody(["from": "2026-03-30", "to": "2026-03-30"]), expect: .accepted)
            try await f.settleFlags()
            let gone = try await f.api.decode(FlagBody.self, .get, "/api/flags/\(absent.id)", token: f.admin.accessToken)
            #expect(gone.state == "withdrawn" && gone.history?.last?.note?.contains("no longer a published shift") == true)
        }
    }

    @Test("two instances on one PostgreSQL evaluate the same days: one flag, one history entry", .enabled(if: TestEngine.available.contains(.postgres)))
    func twoInstances() async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        try await TestApp.twoInstances(evaluateFlags: true, time: time) { a, b in
            let f = try await IdentityFixture.make(a)
            let viaB = f.through(b)
            try await Self.lowMonday(f)
            for _ in 0..<2 {
                for api in [f.api, viaB.api] {
                    _ = try await api.decode(Queued.self, .post, "/api/flags/evaluate", token: f.admin.accessToken,
                                             json: jsonBody(["from": "2026-03-23", "to": "2026-03-31"]), expect: .accepted)
                }
            }
            try await f.settleFlags()
            try await viaB.settleFlags()
            let flags = try await viaB.flags()
            #expect(flags.map(\.rule) == ["low_activity"])
            #expect(flags.first?.version == 1)
        }
    }
}

struct Queued: Decodable { let queued: Int }
