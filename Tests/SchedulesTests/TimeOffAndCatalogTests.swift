import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Time off, locations, skills and profiles", .timeLimit(.minutes(5)))
struct TimeOffAndCatalogTests {
    struct TimeOffBody: Decodable {
        let id: String; let status: String; let from: Date; let to: Date; let allDay: Bool; let firstDay: String?; let lastDay: String?
        let decisionNote: String?; let conflictingShiftIds: [String]?
    }
    struct Items: Decodable { let items: [TimeOffBody] }

    @Test("request, deny with a note, approve, cancel; who may decide; all-day ranges in the person's zone", arguments: TestEngine.available)
    func timeOff(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-01T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            // employee-b's team is in America/New_York: an all-day request covers their local days.
            let allDay = try await f.api.decode(TimeOffBody.self, .post, "/api/schedule/time-off", token: f.otherEmployee.accessToken,
                                                json: jsonBody(["from": "2026-03-09", "to": "2026-03-10", "allDay": true, "kind": "vacation"]), expect: .created)
            #expect(allDay.from == t("2026-03-09T04:00:00Z") && allDay.to == t("2026-03-11T04:00:00Z"), "EDT starts on the 8th")
            #expect(allDay.firstDay == "2026-03-09" && allDay.lastDay == "2026-03-10" && allDay.status == "pending")
            let partial = try await f.api.decode(TimeOffBody.self, .post, "/api/schedule/time-off", token: f.employee.accessToken,
                                                 json: jsonBody(["from": "2026-03-05T13:00:00Z", "to": "2026-03-05T17:00:00Z", "reason": "dentist"]), expect: .created)
            _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-05T08:00:00Z", "end": "2026-03-05T16:00:00Z"])

            #expect(try await f.refusal(.post, "/api/schedule/time-off/\(partial.id)/approve", token: f.managerB.accessToken).0 == .forbidden)
            #expect(try await f.refusal(.post, "/api/schedule/time-off/\(partial.id)/approve", token: f.employee.accessToken).0 == .forbidden)
            #expect(try await f.refusal(.post, "/api/schedule/time-off/\(partial.id)/deny", token: f.managerA.accessToken).1?.code == "invalid_note")
            let approved = try await f.api.decode(TimeOffBody.self, .post, "/api/schedule/time-off/\(partial.id)/approve", token: f.managerA.accessToken)
            #expect(approved.status == "approved" && approved.conflictingShiftIds?.count == 1)
            #expect(try await f.refusal(.post, "/api/schedule/time-off/\(partial.id)/deny", token: f.managerA.accessToken,
                                        json: jsonBody(["note": "no"])).1?.code == "time_off_decided")
            let denied = try await f.api.decode(TimeOffBody.self, .post, "/api/schedule/time-off/\(allDay.id)/deny", token: f.managerB.accessToken,
                                                json: jsonBody(["note": "peak week"]))
            #expect(denied.status == "denied" && denied.decisionNote == "peak week")

            // The employee sees their own requests' status, nobody else's.
            let mine = try await f.api.decode(Items.self, .get, "/api/schedule/time-off", token: f.otherEmployee.accessToken)
            #expect(mine.items.map(\.id) == [allDay.id] && mine.items.first?.status == "denied")
            #expect(try await f.api.call(.get, "/api/schedule/time-off/\(partial.id)", token: f.otherEmployee.accessToken).status == .notFound)
            #expect(try await f.api.call(.get, "/api/schedule/time-off?employee=\(f.employee.id)", token: f.otherEmployee.accessToken).status == .forbidden)
            let team = try await f.api.decode(Items.self, .get, "/api/schedule/time-off?teamId=\(f.teamA)&status=approved", token: f.managerA.accessToken)
            #expect(team.items.map(\.id) == [partial.id])
            #expect(try await f.refusal(.get, "/api/schedule/time-off?status=bogus", token: f.managerA.accessToken).1?.code == "invalid_status")
            #expect(try await f.refusal(.get, "/api/schedule/requests?status=bogus", token: f.managerA.accessToken).1?.code == "invalid_status")
            let cancelled = try await f.api.decode(TimeOffBody.self, .delete, "/api/schedule/time-off/\(partial.id)", token: f.employee.accessToken)
            #expect(cancelled.status == "cancelled")

            // Bad input.
            for (body, code) in [
                (["from": "2026-03-05T13:00:00Z", "to": "2026-03-05T12:00:00Z"], "invalid_to"),
                (["from": "2026-03-05", "to": "2026-03-01", "allDay": true], "invalid_to"),
                (["from": "2026-02-30", "allDay": true], "invalid_from"),
                (["from": "2026-03-05T13:00:00Z"], "invalid_to"),
                (["from": "2026-01-01", "to": "2028-01-01", "allDay": true], "invalid_to"),
            ] as [([String: Any], String)] {
                #expect(try await f.refusal(.post, "/api/schedule/time-off", token: f.employee.accessToken, json: jsonBody(body)).1?.code == code, "\(body)")
            }
            #expect(try await f.refusal(.post, "/api/schedule/time-off", token: f.employee.accessToken,
                                        json: jsonBody(["from": "2026-03-05", "allDay": true, "kind": "holiday"])).0 == .badRequest)
        }
    }

    struct Profile: Decodable {
        struct Skill: Decodable { let id: String; let name: String }
        let skills: [Skill]; let maxHoursPerWeek: Double?; let minRestHours: Double?; let unavailableDates: [String]; let timeZone: String
    }

    @Test("locations and skills: bad input named; profiles: who may set what; availability warns by default", arguments: TestEngine.available)
    func catalog(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-01T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            #expect(try await f.refusal(.post, "/api/schedule/locations", json: jsonBody(["name": "X", "timeZone": "Mars/Olympus"])).1?.code == "invalid_timeZone")
            #expect(try await f.refusal(.post, "/api/schedule/locations", json: jsonBody(["timeZone": "UTC"])).1?.code == "invalid_name")
            #expect(try await f.refusal(.post, "/api/schedule/locations", token: f.managerA.accessToken,
                                        json: jsonBody(["name": "X", "timeZone": "UTC"])).0 == .forbidden)
            let depot = try await f.location("Depot", zone: "Europe/Berlin")
            #expect(try await f.refusal(.post, "/api/schedule/locations", json: jsonBody(["name": "depot", "timeZone": "UTC"])).0 == .conflict)
            #expect(try await f.refusal(.patch, "/api/schedule/locations/\(depot)", json: jsonBody(["timeZone": "Nowhere"])).1?.code == "invalid_timeZone")
            #expect(try await f.refusal(.patch, "/api/schedule/locations/\(UUID().uuidString)", json: jsonBody(["name": "Y"])).0 == .notFound)
            #expect(try await f.api.call(.delete, "/api/schedule/locations/\(depot)", token: f.admin.accessToken).status == .ok)
            let archived = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody([
                "teamId": f.teamA, "locationId": depot, "start": "2026-03-02T08:00:00Z", "end": "2026-03-02T09:00:00Z"]))
            #expect(archived.1?.code == "unknown_location")

            let skill = try await f.skill("First aid")
            #expect(try await f.refusal(.put, "/api/employees/\(f.employee.id)/skills", token: f.managerB.accessToken,
                                        json: jsonBody(["skillIds": [skill]])).0 == .forbidden)
            #expect(try await f.refusal(.put, "/api/employees/\(f.employee.id)/skills", token: f.managerA.accessToken,
                                        json: jsonBody(["skillIds": [UUID().uuidString]])).1?.code == "unknown_skill")
            let withSkill = try await f.api.decode(Profile.self, .put, "/api/employees/\(f.employee.id)/skills", token: f.managerA.accessToken,
                                                   json: jsonBody(["skillIds": [skill]]))
            #expect(withSkill.skills.map(\.name) == ["First aid"])

            // The person sets availability and dates, not limits.
            #expect(try await f.refusal(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.employee.accessToken,
                                        json: jsonBody(["maxHoursPerWeek": 10])).0 == .forbidden)
            let availability: [String: Any] = ["mon": [["from": "08:00", "to": "12:00"]], "tue": [["from": "22:00", "to": "06:00"]]]
            let own = try await f.api.decode(Profile.self, .put, "/api/schedule/people/\(f.employee.id)/profile", token: f.employee.accessToken,
                                             json: jsonBody(["availability": availability, "unavailableDates": ["2026-03-06"]]))
            #expect(own.unavailableDates == ["2026-03-06"] && own.timeZone == "UTC")
            #expect(try await f.refusal(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.employee.accessToken,
                                        json: jsonBody(["availability": ["someday": []]])).1?.code == "invalid_availability")
            #expect(try await f.refusal(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.employee.accessToken,
                                        json: jsonBody(["availability": ["mon": [["from": "25:00", "to": "12:00"]]]])).1?.code == "invalid_availability.mon")
            #expect(try await f.refusal(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.otherEmployee.accessToken,
                                        json: jsonBody(["unavailableDates": []])).0 == .forbidden)
            // Monday 08–12 fits; Monday 13–15 warns (availability warns by default); Tuesday 23:00–Wednesday 05:00 fits the
            // overnight window; an unavailable date warns.
            let fits = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-02T08:00:00Z", "end": "2026-03-02T12:00:00Z"])
            #expect(fits.warnings?.isEmpty ?? true)
            let overnight = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-03T23:00:00Z", "end": "2026-03-04T05:00:00Z"])
            #expect(overnight.warnings?.isEmpty ?? true)
            let outside = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-09T13:00:00Z", "end": "2026-03-09T15:00:00Z"])
            #expect(outside.warnings?.map(\.rule) == ["availability"])
            let unavailable = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-06T08:00:00Z", "end": "2026-03-06T09:00:00Z"])
            #expect(unavailable.warnings?.first?.message.contains("2026-03-06") == true)
        }
    }
}
