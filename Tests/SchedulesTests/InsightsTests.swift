import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP
@testable import Schedules

/// Scheduling insights on fixtures whose answers are worked out by hand: the weekday × hour profile, staffing
/// against templates and against demand given as data, overtime risk, attendance patterns and suggested starts.
@Suite("Scheduling insights", .timeLimit(.minutes(3)))
struct InsightsTests {
    struct Profile: Decodable { let employeeId: String?; let activeHours: [[Double]]; let productiveShare: [[Double]] }
    struct Gap: Decodable, Equatable { let date: String; let hour: String; let demand: Int; let staffed: Int; let gap: Int }
    struct Staffing: Decodable { let demandSource: String; let underStaffedHours: Int; let overStaffedHours: Int; let matchedHours: Int; let gaps: [Gap] }
    struct Risk: Decodable { let employeeId: String; let week: String; let capHours: Double; let scheduledHours: Double; let trackedHours: Double
        let projectedHours: Double; let share: Double; let over: Bool }
    struct Pattern: Decodable { let employeeId: String; let shifts: Int; let late: Int; let absent: Int; let lateRate: Double
        let chronicLateness: Bool; let chronicAbsence: Bool; let mostLateWeekday: String? }
    struct Start: Decodable, Equatable { let weekday: String; let start: String; let lengthHours: Int; let productiveShare: Double }
    struct Report: Decodable { let team: Profile; let people: [Profile]; let staffing: Staffing; let overtimeRisk: [Risk]; let attendance: [Pattern]
        let suggestedStarts: [Start] }

    @Test("a week of one person's work, shifts and template, computed by hand; CSV; demand as data; who may ask", arguments: TestEngine.available)
    func week(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-05T12:00:00Z"))  // Thursday
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                 json: jsonBody(["field": "app", "match": "exact", "pattern": "Code", "category": "productive"]))
            func event(_ from: String, _ to: String, _ app: String) -> [String: Any] {
                ["id": UUID().uuidString, "timestamp": from, "duration": t(to).timeIntervalSince(t(from)), "app": app, "title": "w"]
            }
            // Monday 09–11 productive, 13–14 uncategorised; Tuesday 09:15–10:00 productive.
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                event("2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z", "Code"), event("2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z", "Slack"),
                event("2026-03-03T09:15:00Z", "2026-03-03T10:00:00Z", "Code"),
            ]]))
            try await f.api.call(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.managerA.accessToken,
                                 json: jsonBody(["maxHoursPerWeek": 10]))
            // Shifts: Monday on time, Tuesday 15 min late, Wednesday absent, Friday 09–15 still to come.
            for (start, end) in [("2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z"), ("2026-03-03T09:00:00Z", "2026-03-03T10:00:00Z"),
                                 ("2026-03-04T09:00:00Z", "2026-03-04T10:00:00Z"), ("2026-03-06T09:00:00Z", "2026-03-06T15:00:00Z")] {
                _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": start, "end": end, "status": "published"])
            }
            // Demand: two people 09:00–11:00 every weekday.
            try await f.api.call(.post, "/api/schedule/templates", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamA, "name": "Mornings", "weekdays": ["mon", "tue", "wed", "thu", "fri"], "startTime": "09:00",
                "durationMinutes": 120, "headcount": 2,
            ] as [String: Any]))
            let path = "/api/schedule/insights?teamId=\(f.teamA)&from=2026-03-02&to=2026-03-06"
            let r = try await f.api.decode(Report.self, .get, path, token: f.managerA.accessToken)

            // Profile (Monday is row 0).
            #expect(r.team.activeHours[0][9] == 1 && r.team.activeHours[0][10] == 1 && r.team.activeHours[0][13] == 1 && r.team.activeHours[1][9] == 0.75)
            #expect(r.team.productiveShare[0][9] == 1 && r.team.productiveShare[0][13] == 0 && r.team.productiveShare[1][9] == 1)
            #expect(r.team.activeHours.flatMap { $0 }.reduce(0, +) == 3.75)
            let mine = try #require(r.people.first { $0.employeeId == f.employee.id })
            #expect(mine.activeHours == r.team.activeHours)

            // Staffing: 10 demanded hours, each short (one person or none); Friday 11–15 staffed beyond demand.
            let under: [Gap] = [("02", "09", 1), ("02", "10", 1), ("03", "09", 1), ("03", "10", 0), ("04", "09", 1), ("04", "10", 0),
                                ("05", "09", 0), ("05", "10", 0), ("06", "09", 1), ("06", "10", 1)].map {
                Gap(date: "2026-03-\($0.0)", hour: "\($0.1):00", demand: 2, staffed: $0.2, gap: $0.2 - 2)
            }
            let over = ["11", "12", "13", "14"].map { Gap(date: "2026-03-06", hour: "\($0):00", demand: 0, staffed: 1, gap: 1) }
            #expect(r.staffing.demandSource == "templates" && r.staffing.underStaffedHours == 10 && r.staffing.overStaffedHours == 4
                    && r.staffing.matchedHours == 0)
            #expect(r.staffing.gaps == under + over)

            // Overtime risk: 3.75 h tracked + 6 h still to come = 9.75 h of a 10 h cap.
            #expect(r.overtimeRisk.count == 1)
            let risk = try #require(r.overtimeRisk.first)
            #expect(risk.employeeId == f.employee.id && risk.week == "2026-03-02" && risk.capHours == 10 && risk.scheduledHours == 10
                    && risk.trackedHours == 3.75 && risk.projectedHours == 9.75 && risk.share == 0.975 && !risk.over)

            // Attendance: of three past shifts one late, one absent — not yet chronic.
            let pattern = try #require(r.attendance.first { $0.employeeId == f.employee.id })
            #expect(pattern.shifts == 3 && pattern.late == 1 && pattern.absent == 1 && pattern.lateRate == 0.333 && pattern.mostLateWeekday == "tue"
                    && !pattern.chronicLateness && !pattern.chronicAbsence)

            // Suggested starts for the median shift length (2 h): Monday 09:00 holds all its productive time, Tuesday too.
            #expect(r.suggestedStarts == [Start(weekday: "mon", start: "09:00", lengthHours: 2, productiveShare: 1),
                                          Start(weekday: "tue", start: "09:00", lengthHours: 2, productiveShare: 1)])

            // CSV: one row per gap; the profile as 168 rows per subject.
            let csv = try await f.api.call(.get, path + "&format=csv&table=staffing", token: f.managerA.accessToken).text
            #expect(csv.split(whereSeparator: \.isNewline).count == 1 + 14 && csv.hasPrefix("date,hour,location_id,skill_id,demand,staffed,gap"))
            #expect(csv.contains("2026-03-03,10:00,,,2,0,-2"))
            let profiles = try await f.api.call(.get, path + "&format=csv&table=profiles", token: f.managerA.accessToken).text
            #expect(profiles.split(whereSeparator: \.isNewline).count == 1 + 168 * (1 + r.people.count))

            // Demand as data: one person Thursday 09–10; every staffed hour of the week is then beyond demand.
            let given = try await f.api.decode(Report.self, .post, path, token: f.managerA.accessToken,
                                               json: jsonBody(["demand": [["weekdays": ["thu"], "from": "09:00", "to": "10:00", "headcount": 1]]]))
            #expect(given.staffing.demandSource == "request" && given.staffing.underStaffedHours == 1 && given.staffing.overStaffedHours == 10)

            // Who may ask, and bad input by field.
            #expect(try await f.refusal(.get, path, token: f.employee.accessToken).0 == .forbidden)
            #expect(try await f.refusal(.get, path, token: f.managerB.accessToken).0 == .forbidden)
            #expect(try await f.refusal(.get, "/api/schedule/insights?from=2026-03-02&to=2026-03-06", token: f.admin.accessToken).1?.code == "invalid_teamId")
            #expect(try await f.refusal(.get, path + "&table=nope", token: f.admin.accessToken).1?.code == "invalid_table")
            #expect(try await f.refusal(.get, "/api/schedule/insights?teamId=\(f.teamA)&from=2026-01-01&to=2026-06-01", token: f.admin.accessToken).1?.code == "invalid_to")
            #expect(try await f.refusal(.post, path, token: f.admin.accessToken,
                                        json: jsonBody(["demand": [["from": "09:00", "to": "10:00", "headcount": 0]]])).1?.code == "invalid_demand[0].headcount")
            #expect(try await f.refusal(.post, path, token: f.admin.accessToken,
                                        json: jsonBody(["demand": [["from": "9am", "to": "10:00", "headcount": 1]]])).1?.code == "invalid_demand[0].from")
        }
    }

    @Test("the arithmetic on its own: staffing across midnight, chronic lateness, ties in suggested starts")
    func math() throws {
        let zone = TimeZone(identifier: "UTC")!
        let period = try LocalPeriod.make(kind: .custom, anchor: "2026-03-02", through: "2026-03-03", timeZone: zone)
        // A night rule Monday 22:00–02:00 (one person) against one shift Monday 23:00–Tuesday 01:00.
        let rule = InsightsMath.DemandRule(locationId: nil, skillId: nil, weekdays: [0], startMinute: 22 * 60, durationMinutes: 240, headcount: 1)
        let shift = InsightsMath.Staffed(locationId: nil, skillId: nil, start: t("2026-03-02T23:00:00Z").epochMillis, end: t("2026-03-03T01:00:00Z").epochMillis)
        let s = InsightsMath.staffing(days: period.days, rules: [rule], shifts: [shift], zone: zone, source: "request")
        #expect(s.gaps.map { "\($0.date) \($0.hour) \($0.gap)" } == ["2026-03-02 22:00 -1", "2026-03-03 01:00 -1"])
        #expect(s.underStaffedHours == 2 && s.matchedHours == 2 && s.overStaffedHours == 0)

        let late = InsightsMath.pattern(employeeId: "e", shifts: [(0, true, 10, false), (0, true, 20, false), (2, true, 30, false), (3, false, 0, false)])
        #expect(late.chronicLateness && !late.chronicAbsence && late.lateRate == 0.75 && late.averageLateMinutes == 20 && late.mostLateWeekday == "mon")
        let absent = InsightsMath.pattern(employeeId: "e", shifts: [(0, false, 0, true), (1, false, 0, true), (2, false, 0, false)])
        #expect(absent.chronicAbsence && !absent.chronicLateness && absent.mostLateWeekday == nil)

        var productive = [Double](repeating: 0, count: 168)
        for h in 9...16 { productive[h] = 1 }   // Monday 09–17
        productive[20] = 2
        productive[24 + 14] = 1                 // Tuesday 14:00 alone
        #expect(InsightsMath.suggestedStarts(productive: productive, length: 8) == [
            .init(weekday: "mon", start: "09:00", lengthHours: 8, productiveShare: 0.8),
            .init(weekday: "tue", start: "14:00", lengthHours: 8, productiveShare: 1),
        ])
    }
}
