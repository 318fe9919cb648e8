import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Flag review", .timeLimit(.minutes(4)))
struct FlagReviewTests {
    @Test("open → acknowledged → resolved; illegal steps 409; dismiss needs a note; who may see and act", arguments: TestEngine.available)
    func workflow(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source) { $0.evaluateFlags = true }.test { client in
            let f = try await IdentityFixture.make(client)
            try await FlagEvaluationTests.lowMonday(f)
            let all = try await f.flags()
            let backlog = try await f.api.decode(Backlog.self, .get, "/api/flags/evaluation", token: f.admin.accessToken)
            let flag = try #require(all.first, "no flag; backlog \(backlog)")
            #expect(all.count == 1, "one flag expected: \(all.map { "\($0.rule) \($0.periodKey) \($0.evidence.summary)" })")
            let path = "/api/flags/\(flag.id)"

            // Who sees it: the team's manager, admins, the person; not another team's manager or another employee.
            #expect(try await f.flags(token: f.managerA.accessToken).map(\.id) == [flag.id])
            #expect(try await f.flags(token: f.managerB.accessToken).isEmpty)
            #expect(try await f.refusal(.get, path, token: f.managerB.accessToken).0 == 404)
            #expect(try await f.refusal(.get, path, token: f.otherEmployee.accessToken).0 == 404)
            #expect(try await f.refusal(.get, "/api/flags", token: f.employee.accessToken).0 == 403)
            #expect(try await f.refusal(.get, "/api/flags?teamId=\(f.teamA)", token: f.managerB.accessToken).0 == 403)
            let mine = try await f.api.decode(FlagPage.self, .get, "/api/me/flags", token: f.employee.accessToken).items
            #expect(mine.map(\.id) == [flag.id])
            #expect(try await f.api.decode(FlagPage.self, .get, "/api/me/flags", token: f.otherEmployee.accessToken).items.isEmpty)

            // Only reviewers act; the person may not review their own flag.
            #expect(try await f.refusal(.post, path + "/acknowledge", token: f.employee.accessToken, json: "{}").0 == 403)
            #expect(try await f.refusal(.post, path + "/acknowledge", token: f.managerB.accessToken, json: "{}").0 == 404)
            #expect(try await f.refusal(.post, path + "/dismiss", token: f.managerA.accessToken, json: "{}") == (400, "invalid_note"))
            #expect(try await f.refusal(.post, path + "/dismiss", token: f.managerA.accessToken, json: jsonBody(["note": "   "])) == (400, "invalid_note"))

            let acknowledged = try await f.api.decode(FlagBody.self, .post, path + "/acknowledge", token: f.managerA.accessToken,
                                                      json: jsonBody(["note": "Talking to them tomorrow"]))
            #expect(acknowledged.state == "acknowledged" && acknowledged.version == 2)
            #expect(acknowledged.history?.last?.actorId == f.managerA.id && acknowledged.history?.last?.fromState == "open")
            let resolved = try await f.api.decode(FlagBody.self, .post, path + "/resolve", token: f.managerA.accessToken, json: "{}")
            #expect(resolved.state == "resolved")
            for step in ["acknowledge", "resolve", "dismiss"] {
                #expect(try await f.refusal(.post, path + "/\(step)", token: f.managerA.accessToken, json: jsonBody(["note": "again"]))
                        == (409, "illegal_transition"))
            }

            // The person adds their side; assignment goes to reviewers only.
            let commented = try await f.api.decode(FlagBody.self, .post, "/api/me/flags/\(flag.id)/comments", token: f.employee.accessToken,
                                                   json: jsonBody(["text": "I was at a customer all afternoon."]))
            #expect(commented.history?.last?.kind == "comment" && commented.history?.last?.actorId == f.employee.id)
            #expect(try await f.refusal(.post, "/api/me/flags/\(flag.id)/comments", token: f.otherEmployee.accessToken,
                                        json: jsonBody(["text": "hi"])).0 == 404)
            #expect(try await f.refusal(.put, path + "/assignee", token: f.managerA.accessToken, json: jsonBody(["assigneeId": f.managerB.id]))
                    == (400, "invalid_assigneeId"))
            let assigned = try await f.api.decode(FlagBody.self, .put, path + "/assignee", token: f.managerA.accessToken,
                                                  json: jsonBody(["assigneeId": f.admin.id]))
            #expect(assigned.assigneeId == f.admin.id)
            let history = try #require(assigned.history)
            #expect(history.map(\.kind) == ["raised", "acknowledged", "resolved", "comment", "assigned"])
            #expect(history.map(\.version) == [1, 2, 3, 4, 5])

            // Filters and CSV.
            #expect(try await f.flags("?state=resolved&rule=low_activity,absent&severity=info").count == 1)
            #expect(try await f.flags("?state=open").isEmpty)
            #expect(try await f.flags("?employeeId=\(f.otherEmployee.id)").isEmpty)
            #expect(try await f.flags("?from=2026-03-31T00:00:00Z").isEmpty)
            #expect(try await f.flags("?from=2026-03-30T12:00:00Z&to=2026-03-30T13:00:00Z").count == 1)
            #expect(try await f.refusal(.get, "/api/flags?state=closed", token: f.admin.accessToken) == (400, "invalid_state"))
            #expect(try await f.flags("?state=&rule=,").count == 1, "empty filters filter nothing (they once made `IN ()`, a 500)")
            #expect(try await f.refusal(.get, "/api/flags?from=yesterday", token: f.admin.accessToken) == (400, "invalid_from"))
            let csv = try await f.api.call(.get, "/api/flags?format=csv", token: f.admin.accessToken)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2 && lines.first?.hasPrefix("id,rule,severity,state,employeeId") == true)
            #expect(lines.last?.hasPrefix("\(flag.id),low_activity,info,resolved,\(f.employee.id),\(f.teamA),2026-03-30,") == true)
        }
    }

    @Test("rules: organisation defaults, team overrides, validation; a disabled rule raises nothing", arguments: TestEngine.available)
    func rules(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T10:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source) { $0.evaluateFlags = true }.test { client in
            let f = try await IdentityFixture.make(client)
            #expect(try await f.refusal(.put, "/api/flags/rules/low_activity", token: f.managerA.accessToken,
                                        json: jsonBody(["enabled": false, "severity": "info"])).0 == 403)
            #expect(try await f.refusal(.put, "/api/flags/rules/low_activity?teamId=\(f.teamB)", token: f.managerA.accessToken,
                                        json: jsonBody(["enabled": false, "severity": "info"])).0 == 403)
            #expect(try await f.refusal(.put, "/api/flags/rules/nope", token: f.admin.accessToken,
                                        json: jsonBody(["enabled": true, "severity": "info"])) == (400, "invalid_rule"))
            #expect(try await f.refusal(.put, "/api/flags/rules/low_activity", token: f.admin.accessToken,
                                        json: jsonBody(["enabled": true, "severity": "info", "thresholds": ["percent": 0]])) == (400, "invalid_thresholds.percent"))
            #expect(try await f.refusal(.put, "/api/flags/rules/absent", token: f.admin.accessToken,
                                        json: jsonBody(["enabled": true, "severity": "info", "thresholds": ["minutes": 5]])) == (400, "invalid_thresholds.minutes"))
            #expect(try await f.refusal(.put, "/api/flags/rules/after_hours", token: f.admin.accessToken,
                                        json: jsonBody(["enabled": true, "severity": "info", "thresholds": ["workStartHour": 18, "workEndHour": 9]]))
                    == (400, "invalid_thresholds.workEndHour"))
            // Team A turns low activity off (its manager may), and raises its severity for nobody else.
            try await f.api.call(.put, "/api/flags/rules/low_activity?teamId=\(f.teamA)", token: f.managerA.accessToken,
                                 json: jsonBody(["enabled": false, "severity": "critical"]))
            try await f.api.call(.put, "/api/flags/rules/low_activity", token: f.admin.accessToken,
                                 json: jsonBody(["enabled": true, "severity": "warning", "thresholds": ["percent": 60]]))
            struct Rules: Decodable {
                struct Rule: Decodable { let rule: String; let enabled: Bool; let severity: String; let thresholds: [String: Double] }
                struct Team: Decodable { let teamId: String; let rules: [Rule] }
                let organization: [Rule]
                let teams: [Team]
            }
            let rules = try await f.api.decode(Rules.self, .get, "/api/flags/rules", token: f.managerA.accessToken)
            let low = try #require(rules.organization.first { $0.rule == "low_activity" })
            #expect(low.severity == "warning" && low.thresholds == ["percent": 60, "minSamples": 3])
            #expect(rules.teams.map(\.teamId) == [f.teamA] && rules.teams.first?.rules.map(\.enabled) == [false])
            #expect(try await f.api.decode(Rules.self, .get, "/api/flags/rules", token: f.managerB.accessToken).teams.isEmpty)

            try await FlagEvaluationTests.lowMonday(f)
            #expect(try await f.flags().isEmpty, "team A has low activity off")
            try await f.api.call(.delete, "/api/flags/rules/low_activity?teamId=\(f.teamA)", token: f.managerA.accessToken)
            _ = try await f.api.decode(Queued.self, .post, "/api/flags/evaluate", token: f.admin.accessToken,
                                       json: jsonBody(["from": "2026-03-30", "to": "2026-03-30"]), expect: .accepted)
            try await f.settleFlags()
            let flag = try #require(try await f.flags().first)
            // The organisation's 60 %: threshold 3.3 h; severity warning.
            #expect(flag.severity == "warning" && flag.evidence.threshold == 3.3)
            #expect(try await f.refusal(.post, "/api/flags/evaluate", token: f.admin.accessToken,
                                        json: jsonBody(["from": "2026-01-01", "to": "2026-12-31"])) == (400, "invalid_to"))
        }
    }
}
