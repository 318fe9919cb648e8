import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

/// A Berlin team's week around the spring change (2026-03-29, 02:00 CET → 03:00 CEST), computed by hand.
@Suite("Attendance from tracked activity", .timeLimit(.minutes(5)))
struct AttendanceTests {
    struct Report: Decodable {
        struct Row: Decodable {
            let shiftId: String; let date: String; let status: String; let statuses: [String]
            let scheduledMinutes: Int; let activeMinutes: Int; let lateMinutes: Int; let earlyLeaveMinutes: Int; let overtimeMinutes: Int
            let firstActivity: Date?; let lastActivity: Date?; let inProgress: Bool
        }
        struct Day: Decodable {
            let date: String; let scheduledMinutes: Int; let trackedMinutes: Int; let differenceMinutes: Int; let unscheduledMinutes: Int
        }
        struct Totals: Decodable { let shifts: Int; let onTime: Int; let late: Int; let absent: Int; let earlyLeave: Int; let overtime: Int }
        let timeZone: String; let shifts: [Row]; let days: [Day]; let totals: Totals
    }

    static func event(_ from: String, _ to: String) -> [String: Any] {
        ["id": UUID().uuidString, "timestamp": from, "duration": t(to).timeIntervalSince(t(from)), "app": "Code", "title": "work"]
    }

    @Test("on time, 12 min late, absent, early leave, overtime, across midnight on the spring-forward night, work away, Saturday work",
          arguments: TestEngine.available)
    func berlinWeek(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-31T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.patch, "/api/teams/\(f.teamA)", token: f.admin.accessToken, json: jsonBody(["timeZone": "Europe/Berlin"]))
            let berlin = try await f.location("Berlin office", zone: "Europe/Berlin")
            func shift(_ start: String, _ end: String, break minutes: Int = 30) async throws -> String {
                try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "locationId": berlin, "start": start, "end": end,
                                   "breakMinutes": minutes]).id
            }
            // Mon–Fri 09:00–17:00 CET = 08:00–16:00Z; the night shift Sat 22:00 CET → Sun 06:00 CEST (7 real hours);
            // Mon 30th 09:00–17:00 CEST = 07:00–15:00Z.
            let ids = [
                try await shift("2026-03-23T08:00:00Z", "2026-03-23T16:00:00Z"),
                try await shift("2026-03-24T08:00:00Z", "2026-03-24T16:00:00Z"),
                try await shift("2026-03-25T08:00:00Z", "2026-03-25T16:00:00Z"),
                try await shift("2026-03-26T08:00:00Z", "2026-03-26T16:00:00Z"),
                try await shift("2026-03-27T08:00:00Z", "2026-03-27T16:00:00Z"),
                try await shift("2026-03-28T21:00:00Z", "2026-03-29T04:00:00Z", break: 0),
                try await shift("2026-03-30T07:00:00Z", "2026-03-30T15:00:00Z"),
            ]
            let night = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(ids[5])", token: f.managerA.accessToken)
            #expect(night.localStart == "2026-03-28T22:00:00+01:00" && night.localEnd == "2026-03-29T06:00:00+02:00")
            try await f.api.call(.post, "/api/schedule/publish", token: f.managerA.accessToken,
                                 json: jsonBody(["teamId": f.teamA, "from": "2026-03-23", "to": "2026-03-30"]))
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                Self.event("2026-03-23T07:55:00Z", "2026-03-23T16:00:00Z"),   // arrives early: on time
                Self.event("2026-03-24T08:12:00Z", "2026-03-24T16:00:00Z"),   // 12 minutes late
                // 25th: nothing (absent)
                Self.event("2026-03-26T08:00:00Z", "2026-03-26T14:30:00Z"),   // leaves 90 minutes early
                Self.event("2026-03-27T08:00:00Z", "2026-03-27T17:20:00Z"),   // 80 minutes overtime
                Self.event("2026-03-28T10:00:00Z", "2026-03-28T12:00:00Z"),   // Saturday, no shift: unscheduled
                Self.event("2026-03-28T20:58:00Z", "2026-03-29T04:00:00Z"),   // the night shift, across the change
                Self.event("2026-03-30T07:00:00Z", "2026-03-30T11:00:00Z"),   // then a client visit (work away) to the end
            ]]))
            let idleID = UUID().uuidString.lowercased()
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": idleID, "start": "2026-03-30T11:00:00Z", "end": "2026-03-30T15:00:00Z", "reason": "afk"]]]))
            try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken, json: jsonBody(["classification": "work_away"]))

            let query = "/api/schedule/attendance?from=2026-03-23&to=2026-03-30&teamId=\(f.teamA)"
            let r = try await f.api.decode(Report.self, .get, query, token: f.managerA.accessToken)
            #expect(r.timeZone == "Europe/Berlin")
            #expect(r.shifts.map(\.shiftId) == ids)
            #expect(r.shifts.map(\.status) == ["on_time", "late", "absent", "early_leave", "overtime", "on_time", "on_time"])
            #expect(r.shifts.map(\.date) == ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-30"])
            #expect(r.shifts.map(\.lateMinutes) == [0, 12, 0, 0, 0, 0, 0])
            #expect(r.shifts.map(\.earlyLeaveMinutes) == [0, 0, 0, 90, 0, 0, 0])
            #expect(r.shifts.map(\.overtimeMinutes) == [0, 0, 0, 0, 80, 0, 0])
            #expect(r.shifts.map(\.scheduledMinutes) == [450, 450, 450, 450, 450, 420, 450])
            #expect(r.shifts.map(\.activeMinutes) == [480, 468, 0, 390, 480, 420, 480])
            #expect(r.shifts[0].firstActivity == t("2026-03-23T07:55:00Z") && r.shifts[4].lastActivity == t("2026-03-27T17:20:00Z"))
            #expect(r.shifts[2].firstActivity == nil && r.shifts.allSatisfy { !$0.inProgress })
            #expect(r.totals.shifts == 7 && r.totals.onTime == 3 && r.totals.late == 1 && r.totals.absent == 1
                    && r.totals.earlyLeave == 1 && r.totals.overtime == 1)

            // Plan vs tracked per local day: the night shift is 120 minutes on Saturday and 300 on Sunday (a 23-hour day).
            let days = Dictionary(uniqueKeysWithValues: r.days.map { ($0.date, $0) })
            let expected: [(String, Int, Int, Int)] = [  // date, scheduled, tracked, unscheduled
                ("2026-03-23", 450, 485, 0), ("2026-03-24", 450, 468, 0), ("2026-03-25", 450, 0, 0), ("2026-03-26", 450, 390, 0),
                ("2026-03-27", 450, 560, 0), ("2026-03-28", 120, 242, 120), ("2026-03-29", 300, 300, 0), ("2026-03-30", 450, 480, 0),
            ]
            #expect(r.days.count == expected.count)
            for (date, scheduled, tracked, unscheduled) in expected {
                let day = days[date]
                #expect(day?.scheduledMinutes == scheduled && day?.trackedMinutes == tracked && day?.unscheduledMinutes == unscheduled
                        && day?.differenceMinutes == tracked - scheduled, "\(date): \(String(describing: day))")
            }

            // A team grace of 15 minutes forgives the 12 minutes.
            #expect(try await f.api.call(.put, "/api/schedule/settings/teams/\(f.teamA)", token: f.managerA.accessToken, json: jsonBody(["graceMinutes": 15])).status == .ok)
            #expect(try await f.api.call(.put, "/api/schedule/settings/teams/\(f.teamA)", token: f.managerB.accessToken, json: jsonBody(["graceMinutes": 15])).status == .forbidden)
            let lenient = try await f.api.decode(Report.self, .get, query, token: f.managerA.accessToken)
            #expect(lenient.shifts[1].status == "on_time")

            // CSV has the same numbers.
            let csv = try await f.api.call(.get, query + "&format=csv", token: f.managerA.accessToken)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(lines.count == 8)
            let header = lines[0]
            if let status = header.firstIndex(of: "status"), let late = header.firstIndex(of: "late_minutes") {
                #expect(lines.dropFirst().map { $0[status] } == lenient.shifts.map(\.status))
                #expect(lines.dropFirst().map { $0[late] } == lenient.shifts.map { String($0.lateMinutes) })
            } else { Issue.record("CSV header \(header)") }
            let dayCSV = try await f.api.call(.get, query + "&format=csv&table=days", token: f.managerA.accessToken)
            #expect(dayCSV.text.split(separator: "\r\n").count == 9)

            // Access: the other team's manager may not; the employee sees their own; reads are in the access log.
            #expect(try await f.api.call(.get, query, token: f.managerB.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, query, token: f.employee.accessToken).status == .forbidden)
            let own = try await f.api.decode(Report.self, .get, "/api/schedule/attendance?from=2026-03-23&to=2026-03-30&employee=\(f.employee.id)",
                                             token: f.employee.accessToken)
            #expect(own.shifts.count == 7)
            #expect(try await f.api.call(.get, "/api/schedule/attendance?from=2026-03-23&to=2026-03-30&employee=\(f.employee.id)",
                                         token: f.managerB.accessToken).status == .forbidden)
            // Without a filter: a manager gets the teams they manage, an employee themselves, manager B nothing of team A.
            #expect(try await f.api.decode(Report.self, .get, "/api/schedule/attendance?from=2026-03-23&to=2026-03-30",
                                           token: f.managerA.accessToken).shifts.count == 7)
            #expect(try await f.api.decode(Report.self, .get, "/api/schedule/attendance?from=2026-03-23&to=2026-03-30",
                                           token: f.employee.accessToken).shifts.count == 7)
            #expect(try await f.api.decode(Report.self, .get, "/api/schedule/attendance?from=2026-03-23&to=2026-03-30",
                                           token: f.managerB.accessToken).shifts.isEmpty)
            #expect(try await f.api.call(.get, "/api/schedule/attendance?from=2026-01-01&to=2026-12-31&teamId=\(f.teamA)", token: f.managerA.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, query + "&format=xls", token: f.managerA.accessToken).status == .badRequest)
            struct Views: Decodable { struct Item: Decodable { let resource: String }; let items: [Item] }
            let log = try await f.api.decode(Views.self, .get, "/api/me/access-log", token: f.employee.accessToken)
            #expect(log.items.contains { $0.resource == "attendance" })
        }
    }
}
