import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Shifts: conflict rules, warning mode, optimistic concurrency", .timeLimit(.minutes(5)))
struct ShiftRulesAPITests {
    static let now = t("2026-03-01T12:00:00Z")

    @Test("each rule refuses with its name; overlap is 409 naming the shift; nothing is half-written", arguments: TestEngine.available)
    func refusals(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let forklift = try await f.skill("Forklift")
            let base: [String: Any] = ["teamId": f.teamA, "employeeId": f.employee.id]
            let first = try await f.shift(base.merging(["start": "2026-03-02T08:00:00Z", "end": "2026-03-02T16:00:00Z"]) { $1 })

            // Overlap: always refused, naming the other shift.
            var (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging(["start": "2026-03-02T15:00:00Z", "end": "2026-03-02T20:00:00Z"]) { $1 }))
            #expect(status == .conflict && error?.code == "shift_overlap" && error?.message.contains(first.id) == true)

            // Missing skill.
            (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging([
                "start": "2026-03-04T08:00:00Z", "end": "2026-03-04T16:00:00Z", "skillId": forklift]) { $1 }))
            #expect(status == .unprocessableContent && error?.code == "rule_skill" && error?.message.hasPrefix("skillId:") == true)
            try await f.api.call(.put, "/api/employees/\(f.employee.id)/skills", token: f.managerA.accessToken, json: jsonBody(["skillIds": [forklift]]))
            _ = try await f.shift(base.merging(["start": "2026-03-04T08:00:00Z", "end": "2026-03-04T16:00:00Z", "skillId": forklift]) { $1 })

            // Minimum rest (organisation default 10 h): 16:00 → 01:00 next day is 9 h.
            (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging(["start": "2026-03-03T01:00:00Z", "end": "2026-03-03T05:00:00Z"]) { $1 }))
            #expect(status == .unprocessableContent && error?.code == "rule_min_rest" && error?.message.contains("9 h") == true)

            // Approved time off.
            let off = try await f.api.decode(IDBody.self, .post, "/api/schedule/time-off", token: f.employee.accessToken,
                                             json: jsonBody(["from": "2026-03-06", "to": "2026-03-06", "allDay": true, "kind": "vacation"]), expect: .created).id
            _ = try await f.shift(base.merging(["start": "2026-03-06T08:00:00Z", "end": "2026-03-06T12:00:00Z"]) { $1 }) // pending: allowed
            try await f.api.call(.post, "/api/schedule/time-off/\(off)/approve", token: f.managerA.accessToken, json: jsonBody(["note": "ok"]))
            (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging(["start": "2026-03-06T13:00:00Z", "end": "2026-03-06T15:00:00Z"]) { $1 }))
            #expect(status == .unprocessableContent && error?.code == "rule_time_off")

            // Weekly caps (ISO week of 2026-03-02 in UTC): already 8 h + 8 h + 4 h = 20 h and 3 shifts.
            try await f.api.call(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.managerA.accessToken,
                                 json: jsonBody(["maxHoursPerWeek": 24, "maxShiftsPerWeek": 5]))
            (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging(["start": "2026-03-07T08:00:00Z", "end": "2026-03-07T13:00:00Z"]) { $1 }))
            #expect(status == .unprocessableContent && error?.code == "rule_max_hours_per_week" && error?.message.contains("25 h") == true)
            try await f.api.call(.put, "/api/schedule/people/\(f.employee.id)/profile", token: f.managerA.accessToken,
                                 json: jsonBody(["maxHoursPerWeek": NSNull(), "maxShiftsPerWeek": 3]))
            (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging(["start": "2026-03-07T08:00:00Z", "end": "2026-03-07T09:00:00Z"]) { $1 }))
            #expect(status == .unprocessableContent && error?.code == "rule_max_shifts_per_week")
            // The next week is another week.
            _ = try await f.shift(base.merging(["start": "2026-03-09T08:00:00Z", "end": "2026-03-09T09:00:00Z"]) { $1 })

            // Bad input: each a 4xx naming the field, nothing written.
            let before = try await f.count("/api/schedule?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z")
            let cases: [([String: Any], Int, String)] = [
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-10T08:00:00Z"], 400, "invalid_end"),
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-11T08:00:01Z"], 400, "invalid_end"),
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z", "breakMinutes": 61], 400, "invalid_breakMinutes"),
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z", "locationId": UUID().uuidString], 422, "unknown_location"),
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z", "skillId": UUID().uuidString], 422, "unknown_skill"),
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z", "employeeId": UUID().uuidString], 422, "unknown_employee"),
                (["start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z", "teamId": "not-a-uuid"], 400, "invalid_teamId"),
                (["start": "0001-01-01T00:00:00Z", "end": "2026-03-10T09:00:00Z"], 400, "invalid_request"),
            ]
            for (fields, code, errorCode) in cases {
                let (status, error) = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody(base.merging(fields) { $1 }))
                #expect(Int(status.code) == code, "\(fields)")
                if errorCode != "invalid_request" { #expect(error?.code == errorCode, "\(fields): \(String(describing: error))") }
            }
            let unknownTeam = try await f.refusal(.post, "/api/schedule/shifts", json: jsonBody([
                "teamId": UUID().uuidString, "start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z"]))
            #expect(unknownTeam.0 == .unprocessableContent && unknownTeam.1?.code == "unknown_team")
            #expect(try await f.count("/api/schedule?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z") == before)
            // Managers plan their own teams only.
            let foreign = try await f.refusal(.post, "/api/schedule/shifts", token: f.managerB.accessToken,
                                              json: jsonBody(base.merging(["start": "2026-03-12T08:00:00Z", "end": "2026-03-12T09:00:00Z"]) { $1 }))
            #expect(foreign.0 == .forbidden)
            #expect(try await f.refusal(.post, "/api/schedule/shifts", token: f.employee.accessToken,
                                        json: jsonBody(base.merging(["start": "2026-03-12T08:00:00Z", "end": "2026-03-12T09:00:00Z"]) { $1 })).0 == .forbidden)
        }
    }

    @Test("warning mode saves and warns; a stale version gets 409 naming the current one", arguments: TestEngine.available)
    func warningsAndVersions(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let base: [String: Any] = ["teamId": f.teamA, "employeeId": f.employee.id]
            _ = try await f.shift(base.merging(["start": "2026-03-02T08:00:00Z", "end": "2026-03-02T16:00:00Z"]) { $1 })
            let badSetting = try await f.refusal(.put, "/api/schedule/settings", json: jsonBody(["rules": ["minrest": "warn"]]))
            #expect(badSetting.0 == .badRequest && badSetting.1?.code == "invalid_rules.minrest")
            #expect(try await f.refusal(.put, "/api/schedule/settings", token: f.managerA.accessToken, json: jsonBody(["rules": ["minRest": "warn"]])).0 == .forbidden)
            try await f.api.call(.put, "/api/schedule/settings", token: f.admin.accessToken, json: jsonBody(["rules": ["minRest": "warn"]]))
            let warned = try await f.shift(base.merging(["start": "2026-03-03T01:00:00Z", "end": "2026-03-03T05:00:00Z", "status": "published"]) { $1 })
            #expect(warned.warnings?.map(\.rule) == ["minRest"])
            #expect(warned.version == 1 && warned.status == "published")

            // Optimistic concurrency.
            let moved = try await f.api.decode(ShiftBody.self, .patch, "/api/schedule/shifts/\(warned.id)", token: f.managerA.accessToken,
                                               json: jsonBody(["version": 1, "start": "2026-03-03T02:00:00Z"]))
            #expect(moved.version == 2 && moved.start == t("2026-03-03T02:00:00Z") && moved.end == t("2026-03-03T05:00:00Z"))
            let stale = try await f.refusal(.patch, "/api/schedule/shifts/\(warned.id)", token: f.managerA.accessToken,
                                            json: jsonBody(["version": 1, "notes": "bring keys"]))
            #expect(stale.0 == .conflict && stale.1?.code == "stale_version" && stale.1?.message.contains("version 2") == true)
            #expect(try await f.refusal(.patch, "/api/schedule/shifts/\(warned.id)", token: f.managerA.accessToken, json: jsonBody(["notes": "x"])).1?.code == "invalid_version")
            #expect(try await f.refusal(.delete, "/api/schedule/shifts/\(warned.id)?version=1", token: f.managerA.accessToken).0 == .conflict)
            // Unassign (open shift), then delete at the right version.
            let open = try await f.api.decode(ShiftBody.self, .patch, "/api/schedule/shifts/\(warned.id)", token: f.managerA.accessToken,
                                              json: jsonBody(["version": 2, "employeeId": NSNull()]))
            #expect(open.employeeId == nil && open.version == 3)
            #expect(try await f.api.call(.delete, "/api/schedule/shifts/\(warned.id)?version=3", token: f.managerA.accessToken).status == .noContent)
            #expect(try await f.api.call(.get, "/api/schedule/shifts/\(warned.id)", token: f.managerA.accessToken).status == .notFound)
        }
    }
}
