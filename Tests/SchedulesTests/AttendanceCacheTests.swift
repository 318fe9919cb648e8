import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

/// Attendance keeps its results by delta (`AttendanceCache`): every kind of write that changes them — heartbeats on
/// the rollups' fast path, late batches, work away, shifts published, moved and deleted — must show in the next
/// report, and the kept rows must equal a rebuild from scratch (forced by changing the arrival window and back).
@Suite("Attendance kept by delta", .timeLimit(.minutes(5)))
struct AttendanceCacheTests {
    typealias Report = AttendanceTests.Report

    @Test("every write shows in the next report, and the kept rows equal a rebuild from scratch", arguments: TestEngine.available)
    func noDrift(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.patch, "/api/teams/\(f.teamA)", token: f.admin.accessToken, json: jsonBody(["timeZone": "Europe/Berlin"]))
            let berlin = try await f.location("Berlin office", zone: "Europe/Berlin")
            func shift(_ start: String, _ end: String) async throws -> ShiftBody {
                try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "locationId": berlin, "start": start, "end": end,
                                   "status": "published"])
            }
            // Mon–Fri 09:00–17:00 in Berlin (08:00–16:00Z); activity on Monday (early).
            var week: [ShiftBody] = []
            for day in 23...27 { week.append(try await shift("2026-03-\(day)T08:00:00Z", "2026-03-\(day)T16:00:00Z")) }
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                AttendanceTests.event("2026-03-23T07:55:00Z", "2026-03-23T16:00:00Z"),
            ]]))
            let query = "/api/schedule/attendance?from=2026-03-23&to=2026-03-30&teamId=\(f.teamA)"
            func report() async throws -> Report { try await f.api.decode(Report.self, .get, query, token: f.managerA.accessToken) }
            let first = try await report()
            #expect(first.shifts.map(\.status) == ["on_time", "absent", "absent", "absent", "absent"])

            // Heartbeats on Tuesday, 08:20–08:30Z (after the device's last event): the first starts an event, the rest
            // extend it (the rollups' fast path).
            // A report between beats, so the later ones change an hour the report has already seen.
            for second in stride(from: 0, through: 600, by: 30) {
                let at = t("2026-03-24T08:20:00Z").addingTimeInterval(Double(second))
                let beat = jsonBody(["timestamp": RFC3339.format(at), "duration": 0, "app": "Code", "title": "work"] as [String: Any])
                #expect(try await f.api.call(.post, "/api/activities/heartbeat?pulsetime=60", token: f.deviceToken, json: beat).status == .ok)
                if second == 60 { #expect(try await report().shifts[1].activeMinutes == 1) }
            }
            let beats = try await report()
            #expect(beats.shifts[1].statuses == ["late", "early_leave"] && beats.shifts[1].lateMinutes == 20
                    && beats.shifts[1].activeMinutes == 10 && beats.shifts[1].earlyLeaveMinutes == 450)

            // A late batch for Wednesday, Friday (late into the evening) and Saturday morning (no shift: unscheduled);
            // Thursday away from the desk.
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                AttendanceTests.event("2026-03-25T08:00:00Z", "2026-03-25T16:00:00Z"),
                AttendanceTests.event("2026-03-27T08:00:00Z", "2026-03-27T17:20:00Z"),
                AttendanceTests.event("2026-03-28T10:00:00Z", "2026-03-28T12:00:00Z"),
            ]]))
            let away = UUID().uuidString.lowercased()
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": away, "start": "2026-03-26T08:00:00Z", "end": "2026-03-26T16:00:00Z", "reason": "afk"]]]))
            try await f.api.call(.patch, "/api/idle/\(away)", token: f.employee.accessToken, json: jsonBody(["classification": "work_away"]))
            // Ingest left marks; the background refresher applies them (the report then has none to apply).
            struct Marks: Decodable { let marks: Int }
            #expect(try await f.api.decode(Marks.self, .get, "/test/attendance-marks").marks > 0)
            #expect(try await f.api.decode(Marks.self, .post, "/test/attendance-marks").marks == 0)
            let late = try await report()
            #expect(late.shifts.map(\.status) == ["on_time", "late", "on_time", "on_time", "overtime"])
            #expect(late.days.first { $0.date == "2026-03-28" }?.unscheduledMinutes == 120)

            // Shifts change: Monday's is deleted (its activity is unscheduled now), Friday's ends at 14:00Z (more
            // overtime), and a new one on Saturday 08:00–12:00Z covers the Saturday work (late by two hours).
            #expect(try await f.api.call(.delete, "/api/schedule/shifts/\(week[0].id)?version=\(week[0].version)",
                                         token: f.managerA.accessToken).status == .noContent)
            try await f.api.call(.patch, "/api/schedule/shifts/\(week[4].id)", token: f.managerA.accessToken,
                                 json: jsonBody(["version": week[4].version, "end": "2026-03-27T14:00:00Z"]))
            let saturday = try await shift("2026-03-28T08:00:00Z", "2026-03-28T12:00:00Z")
            let kept = try await report()
            #expect(kept.shifts.map(\.shiftId) == week.dropFirst().map(\.id) + [saturday.id])
            #expect(kept.shifts.map(\.status) == ["late", "on_time", "on_time", "overtime", "late"])
            #expect(kept.shifts[3].overtimeMinutes == 200 && kept.shifts[4].lateMinutes == 120)
            let days = Dictionary(kept.days.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(days["2026-03-23"]?.unscheduledMinutes == 485 && days["2026-03-23"]?.scheduledMinutes == 0)
            #expect(days["2026-03-28"]?.unscheduledMinutes == 0 && days["2026-03-28"]?.scheduledMinutes == 240)

            // A different arrival window recomputes everything; back at the first, the rows equal what was kept.
            let keptText = try await f.api.call(.get, query, token: f.managerA.accessToken).text
            for minutes in [61, 60] {
                #expect(try await f.api.call(.put, "/api/schedule/settings", token: f.admin.accessToken,
                                             json: jsonBody(["earlyArrivalMinutes": minutes])).status == .ok)
                #expect(try await f.api.call(.get, query, token: f.managerA.accessToken).status == .ok)
            }
            let rebuilt = try await f.api.call(.get, query, token: f.managerA.accessToken).text
            #expect(rebuilt == keptText)
        }
    }

    @Test("two instances on one PostgreSQL: refreshes while batches write several hours each lose no change and never deadlock",
          .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func concurrentRefresh() async throws {
        let time = MutableTime(t("2026-03-31T12:00:00Z"))
        try await TestApp.twoInstances(poolMaximum: 8, time: time) { clientA, clientB in
            let f = try await IdentityFixture.make(clientA)
            let b = APIClient(clientB)
            _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-24T06:00:00Z", "end": "2026-03-24T18:00:00Z",
                                   "status": "published"])
            let query = "/api/schedule/attendance?from=2026-03-23&to=2026-03-30&teamId=\(f.teamA)"
            #expect(try await b.call(.get, query, token: f.managerA.accessToken).status == .ok)
            // 30 batches, each of three minutes in three different hours of Tuesday (so each write marks three hours),
            // through instance A, while instance B reports and both run the background refresh.
            let statuses = try await withThrowingTaskGroup(of: [UInt].self) { group in
                group.addTask {
                    var codes: [UInt] = []
                    for i in 0..<30 {
                        let events = (0..<3).map { hour in
                            let start = t("2026-03-24T06:00:00Z").addingTimeInterval(Double((hour * 4 + i % 4) * 3600 + (i / 4) * 120))
                            return AttendanceTests.event(RFC3339.format(start), RFC3339.format(start.addingTimeInterval(60)))
                        }
                        codes.append(UInt(try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": events])).status.code))
                    }
                    return codes
                }
                group.addTask {
                    var codes: [UInt] = []
                    for i in 0..<30 {
                        codes.append(UInt(try await b.call(.get, query, token: f.managerA.accessToken).status.code))
                        if i % 3 == 0 { codes.append(UInt(try await f.api.call(.post, "/test/attendance-marks").status.code)) }
                    }
                    return codes
                }
                return try await group.reduce(into: [UInt]()) { $0 += $1 }
            }
            #expect(statuses.allSatisfy { (200..<300).contains($0) }, "\(statuses.filter { !(200..<300).contains($0) })")
            let kept = try await b.decode(Report.self, .get, query, token: f.managerA.accessToken)
            #expect(kept.shifts.first?.activeMinutes == 90)
            let keptText = try await b.call(.get, query, token: f.managerA.accessToken).text
            for minutes in [61, 60] {
                #expect(try await f.api.call(.put, "/api/schedule/settings", token: f.admin.accessToken,
                                             json: jsonBody(["earlyArrivalMinutes": minutes])).status == .ok)
                #expect(try await b.call(.get, query, token: f.managerA.accessToken).status == .ok)
            }
            #expect(try await b.call(.get, query, token: f.managerA.accessToken).text == keptText)
        }
    }
}
