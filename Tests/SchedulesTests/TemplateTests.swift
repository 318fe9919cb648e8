import Foundation
import HummingbirdTesting
@testable import Schedules
import TestSupport
import Testing
import TrackerHTTP

@Suite("Templates, generation across DST, copying a week", .timeLimit(.minutes(5)))
struct TemplateTests {
    @Test("wall clock: the spring gap moves forward, the autumn overlap means the first occurrence", arguments: [
        ("2026-03-29", 150, "2026-03-29T01:30:00Z"),  // 02:30 does not exist in Berlin: 03:30 CEST
        ("2026-03-29", 120, "2026-03-29T01:00:00Z"),  // 02:00 → 03:00 CEST (the transition instant)
        ("2026-03-29", 60, "2026-03-29T00:00:00Z"),   // 01:00 CET
        ("2026-10-25", 150, "2026-10-25T00:30:00Z"),  // 02:30 happens twice: CEST first
        ("2026-10-25", 210, "2026-10-25T02:30:00Z"),  // 03:30 CET
        ("2026-03-28", 1320 + 480, "2026-03-29T04:00:00Z"),  // Saturday 22:00 + 8 h = Sunday 06:00 CEST
    ])
    func wallClock(date: String, minutes: Int, expected: String) throws {
        let clock = WallClock(zone: try #require(TimeZone(identifier: "Europe/Berlin")))
        let local = try #require(WallClock.local(date: date, minutes: minutes))
        #expect(Date(epochMillis: clock.instant(local)) == t(expected))
    }

    struct TemplateBody: Decodable { let id: String; let weekdays: [String] }
    struct Generated: Decodable { let created: Int; let shiftIds: [String]; let existing: Int }
    struct Copied: Decodable {
        struct Open: Decodable { let reason: String }
        let created: Int; let shiftIds: [String]; let leftOpen: [Open]
    }

    @Test("a 22:00–06:00 template lasts 7 real hours on the spring night and 9 on the autumn one; generate is idempotent",
          arguments: TestEngine.available)
    func generateAcrossDST(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-01T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let berlin = try await f.location("Berlin night desk", zone: "Europe/Berlin")
            let night = try await f.api.decode(TemplateBody.self, .post, "/api/schedule/templates", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamA, "name": "Night", "locationId": berlin, "weekdays": ["sat", "fri"], "startTime": "22:00",
                "durationMinutes": 480, "headcount": 2,
            ]), expect: .created)
            #expect(night.weekdays == ["fri", "sat"])
            func generate(_ from: String, _ to: String) async throws -> Generated {
                try await f.api.decode(Generated.self, .post, "/api/schedule/generate", token: f.managerA.accessToken,
                                       json: jsonBody(["templateIds": [night.id], "from": from, "to": to]))
            }
            let spring = try await generate("2026-03-28", "2026-03-28")
            #expect(spring.created == 2 && spring.existing == 0)
            let shift = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(spring.shiftIds[0])", token: f.managerA.accessToken)
            #expect(shift.start == t("2026-03-28T21:00:00Z") && shift.end == t("2026-03-29T04:00:00Z"), "7 real hours")
            #expect(shift.localStart == "2026-03-28T22:00:00+01:00" && shift.localEnd == "2026-03-29T06:00:00+02:00")
            #expect(shift.employeeId == nil && shift.status == "draft")
            let autumn = try await generate("2026-10-24", "2026-10-24")
            let fall = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(autumn.shiftIds[0])", token: f.managerA.accessToken)
            #expect(fall.end.timeIntervalSince(fall.start) == 9 * 3600 && fall.localEnd == "2026-10-25T06:00:00+01:00")
            // Again over a wider range: the existing slots are not doubled; Friday the 27th is new.
            let again = try await generate("2026-03-27", "2026-03-28")
            #expect(again.created == 2 && again.existing == 2)
            // Bad input.
            #expect(try await f.refusal(.post, "/api/schedule/generate", token: f.managerB.accessToken,
                                        json: jsonBody(["templateIds": [night.id], "from": "2026-03-27", "to": "2026-03-28"])).0 == .forbidden)
            #expect(try await f.refusal(.post, "/api/schedule/generate", token: f.managerA.accessToken,
                                        json: jsonBody(["templateIds": [UUID().uuidString], "from": "2026-03-27", "to": "2026-03-28"])).1?.code == "unknown_template")
            #expect(try await f.refusal(.post, "/api/schedule/generate", token: f.managerA.accessToken,
                                        json: jsonBody(["templateIds": [night.id], "from": "2026-03-28", "to": "2026-03-27"])).1?.code == "invalid_to")
            #expect(try await f.refusal(.post, "/api/schedule/generate", token: f.managerA.accessToken,
                                        json: jsonBody(["templateIds": [night.id], "from": "2026-01-01", "to": "2026-12-31"])).1?.code == "invalid_to")
            for (body, code) in [
                (["startTime": "24:00"], "invalid_startTime"), (["durationMinutes": 1440], "invalid_durationMinutes"),
                (["weekdays": ["funday"]], "invalid_weekdays"), (["headcount": 0], "invalid_headcount"), (["breakMinutes": 480], "invalid_breakMinutes"),
            ] as [([String: Any], String)] {
                #expect(try await f.refusal(.patch, "/api/schedule/templates/\(night.id)", token: f.managerA.accessToken, json: jsonBody(body)).1?.code == code)
            }
        }
    }

    @Test("copying a week across the spring change keeps the wall-clock times; people stay where the rules allow", arguments: TestEngine.available)
    func copyWeek(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-01T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.patch, "/api/teams/\(f.teamA)", token: f.admin.accessToken, json: jsonBody(["timeZone": "Europe/Berlin"]))
            _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-23T08:00:00Z", "end": "2026-03-23T16:00:00Z"])
            _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-25T08:00:00Z", "end": "2026-03-25T16:00:00Z"])
            let off = try await f.api.decode(IDBody.self, .post, "/api/schedule/time-off", token: f.employee.accessToken,
                                             json: jsonBody(["from": "2026-04-01", "allDay": true]), expect: .created).id
            try await f.api.call(.post, "/api/schedule/time-off/\(off)/approve", token: f.managerA.accessToken)
            let copied = try await f.api.decode(Copied.self, .post, "/api/schedule/copy-week", token: f.managerA.accessToken,
                                                json: jsonBody(["teamId": f.teamA, "from": "2026-03-23", "to": "2026-03-30", "includeAssignments": true]))
            #expect(copied.created == 2 && copied.leftOpen.count == 1 && copied.leftOpen.first?.reason.contains("time off") == true)
            let view = try await f.api.decode(ViewBody.self, .get, "/api/schedule?from=2026-03-30&to=2026-04-05&teamId=\(f.teamA)", token: f.managerA.accessToken)
            #expect(view.items.map(\.localStart) == ["2026-03-30T09:00:00+02:00", "2026-04-01T09:00:00+02:00"])
            #expect(view.items.map(\.start) == [t("2026-03-30T07:00:00Z"), t("2026-04-01T07:00:00Z")])
            #expect(view.items.map(\.employeeId) == [f.employee.id, nil])
            #expect(try await f.refusal(.post, "/api/schedule/copy-week", token: f.managerB.accessToken,
                                        json: jsonBody(["teamId": f.teamA, "from": "2026-03-23", "to": "2026-03-30"])).0 == .forbidden)
        }
    }
}
