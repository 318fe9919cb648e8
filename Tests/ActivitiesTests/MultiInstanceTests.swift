import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP
import Auth

@Suite("Several instances on one PostgreSQL", .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
struct MultiInstanceTests {
    @Test("concurrent heartbeats of one device through two instances merge exactly as through one")
    func heartbeatsAcrossInstances() async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_035_200 + 3600))
        let settings = try await TestEngine.postgres.freshSettings()
        // Instances share the signing key, as TRACKER_JWT_SECRET makes them do in production.
        let key = Array("a-signing-key-shared-by-both-instances".utf8)
        let first = TestApp(settings: settings, time: time.source) { $0.auth = .init(signingKey: key); $0.auth.bcryptCost = 4 }
        let second = TestApp(settings: settings, time: time.source) { $0.auth = .init(signingKey: key); $0.auth.bcryptCost = 4 }
        try await first.test { clientA in
            try await second.test { clientB in
                let f = try await IdentityFixture.make(clientA)
                let b = APIClient(clientB)
                let t0 = Date(timeIntervalSince1970: 1_790_035_200)
                // The same heartbeat arrives at both instances at once (an agent retrying through a load balancer),
                // 20 times, one second apart. Without a shared lock both instances would see "no last event" at
                // first and insert two events.
                for second in 0..<20 {
                    let beat = Body.heartbeat(at: t0.addingTimeInterval(Double(second)), app: "Code")
                    async let x = f.api.call(.post, "/api/activities/heartbeat?pulsetime=5", token: f.deviceToken, json: beat)
                    async let y = b.call(.post, "/api/activities/heartbeat?pulsetime=5", token: f.deviceToken, json: beat)
                    let (rx, ry) = try await (x, y)
                    #expect(rx.status == .ok && ry.status == .ok)
                }
                let range = "from=\(RFC3339.format(t0).queryEscaped)&to=\(RFC3339.format(t0.addingTimeInterval(3600)).queryEscaped)"
                let events = try await b.decode(EventPage.self, .get, "/api/activities?\(range)", token: f.employee.accessToken)
                #expect(events.items.count == 1, "one merged event, not one per instance: \(events.items.map(\.duration))")
                #expect(events.items.first?.duration == 19)
                let hourly = try await f.hourly(f.employee, from: t0, to: t0.addingTimeInterval(3600))
                #expect(hourly.first?.activeSeconds == 19)
            }
        }
    }
}
