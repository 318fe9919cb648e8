import Foundation
import HTTPTypes
import Synchronization
import TestSupport
import TrackerHTTP

/// The schedule area's endpoints in the access matrix (statuses: admin, managerA, managerB, employee, otherEmployee).
extension AccessMatrixTests {
    static let week = "from=2027-03-01&to=2027-03-07"

    /// A fresh open shift of team A on a day of its own in 2028 — after every shift `freshRequest` gives the employee
    /// (2027), so claiming it never overlaps or crowds one of theirs — as the admin.
    static func freshShift(_ f: IdentityFixture, published: Bool = false) async throws -> String {
        let day = nextDay.withLock { value in value += 1; return value }
        let start = Date(timeIntervalSince1970: 1_830_326_400 + Double(day) * 86_400)  // 2028-01-01T08:00Z + n days
        return try await f.api.decode(Created.self, .post, "/api/schedule/shifts", token: f.admin.accessToken, json: jsonBody([
            "teamId": f.teamA, "start": RFC3339.format(start), "end": RFC3339.format(start.addingTimeInterval(3600)),
            "status": published ? "published" : "draft",
        ]), expect: .created).id
    }

    static func freshLocation(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/schedule/locations", token: f.admin.accessToken,
                               json: jsonBody(["name": "Site \(UUID().uuidString.prefix(8))", "timeZone": "UTC"]), expect: .created).id
    }

    static func freshTimeOff(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/schedule/time-off", token: f.employee.accessToken,
                               json: jsonBody(["from": "2027-05-03", "allDay": true]), expect: .created).id
    }

    static func freshTemplate(_ f: IdentityFixture) async throws -> String {
        try await f.api.decode(Created.self, .post, "/api/schedule/templates", token: f.admin.accessToken, json: jsonBody([
            "teamId": f.teamA, "name": "Early", "weekdays": ["mon"], "startTime": "06:00", "durationMinutes": 480,
        ]), expect: .created).id
    }

    /// Distinct days for the employee's shifts, so the rules (rest, overlap) never refuse one of them.
    static let nextDay = Mutex(0)

    /// A published shift of `employee` on a day of its own in 2027, and a request about it: a drop, or a swap offered to
    /// manager A (who is in team A too).
    static func freshRequest(_ f: IdentityFixture, swap: Bool) async throws -> String {
        let day = nextDay.withLock { value in value += 1; return value }
        let start = Date(timeIntervalSince1970: 1_811_836_800 + Double(day) * 86_400)  // 2027-06-01T08:00Z + n days
        let shift = try await f.api.decode(Created.self, .post, "/api/schedule/shifts", token: f.admin.accessToken, json: jsonBody([
            "teamId": f.teamA, "employeeId": f.employee.id, "start": RFC3339.format(start), "end": RFC3339.format(start.addingTimeInterval(8 * 3600)),
            "status": "published",
        ]), expect: .created).id
        var body: [String: Any] = ["kind": swap ? "swap" : "drop", "shiftId": shift]
        if swap { body["targetEmployeeId"] = f.managerA.id }
        return try await f.api.decode(Created.self, .post, "/api/schedule/requests", token: f.employee.accessToken, json: jsonBody(body),
                                      expect: .created).id
    }

    static let requestEndpoints: [Endpoint] = [
        Endpoint(name: "GET /api/schedule/requests", method: .get, path: { _ in "/api/schedule/requests" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/schedule/requests/{swap to managerA}/accept", method: .post,
                 path: { f in "/api/schedule/requests/\(try await freshRequest(f, swap: true))/accept" }, body: nil,
                 expected: expect(404, 200, 404, 404, 404)),
        Endpoint(name: "POST /api/schedule/requests/{swap to managerA}/decline", method: .post,
                 path: { f in "/api/schedule/requests/\(try await freshRequest(f, swap: true))/decline" }, body: nil,
                 expected: expect(404, 200, 404, 404, 404)),
        Endpoint(name: "POST /api/schedule/requests/{drop}/approve", method: .post,
                 path: { f in "/api/schedule/requests/\(try await freshRequest(f, swap: false))/approve" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "POST /api/schedule/requests/{drop}/deny", method: .post,
                 path: { f in "/api/schedule/requests/\(try await freshRequest(f, swap: false))/deny" }, body: { _ in jsonBody(["note": "no"]) },
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "DELETE /api/schedule/requests/{employee's}", method: .delete,
                 path: { f in "/api/schedule/requests/\(try await freshRequest(f, swap: false))" }, body: nil,
                 expected: expect(404, 404, 404, 200, 404)),
        Endpoint(name: "POST /api/me/calendar", method: .post, path: { _ in "/api/me/calendar" }, body: nil, expected: anyUser(201)),
        Endpoint(name: "DELETE /api/me/calendar", method: .delete, path: { _ in "/api/me/calendar" }, body: nil, expected: anyUser(204)),
        // The token is the only credential: a wrong one is 404 whoever asks.
        Endpoint(name: "GET /api/schedule/calendar/{unknown}.ics", method: .get, path: { _ in "/api/schedule/calendar/ptc_x_y.ics" }, body: nil,
                 expected: expect(404, 404, 404, 404, 404, device: 404, anonymous: 404)),
    ]

    static let scheduleEndpoints: [Endpoint] = templateEndpoints + requestEndpoints + [
        Endpoint(name: "GET /api/schedule", method: .get, path: { _ in "/api/schedule?\(week)" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "GET /api/schedule?teamId={A}", method: .get, path: { f in "/api/schedule?\(week)&teamId=\(f.teamA)" }, body: nil,
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/shifts", method: .get, path: { _ in "/api/schedule/shifts?\(week)" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "GET /api/me/schedule", method: .get, path: { _ in "/api/me/schedule?\(week)" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/schedule/shifts", method: .post, path: { _ in "/api/schedule/shifts" },
                 body: { f in jsonBody(["teamId": f.teamA, "start": "2027-02-01T08:00:00Z", "end": "2027-02-01T16:00:00Z"]) },
                 expected: expect(201, 201, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/shifts/{draft of A}", method: .get, path: { f in "/api/schedule/shifts/\(try await freshShift(f))" },
                 body: nil, expected: expect(200, 200, 404, 404, 404)),
        Endpoint(name: "PATCH /api/schedule/shifts/{fresh}", method: .patch, path: { f in "/api/schedule/shifts/\(try await freshShift(f))" },
                 body: { _ in jsonBody(["version": 1, "notes": "x"]) }, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "DELETE /api/schedule/shifts/{fresh}", method: .delete, path: { f in "/api/schedule/shifts/\(try await freshShift(f))" },
                 body: nil, expected: expect(204, 204, 403, 403, 403)),
        // Only members of the shift's team may claim it (the admin is in no team).
        Endpoint(name: "POST /api/schedule/shifts/{open of A}/claim", method: .post,
                 path: { f in "/api/schedule/shifts/\(try await freshShift(f, published: true))/claim" }, body: nil,
                 expected: expect(404, 200, 404, 200, 404)),
        Endpoint(name: "POST /api/schedule/publish", method: .post, path: { _ in "/api/schedule/publish" },
                 body: { f in jsonBody(["teamId": f.teamA, "from": "2027-03-01", "to": "2027-03-07"]) }, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/locations", method: .get, path: { _ in "/api/schedule/locations" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/schedule/locations", method: .post, path: { _ in "/api/schedule/locations" },
                 body: { _ in jsonBody(["name": "Site \(UUID().uuidString.prefix(8))", "timeZone": "Europe/Berlin"]) }, expected: adminOnly(201)),
        Endpoint(name: "PATCH /api/schedule/locations/{fresh}", method: .patch, path: { f in "/api/schedule/locations/\(try await freshLocation(f))" },
                 body: { _ in jsonBody(["address": "1 Main St"]) }, expected: adminOnly(200)),
        Endpoint(name: "DELETE /api/schedule/locations/{fresh}", method: .delete, path: { f in "/api/schedule/locations/\(try await freshLocation(f))" },
                 body: nil, expected: adminOnly(200)),
        Endpoint(name: "GET /api/schedule/skills", method: .get, path: { _ in "/api/schedule/skills" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/schedule/skills", method: .post, path: { _ in "/api/schedule/skills" },
                 body: { _ in jsonBody(["name": "Skill \(UUID().uuidString.prefix(8))"]) }, expected: expect(201, 201, 201, 403, 403)),
        Endpoint(name: "PUT /api/employees/{employee}/skills", method: .put, path: { f in "/api/employees/\(f.employee.id)/skills" },
                 body: { _ in jsonBody(["skillIds": [String]()]) }, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/people/{employee}/profile", method: .get, path: { f in "/api/schedule/people/\(f.employee.id)/profile" },
                 body: nil, expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "PUT /api/schedule/people/{employee}/profile", method: .put, path: { f in "/api/schedule/people/\(f.employee.id)/profile" },
                 body: { _ in jsonBody(["unavailableDates": [String]()]) }, expected: expect(200, 200, 403, 200, 403)),
        Endpoint(name: "GET /api/schedule/settings", method: .get, path: { _ in "/api/schedule/settings" }, body: nil,
                 expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "PUT /api/schedule/settings", method: .put, path: { _ in "/api/schedule/settings" },
                 body: { _ in jsonBody(["graceMinutes": 5]) }, expected: adminOnly(200)),
        Endpoint(name: "PUT /api/schedule/settings/teams/{A}", method: .put, path: { f in "/api/schedule/settings/teams/\(f.teamA)" },
                 body: { _ in jsonBody(["graceMinutes": 5]) }, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/time-off", method: .get, path: { _ in "/api/schedule/time-off" }, body: nil, expected: anyUser(200)),
        Endpoint(name: "POST /api/schedule/time-off", method: .post, path: { _ in "/api/schedule/time-off" },
                 body: { _ in jsonBody(["from": "2027-04-05", "allDay": true]) }, expected: anyUser(201)),
        Endpoint(name: "GET /api/schedule/time-off/{employee's}", method: .get, path: { f in "/api/schedule/time-off/\(try await freshTimeOff(f))" },
                 body: nil, expected: expect(200, 200, 404, 200, 404)),
        Endpoint(name: "DELETE /api/schedule/time-off/{employee's}", method: .delete, path: { f in "/api/schedule/time-off/\(try await freshTimeOff(f))" },
                 body: nil, expected: expect(404, 404, 404, 200, 404)),
        Endpoint(name: "POST /api/schedule/time-off/{employee's}/approve", method: .post,
                 path: { f in "/api/schedule/time-off/\(try await freshTimeOff(f))/approve" }, body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "POST /api/schedule/time-off/{employee's}/deny", method: .post,
                 path: { f in "/api/schedule/time-off/\(try await freshTimeOff(f))/deny" }, body: { _ in jsonBody(["note": "no"]) },
                 expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/attendance?teamId={A}", method: .get, path: { f in "/api/schedule/attendance?\(week)&teamId=\(f.teamA)" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "GET /api/schedule/attendance?employee={employee}", method: .get,
                 path: { f in "/api/schedule/attendance?\(week)&employee=\(f.employee.id)" }, body: nil, expected: expect(200, 200, 403, 200, 403)),
    ]

    static let templateEndpoints: [Endpoint] = [
        Endpoint(name: "GET /api/schedule/templates", method: .get, path: { _ in "/api/schedule/templates" }, body: nil,
                 expected: expect(200, 200, 200, 403, 403)),
        Endpoint(name: "POST /api/schedule/templates", method: .post, path: { _ in "/api/schedule/templates" },
                 body: { f in jsonBody(["teamId": f.teamA, "name": "Late", "weekdays": ["tue"], "startTime": "14:00", "durationMinutes": 480]) },
                 expected: expect(201, 201, 403, 403, 403)),
        Endpoint(name: "PATCH /api/schedule/templates/{fresh}", method: .patch, path: { f in "/api/schedule/templates/\(try await freshTemplate(f))" },
                 body: { _ in jsonBody(["headcount": 2]) }, expected: expect(200, 200, 403, 403, 403)),
        Endpoint(name: "DELETE /api/schedule/templates/{fresh}", method: .delete, path: { f in "/api/schedule/templates/\(try await freshTemplate(f))" },
                 body: nil, expected: expect(200, 200, 403, 403, 403)),
        // An unknown template: planners learn it does not exist, employees may not ask (a team B manager asking for a
        // team A template is refused in TemplateTests).
        Endpoint(name: "POST /api/schedule/generate", method: .post, path: { _ in "/api/schedule/generate" },
                 body: { _ in jsonBody(["templateIds": [UUID().uuidString], "from": "2027-03-01", "to": "2027-03-07"]) },
                 expected: expect(422, 422, 422, 403, 403)),
        Endpoint(name: "POST /api/schedule/copy-week", method: .post, path: { _ in "/api/schedule/copy-week" },
                 body: { f in jsonBody(["teamId": f.teamA, "from": "2027-03-01", "to": "2027-03-08"]) }, expected: expect(200, 200, 403, 403, 403)),
    ]
}
