import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Agent configuration")
struct AgentSettingsTests {
    struct Exclusion: Codable, Equatable { let field: String; let match: String; let pattern: String }
    struct Config: Decodable {
        let version: String, paused: Bool, trackingEnabled: Bool, heartbeatIntervalSeconds: Int, pulsetimeSeconds: Int
        let idleThresholdSeconds: Int, privateMode: Bool, trackOnlyDuringShifts: Bool, excluded: [Exclusion]
    }
    struct Effective: Decodable {
        struct Settings: Decodable { let heartbeatIntervalSeconds: Int; let idleThresholdSeconds: Int; let privateMode: Bool; let excluded: [Exclusion] }
        let version: String, settings: Settings
    }
    struct Level: Decodable { let scope: String; let id: String? }
    struct Overview: Decodable { let organization: Level; let teams: [Level]; let people: [Level] }
    struct Device: Decodable { let id: String; let agentVersion: String?; let configVersion: String?; let reportedAt: Date? }
    struct Devices: Decodable { let items: [Device] }
    struct Result: Decodable { let accepted: Int; let dropped: Int }

    static func config(_ client: any TestClientProtocol, _ token: String, ifNoneMatch: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        return try await client.execute(uri: "/api/agent/config", method: .get, headers: headers)
    }

    @Test("organisation → team → person with exclusions adding up; an ETag and 304; the agent's report; the server drops and redacts",
          arguments: TestEngine.available)
    func resolution(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let admin = f.admin.accessToken
            let first = try await Self.config(client, f.deviceToken)
            let etag = try #require(first.headers[.eTag])
            let defaults = try first.json(Config.self)
            #expect(etag == "\"\(defaults.version)\"" && defaults.trackingEnabled && !defaults.paused && defaults.excluded.isEmpty)
            #expect(defaults.heartbeatIntervalSeconds == 5 && defaults.pulsetimeSeconds == 6 && defaults.idleThresholdSeconds == 180)
            let unchanged = try await Self.config(client, f.deviceToken, ifNoneMatch: etag)
            #expect(unchanged.status == .notModified && unchanged.body.readableBytes == 0 && unchanged.headers[.eTag] == etag)

            try await f.api.call(.put, "/api/system/agent-settings/organization", token: admin, json: jsonBody([
                "idleThresholdSeconds": 300, "excluded": [["field": "app", "match": "exact", "pattern": "Signal"]],
            ]))
            try await f.api.call(.put, "/api/system/agent-settings/teams/\(f.teamA)", token: admin, json: jsonBody([
                "heartbeatIntervalSeconds": 10, "excluded": [["field": "title", "match": "regex", "pattern": "bank(ing)?"]],
            ]))
            let personal = try await f.api.call(.put, "/api/system/agent-settings/employees/\(f.employee.id)", token: admin,
                                                json: jsonBody(["privateMode": true]))
            #expect(personal.status == .ok)

            let changed = try await Self.config(client, f.deviceToken, ifNoneMatch: etag)
            #expect(changed.status == .ok && changed.headers[.eTag] != etag)
            let config = try changed.json(Config.self)
            #expect(config.idleThresholdSeconds == 300 && config.heartbeatIntervalSeconds == 10 && config.pulsetimeSeconds == 11 && config.privateMode)
            #expect(config.excluded == [Exclusion(field: "app", match: "exact", pattern: "Signal"),
                                        Exclusion(field: "title", match: "regex", pattern: "bank(ing)?")])
            let other = try await f.api.decode(Effective.self, .get, "/api/system/agent-settings/employees/\(f.otherEmployee.id)/effective", token: admin)
            #expect(other.settings.idleThresholdSeconds == 300 && other.settings.heartbeatIntervalSeconds == 5 && !other.settings.privateMode)
            #expect(other.settings.excluded.count == 1)
            let mine = try await f.api.decode(Effective.self, .get, "/api/system/agent-settings/employees/\(f.employee.id)/effective",
                                              token: f.managerA.accessToken)
            #expect(mine.version == config.version)
            #expect(try await f.refusalCode(.get, "/api/system/agent-settings/employees/\(f.employee.id)/effective", token: f.managerB.accessToken) == 403)
            let overview = try await f.api.decode(Overview.self, .get, "/api/system/agent-settings", token: admin)
            #expect(overview.teams.map(\.id) == [f.teamA] && overview.people.map(\.id) == [f.employee.id])

            // The agent reports what it applied; the device list shows it.
            let report = try await f.api.call(.post, "/api/agent/status", token: f.deviceToken,
                                              json: jsonBody(["agentVersion": "1.4.2", "configVersion": config.version]))
            #expect(report.status == .noContent)
            let devices = try await f.api.decode(Devices.self, .get, "/api/employees/\(f.employee.id)/devices", token: admin)
            let device = try #require(devices.items.first { $0.id == f.deviceID })
            #expect(device.agentVersion == "1.4.2" && device.configVersion == config.version && device.reportedAt == time.now)

            // The server applies what it can: excluded activity dropped, titles and URLs blanked in private mode.
            let hour = time.now.addingTimeInterval(-3600)
            let batch = try await f.api.decode(Result.self, .post, "/api/activities", token: f.deviceToken, json: Body.batch([
                Body.event(at: hour, seconds: 60, app: "signal"),
                Body.event(at: hour.addingTimeInterval(60), seconds: 60, app: "Firefox", title: "Online Banking"),
                Body.event(at: hour.addingTimeInterval(120), seconds: 60, app: "Code", title: "main.swift", url: "https://example.com/x"),
            ]))
            #expect(batch.accepted == 1 && batch.dropped == 2)
            let stored = try await f.api.decode(EventPage.self, .get,
                "/api/activities?from=\(RFC3339.format(hour).queryEscaped)&to=\(RFC3339.format(time.now).queryEscaped)", token: f.employee.accessToken)
            #expect(stored.items.map { [$0.app, $0.title, $0.url ?? "-"] } == [["Code", "", "-"]])
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"tracker_events_dropped_total{reason="excluded"} 2"#))

            // Without the person's level private mode is off again; removing it twice is a 404.
            #expect(try await f.api.call(.delete, "/api/system/agent-settings/employees/\(f.employee.id)", token: admin).status == .noContent)
            #expect(try await f.refusalCode(.delete, "/api/system/agent-settings/employees/\(f.employee.id)", token: admin) == 404)
            #expect(try await Self.config(client, f.deviceToken).json(Config.self).privateMode == false)

            // Tracking turned off for the team: everything its devices send is dropped, idle too.
            try await f.api.call(.put, "/api/system/agent-settings/teams/\(f.teamA)", token: admin, json: jsonBody(["trackingEnabled": false]))
            let off = try await f.api.decode(Result.self, .post, "/api/activities", token: f.deviceToken,
                                             json: Body.batch([Body.event(at: hour.addingTimeInterval(600), seconds: 60, app: "Code")]))
            let idle = try await f.api.decode(Result.self, .post, "/api/idle", token: f.deviceToken,
                                              json: jsonBody(["periods": [Body.idle(from: hour.addingTimeInterval(900), to: hour.addingTimeInterval(1200))]]))
            #expect(off.dropped == 1 && off.accepted == 0 && idle.dropped == 1 && idle.accepted == 0)
            #expect(try await Self.config(client, f.deviceToken).json(Config.self).trackingEnabled == false)
        }
    }

    @Test("bad settings are a 400 naming the field; unknown teams and people a 404", arguments: TestEngine.available)
    func validation(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let path = "/api/system/agent-settings/organization"
            let cases: [([String: Any], String)] = [
                (["heartbeatIntervalSeconds": 0], "heartbeatIntervalSeconds"),
                (["idleThresholdSeconds": 100_000], "idleThresholdSeconds"),
                (["excluded": [["field": "app", "match": "regex", "pattern": "(a"]]], "excluded[0].pattern"),
                (["excluded": [["field": "app", "match": "exact", "pattern": ""]]], "excluded[0].pattern"),
                (["excluded": (0...100).map { ["field": "app", "match": "exact", "pattern": "app\($0)"] }], "excluded"),
            ]
            for (body, field) in cases {
                let response = try await f.api.call(.put, path, token: f.admin.accessToken, json: jsonBody(body))
                #expect(response.status == .badRequest, "\(field): \(response.text)")
                #expect(try response.json(ErrorBody.self).error.message.hasPrefix("\(field):"), "\(field): \(response.text)")
            }
            let window = try await f.api.call(.put, path, token: f.admin.accessToken,
                                              json: jsonBody(["excluded": [["field": "window", "match": "exact", "pattern": "x"]]]))
            #expect(window.status == .badRequest)
            let noTeam = try await f.api.call(.put, "/api/system/agent-settings/teams/\(UUID().uuidString.lowercased())",
                                              token: f.admin.accessToken, json: "{}")
            #expect(noTeam.status == .notFound)
            let nobody = try await f.api.call(.put, "/api/system/agent-settings/employees/\(UUID().uuidString.lowercased())",
                                              token: f.admin.accessToken, json: "{}")
            #expect(nobody.status == .notFound)
        }
    }

    @Test("track only during shifts: what starts inside a published shift is kept, cut at its end; the rest is dropped",
          arguments: TestEngine.available)
    func onlyDuringShifts(engine: TestEngine) async throws {
        let shiftStart = Date(timeIntervalSince1970: 1_790_035_200 + 9 * 3600)   // 2026-09-22T09:00Z
        let time = MutableTime(shiftStart.addingTimeInterval(4 * 3600))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.put, "/api/system/agent-settings/employees/\(f.employee.id)", token: f.admin.accessToken,
                                 json: jsonBody(["trackOnlyDuringShifts": true]))
            #expect(try await f.api.call(.post, "/api/schedule/shifts", token: f.admin.accessToken, json: jsonBody([
                "teamId": f.teamA, "employeeId": f.employee.id, "start": RFC3339.format(shiftStart),
                "end": RFC3339.format(shiftStart.addingTimeInterval(3600)), "status": "published"])).status == .created)
            // A draft shift the day before does not count.
            let draft = try await f.api.call(.post, "/api/schedule/shifts", token: f.admin.accessToken, json: jsonBody([
                "teamId": f.teamA, "employeeId": f.employee.id, "start": RFC3339.format(shiftStart.addingTimeInterval(-86_400)),
                "end": RFC3339.format(shiftStart.addingTimeInterval(-86_400 + 3600)), "status": "draft"]))
            #expect(draft.status == .created, "\(draft.text)")
            let batch = try await f.api.decode(Result.self, .post, "/api/activities", token: f.deviceToken, json: Body.batch([
                Body.event(at: shiftStart.addingTimeInterval(-1800), seconds: 600, app: "Before"),
                Body.event(at: shiftStart.addingTimeInterval(600), seconds: 600, app: "Inside"),
                Body.event(at: shiftStart.addingTimeInterval(3000), seconds: 1200, app: "Across the end"),
                Body.event(at: shiftStart.addingTimeInterval(-86_400 + 600), seconds: 600, app: "In a draft shift"),
            ]))
            #expect(batch.accepted == 2 && batch.dropped == 2)
            let idle = try await f.api.decode(Result.self, .post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                Body.idle(from: shiftStart.addingTimeInterval(1500), to: shiftStart.addingTimeInterval(1800)),
                Body.idle(from: shiftStart.addingTimeInterval(5400), to: shiftStart.addingTimeInterval(5700)),
            ]]))
            #expect(idle.accepted == 1 && idle.dropped == 1)
            let stored = try await f.api.decode(EventPage.self, .get,
                "/api/activities?from=\(RFC3339.format(shiftStart.addingTimeInterval(-3600)).queryEscaped)&to=\(RFC3339.format(time.now).queryEscaped)",
                token: f.employee.accessToken)
            #expect(stored.items.map(\.app).sorted() == ["Across the end", "Inside"])
            #expect(stored.items.first { $0.app == "Across the end" }?.duration == 600, "cut at the shift's end")
            let beat = try await f.api.call(.post, "/api/activities/heartbeat", token: f.deviceToken,
                                            json: Body.heartbeat(at: shiftStart.addingTimeInterval(3 * 3600), app: "After"))
            #expect(beat.status == .ok && beat.text.contains("\"dropped\":true"))
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"tracker_events_dropped_total{reason="outside_shift"} 4"#))
        }
    }
}
