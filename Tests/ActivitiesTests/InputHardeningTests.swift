import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Hostile input against every date and number parameter of the activity and analytics APIs: a 4xx naming the
/// parameter, never a 500 or a dead process (year 1 once killed the server through `Dictionary(uniqueKeysWithValues:)`).
@Suite("Input hardening")
struct InputHardeningTests {
    struct ErrorBody: Decodable { struct Inner: Decodable { let code: String; let message: String }; let error: Inner }

    static let badDays = ["0001-01-01", "0002-01-01", "1969-12-31", "2101-01-01", "9999-12-31", "-001-01-01", "2026-02-30", "2026-1-1"]
    static let badInstants = ["0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2101-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                              "2026-03-01T00:00:00+99:00", "1e400", "-9223372036854775808"]
    static let badNumbers = ["-1", "0", "1e308", "9223372036854775808", "NaN", "inf", "-0", "1.5", "０"]

    @Test("dates and numbers out of range are 400s naming the parameter, in every scope", arguments: TestEngine.available)
    func fuzzDatesAndNumbers(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            var paths: [(String, String, String)] = []  // path, parameter, token
            for token in [f.employee.accessToken, f.admin.accessToken] {
                let scopes = token == f.admin.accessToken ? ["scope=organization", "scope=team&id=\(f.teamA)"] : ["scope=employee"]
                for scope in scopes {
                    for day in Self.badDays {
                        paths.append(("/api/trends?metric=score&\(scope)&from=\(day)&to=2026-01-01", "from", token))
                        paths.append(("/api/trends?\(scope)&granularity=week&from=2026-01-01&to=\(day)", "to", token))
                        paths.append(("/api/dashboard?\(scope)&date=\(day)", "date", token))
                        paths.append(("/api/dashboard?\(scope)&period=custom&date=2026-01-01&to=\(day)", "to", token))
                        paths.append(("/api/exports/timesheet?\(scope)&from=\(day)", "from", token))
                    }
                }
            }
            // The crash of the issue, verbatim, and at organisation scope.
            paths.append(("/api/trends?metric=score&from=0001-01-01&to=0002-01-01", "to", f.employee.accessToken))
            paths.append(("/api/trends?scope=organization&metric=score&from=0001-01-01&to=0002-01-01", "to", f.admin.accessToken))
            for day in Self.badDays {
                paths.append(("/api/teams/\(f.teamA)/metrics?date=\(day)", "date", f.admin.accessToken))
            }
            for instant in Self.badInstants {
                let q = instant.queryEscaped
                for path in ["/api/activities", "/api/activities/hourly", "/api/idle"] {
                    paths.append(("\(path)?from=\(q)", "from", f.employee.accessToken))
                    paths.append(("\(path)?to=\(q)", "to", f.employee.accessToken))
                }
                paths.append(("/api/me/access-log?from=\(q)", "from", f.employee.accessToken))
                paths.append(("/api/admin/access-log?to=\(q)", "to", f.admin.accessToken))
            }
            for number in Self.badNumbers {
                paths.append(("/api/activities?limit=\(number.queryEscaped)", "limit", f.employee.accessToken))
            }
            for (path, parameter, token) in paths {
                let response = try await f.api.call(.get, path, token: token)
                #expect(response.status == .badRequest, "\(path): \(response.status)")
                if response.status == .badRequest {
                    #expect(try response.json(ErrorBody.self).error.message.hasPrefix(parameter), "\(path): \(response.text)")
                }
            }
            // The edges themselves are accepted.
            for path in ["/api/trends?from=1970-01-01&to=1970-02-01", "/api/dashboard?date=2100-12-31", "/api/trends?to=1970-01-05"] {
                #expect(try await f.api.call(.get, path, token: f.employee.accessToken).status == .ok, "\(path)")
            }
            // Numbers in bodies: pulsetime, durations and priorities out of range name their field.
            let now = Date()
            let bodies: [(String, String, String, String)] = [
                ("/api/activities/heartbeat?pulsetime=1e308", Body.heartbeat(at: now, app: "x"), "pulsetime", f.deviceToken),
                ("/api/activities/heartbeat?pulsetime=-1", Body.heartbeat(at: now, app: "x"), "pulsetime", f.deviceToken),
                ("/api/activities/heartbeat", Body.heartbeat(at: now, seconds: 1e308, app: "x"), "duration", f.deviceToken),
                ("/api/activities", Body.batch([Body.event(at: now, seconds: -1, app: "x")]), "events[0].duration", f.deviceToken),
                ("/api/activities", #"{"events":[{"id":"\#(UUID())","timestamp":"0001-01-01T00:00:00Z","duration":1,"app":"x","title":"t"}]}"#,
                 "events[0].timestamp", f.deviceToken),
                ("/api/rules", #"{"field":"app","match":"exact","pattern":"x","category":"productive","priority":9223372036854775808}"#,
                 "priority", f.admin.accessToken),
                ("/api/rules", #"{"field":"app","match":"exact","pattern":"x","category":"productive","priority":2.5}"#,
                 "priority", f.admin.accessToken),
                ("/api/cache/rebuild", #"{"from":"0001-01-01T00:00:00Z"}"#, "from", f.admin.accessToken),
            ]
            for (path, body, field, token) in bodies {
                let response = try await f.api.call(.post, path, token: token, json: body)
                #expect(response.status == .badRequest, "\(path) \(body.prefix(60)): \(response.status)")
                if response.status == .badRequest {
                    #expect(try response.json(ErrorBody.self).error.message.hasPrefix(field), "\(path): \(response.text)")
                }
            }
        }
    }

    @Test("NUL is refused in titles, apps, URLs and idle notes rather than stored cut or failing on one engine", arguments: TestEngine.available)
    func nul(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let now = Date()
            for (event, field) in [(Body.event(at: now.addingTimeInterval(-60), seconds: 1, app: "a\u{0}b"), "events[0].app"),
                                   (Body.event(at: now.addingTimeInterval(-60), seconds: 1, app: "a", title: "x\u{0}y"), "events[0].title"),
                                   (Body.event(at: now.addingTimeInterval(-60), seconds: 1, app: "a", url: "https://x/\u{0}"), "events[0].url")] {
                let response = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Body.batch([event]))
                #expect(response.status == .badRequest)
                #expect(try response.json(ErrorBody.self).error.message.hasPrefix(field))
            }
            let id = UUID().uuidString.lowercased()
            try await f.api.call(.post, "/api/idle", token: f.deviceToken,
                                 json: jsonBody(["periods": [Body.idle(id, from: now.addingTimeInterval(-600), to: now.addingTimeInterval(-300))]]))
            let patch = try await f.api.call(.patch, "/api/idle/\(id)", token: f.employee.accessToken, json: jsonBody(["note": "lunch\u{0}secret"]))
            #expect(patch.status == .badRequest)
            #expect(try patch.json(ErrorBody.self).error.message.hasPrefix("note"))
        }
    }

    @Test("a heartbeat from the future is refused, so real-time heartbeats keep merging", arguments: TestEngine.available)
    func futureHeartbeat(engine: TestEngine) async throws {
        let time = MutableTime()
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let now = time.source.now
            let ahead = try await f.api.call(.post, "/api/activities/heartbeat?pulsetime=2", token: f.deviceToken,
                                             json: Body.heartbeat(at: now.addingTimeInterval(240), app: "Editor"))
            #expect(ahead.status == .badRequest)
            #expect(try ahead.json(ErrorBody.self).error.message.hasPrefix("timestamp"))
            // Clock skew of a few seconds is fine, and the beats after it merge.
            let first = try await f.api.decode(Beat.self, .post, "/api/activities/heartbeat?pulsetime=2", token: f.deviceToken,
                                               json: Body.heartbeat(at: now.addingTimeInterval(5), app: "Editor"))
            #expect(!first.merged)
            time.advance(by: 6)
            let second = try await f.api.decode(Beat.self, .post, "/api/activities/heartbeat?pulsetime=2", token: f.deviceToken,
                                                json: Body.heartbeat(at: now.addingTimeInterval(6), app: "Editor"))
            #expect(second.merged)
        }
    }

    @Test("rules: hostile patterns are linear and accepted or refused by their syntax; PUT moves a rule's team; a manager sees only their people's jobs",
          arguments: TestEngine.available)
    func rulesAndJobs(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            for (match, pattern) in [("regex", "(a{1,10}){1,10}b"), ("regex", "a*a*a*a*a*a*b"), ("regex", ".*.*.*.*x"), ("glob", "*a*a*a*a*a*a*b")] {
                let saved = try await f.api.call(.post, "/api/rules", token: f.admin.accessToken, json: jsonBody([
                    "field": "title", "match": match, "pattern": pattern, "category": "unproductive",
                ]))
                #expect(saved.status == .created, "\(pattern): \(saved.text)")
            }
            // Ingest with those rules in force scores a long hostile title (and answers: nothing backtracks).
            let title = String(repeating: "a", count: 240)
            let batch = try await f.api.decode(Batch.self, .post, "/api/activities", token: f.deviceToken,
                                               json: Body.batch([Body.event(at: Date().addingTimeInterval(-120), seconds: 30, app: "Doc", title: title)]))
            #expect(batch.accepted == 1)
            let refused = try await f.api.call(.post, "/api/rules", token: f.admin.accessToken, json: jsonBody([
                "field": "title", "match": "regex", "pattern": "(a)\\1", "category": "unproductive",
            ]))
            #expect(refused.status == .badRequest)

            // A team rule moved to another team by PUT (admin may), not silently kept where it was.
            let rule = try await f.api.decode(SavedRule.self, .post, "/api/rules", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamA, "field": "app", "match": "exact", "pattern": "Figma", "category": "productive",
            ]), expect: .created)
            let moveByManager = try await f.api.call(.put, "/api/rules/\(rule.rule.id)", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamB, "field": "app", "match": "exact", "pattern": "Figma", "category": "productive",
            ]))
            #expect(moveByManager.status == .forbidden, "manager A does not manage team B")
            try await f.api.call(.put, "/api/rules/\(rule.rule.id)", token: f.admin.accessToken, json: jsonBody([
                "teamId": f.teamB, "field": "app", "match": "exact", "pattern": "Figma", "category": "productive",
            ]))
            struct Rule: Decodable { let id: String; let teamId: String? }
            struct Rules: Decodable { let items: [Rule] }
            let listed = try await f.api.decode(Rules.self, .get, "/api/rules", token: f.admin.accessToken).items
            #expect(listed.first { $0.id == rule.rule.id }?.teamId == f.teamB)

            // Rebuild jobs: manager B may not read a job about manager A's employee.
            let job = try await f.api.decode(Job.self, .post, "/api/cache/rebuild", token: f.managerA.accessToken,
                                             json: jsonBody(["employeeId": f.employee.id]), expect: .accepted)
            #expect(try await f.api.call(.get, "/api/cache/jobs/\(job.id)", token: f.managerA.accessToken).status == .ok)
            #expect(try await f.api.call(.get, "/api/cache/jobs/\(job.id)", token: f.managerB.accessToken).status == .notFound)
            #expect(try await f.api.call(.get, "/api/cache/jobs/\(job.id)", token: f.admin.accessToken).status == .ok)
        }
    }
}
