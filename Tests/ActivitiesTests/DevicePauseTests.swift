import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Remote pause of a device")
struct DevicePauseTests {
    struct Device: Decodable { let id: String; let pausedAt: Date? }
    struct Devices: Decodable { let items: [Device] }
    struct Config: Decodable { let paused: Bool }
    struct Dropped: Decodable { let accepted: Int; let duplicates: Int; let dropped: Int }
    struct DroppedBeat: Decodable { let merged: Bool; let dropped: Bool }

    @Test("a paused device is told to stop; what it sends anyway is counted and dropped, never stored; resume restores it",
          arguments: TestEngine.available)
    func pauseAndResume(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_000_000))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let pause = "/api/employees/\(f.employee.id)/devices/\(f.deviceID)/pause"
            let resume = "/api/employees/\(f.employee.id)/devices/\(f.deviceID)/resume"
            // Only the person's managers and administrators.
            #expect(try await f.refusalCode(.post, pause, token: f.employee.accessToken) == 403)
            #expect(try await f.refusalCode(.post, pause, token: f.managerB.accessToken) == 403)
            #expect(try await f.refusalCode(.post, "/api/employees/\(f.employee.id)/devices/\(UUID().uuidString.lowercased())/pause",
                                            token: f.admin.accessToken) == 404)
            #expect(try await f.api.decode(Config.self, .get, "/api/agent/config", token: f.deviceToken).paused == false)

            let paused = try await f.api.decode(Device.self, .post, pause, token: f.managerA.accessToken)
            #expect(paused.id == f.deviceID && paused.pausedAt == time.now)
            time.advance(by: 60)
            let again = try await f.api.decode(Device.self, .post, pause, token: f.admin.accessToken)
            #expect(again.pausedAt == paused.pausedAt, "pausing again keeps when it was paused")
            #expect(try await f.api.decode(Config.self, .get, "/api/agent/config", token: f.deviceToken).paused)
            let listed = try await f.api.decode(Devices.self, .get, "/api/employees/\(f.employee.id)/devices", token: f.managerA.accessToken)
            #expect(listed.items.first { $0.id == f.deviceID }?.pausedAt == paused.pausedAt)

            // Sent while paused: a 2xx (the agent must not keep it to send later), nothing stored, counted.
            let hour = time.now.addingTimeInterval(-3600)
            let events = [Body.event(at: hour, seconds: 600, app: "Code"), Body.event(at: hour.addingTimeInterval(600), seconds: 60, app: "Slack")]
            let batch = try await f.api.decode(Dropped.self, .post, "/api/activities", token: f.deviceToken, json: Body.batch(events))
            #expect(batch.accepted == 0 && batch.duplicates == 0 && batch.dropped == 2)
            let beat = try await f.api.decode(DroppedBeat.self, .post, "/api/activities/heartbeat?pulsetime=6", token: f.deviceToken,
                                              json: Body.heartbeat(at: time.now.addingTimeInterval(-5), app: "Code"))
            #expect(beat.dropped && !beat.merged)
            let idle = try await f.api.decode(Dropped.self, .post, "/api/idle", token: f.deviceToken,
                                              json: jsonBody(["periods": [Body.idle(from: hour, to: hour.addingTimeInterval(300))]]))
            #expect(idle.dropped == 1 && idle.accepted == 0)
            // Bad input is still refused, paused or not.
            let bad = try await f.api.call(.post, "/api/activities", token: f.deviceToken,
                                           json: Body.batch([Body.event(at: time.now.addingTimeInterval(600), seconds: 1, app: "Code")]))
            #expect(bad.status == .badRequest)
            #expect(try await f.hourly(f.employee, from: hour, to: time.now).isEmpty)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"tracker_events_dropped_total{reason="device_paused"} 4"#), "\(metrics.split(separator: "\n").filter { $0.contains("dropped") })")

            // Resumed: told to send again, and what it sends is stored.
            let resumed = try await f.api.decode(Device.self, .post, resume, token: f.managerA.accessToken)
            #expect(resumed.pausedAt == nil)
            #expect(try await f.api.decode(Config.self, .get, "/api/agent/config", token: f.deviceToken).paused == false)
            let stored = try await f.api.decode(Dropped.self, .post, "/api/activities", token: f.deviceToken, json: Body.batch(events))
            #expect(stored.accepted == 2 && stored.dropped == 0)
            #expect(try await f.hourly(f.employee, from: hour, to: time.now).count == 1)
        }
    }
}

extension IdentityFixture {
    func refusalCode(_ method: HTTPRequest.Method, _ path: String, token: String) async throws -> Int {
        Int(try await api.call(method, path, token: token).status.code)
    }
}
