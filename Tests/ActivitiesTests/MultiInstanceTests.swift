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
        try await TestApp.twoInstances(time: time) { clientA, clientB in
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

    @Test("two instances rebuilding while people ingest into the same hours: no errors, no lost organisation totals")
    func rebuildsAndIngestAcrossInstances() async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_035_200 + 7 * 3600))
        try await TestApp.twoInstances(poolMaximum: 8, time: time) { clientA, clientB in
            let f = try await IdentityFixture.make(clientA)
            let b = APIClient(clientB)
            let people = [f.employee, f.otherEmployee, f.managerA, f.managerB]
            var tokens = [f.deviceToken]
            for person in people.dropFirst() { tokens.append(try await f.enrolDevice(for: person)) }
            let t0 = Date(timeIntervalSince1970: 1_790_035_200)
            func batch(round: Int, device: Int) -> String {
                Body.batch((0..<6).map { hour in
                    Body.event(at: t0.addingTimeInterval(Double(hour * 3600 + round * 60 + device)), seconds: 30, app: round % 2 == 0 ? "Code" : "Slack")
                })
            }
            for (device, token) in tokens.enumerated() {
                #expect(try await f.api.call(.post, "/api/activities", token: token, json: batch(round: 0, device: device)).status == .ok)
            }
            // Rebuild jobs queued on both instances at once (each instance runs what it queued), while every
            // device keeps sending into the same six hours through both instances.
            async let jobA = f.api.decode(Job.self, .post, "/api/cache/rebuild", token: f.admin.accessToken, json: "{}", expect: .accepted)
            async let jobB = b.decode(Job.self, .post, "/api/cache/rebuild", token: f.admin.accessToken, json: "{}", expect: .accepted)
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for (device, token) in tokens.enumerated() {
                    group.addTask {
                        var codes: [Int] = []
                        for round in 1...6 {
                            let client = round % 2 == 0 ? f.api : b
                            codes.append(try await client.call(.post, "/api/activities", token: token, json: batch(round: round, device: device)).status.code)
                        }
                        return codes
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            let (a, bJob) = try await (jobA, jobB)
            for id in [a.id, bJob.id] {
                let job = try await f.waitForJob(id)
                let detail = try await f.api.call(.get, "/api/cache/jobs/\(id)", token: f.admin.accessToken).text
                #expect(job.status == "done", "\(detail)")
            }
            for route in ["org-rollup-drift", "daily-app-drift", "org-app-drift"] {
                let drift = try await f.api.call(.get, "/test/\(route)").text
                #expect(drift.hasPrefix("0 of ") && drift != "0 of 0", "\(route): \(drift)")
            }
            let hourly = try await f.hourly(f.employee, from: t0, to: t0.addingTimeInterval(6 * 3600))
            #expect(hourly.count == 6 && hourly.allSatisfy { $0.activeSeconds == 7 * 30 })
        }
    }
}
