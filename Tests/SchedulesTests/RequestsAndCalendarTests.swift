import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Swap and drop requests; the calendar feed", .timeLimit(.minutes(5)))
struct RequestsAndCalendarTests {
    struct RequestBody: Decodable { let id: String; let status: String; let kind: String }
    struct Items: Decodable { let items: [RequestBody] }
    struct Me: Decodable { let id: String }

    @Test("drop and swap with the colleague's acceptance and a manager's approval; a same-time swap is not an overlap",
          arguments: TestEngine.available)
    func swapAndDrop(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-01T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let colleagueToken = try await VisibilityAndClaimTests.employees(f, count: 1)[0]
            let colleague = try await f.api.decode(Me.self, .get, "/api/me", token: colleagueToken).id
            func published(_ person: String, _ start: String, _ end: String) async throws -> String {
                try await f.shift(["teamId": f.teamA, "employeeId": person, "start": start, "end": end, "status": "published"]).id
            }
            let dropMe = try await published(f.employee.id, "2026-03-02T08:00:00Z", "2026-03-02T16:00:00Z")
            let mine = try await published(f.employee.id, "2026-03-04T08:00:00Z", "2026-03-04T16:00:00Z")
            let theirs = try await published(colleague, "2026-03-04T08:00:00Z", "2026-03-04T16:00:00Z")

            // Drop.
            let drop = try await f.api.decode(RequestBody.self, .post, "/api/schedule/requests", token: f.employee.accessToken,
                                              json: jsonBody(["kind": "drop", "shiftId": dropMe, "note": "doctor"]), expect: .created)
            #expect(try await f.refusal(.post, "/api/schedule/requests", token: f.employee.accessToken,
                                        json: jsonBody(["kind": "drop", "shiftId": dropMe])).1?.code == "request_open")
            #expect(try await f.refusal(.post, "/api/schedule/requests", token: colleagueToken,
                                        json: jsonBody(["kind": "drop", "shiftId": dropMe])).0 == .unprocessableContent, "not their shift")
            #expect(try await f.refusal(.post, "/api/schedule/requests/\(drop.id)/approve", token: f.managerB.accessToken).0 == .forbidden)
            #expect(try await f.refusal(.post, "/api/schedule/requests/\(drop.id)/deny", token: f.managerA.accessToken).1?.code == "invalid_note")
            let dropped = try await f.api.decode(RequestBody.self, .post, "/api/schedule/requests/\(drop.id)/approve", token: f.managerA.accessToken)
            #expect(dropped.status == "approved")
            let open = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(dropMe)", token: f.managerA.accessToken)
            #expect(open.employeeId == nil && open.status == "published")

            // Swap of two shifts at the same time: each person leaves the one they take the other's place for.
            let swap = try await f.api.decode(RequestBody.self, .post, "/api/schedule/requests", token: f.employee.accessToken,
                                              json: jsonBody(["kind": "swap", "shiftId": mine, "targetEmployeeId": colleague, "targetShiftId": theirs]),
                                              expect: .created)
            #expect(try await f.refusal(.post, "/api/schedule/requests/\(swap.id)/approve", token: f.managerA.accessToken).1?.code == "request_not_ready")
            #expect(try await f.refusal(.post, "/api/schedule/requests/\(swap.id)/accept", token: f.otherEmployee.accessToken).0 == .notFound)
            #expect(try await f.api.decode(RequestBody.self, .post, "/api/schedule/requests/\(swap.id)/accept", token: colleagueToken).status == "accepted")
            let listed = try await f.api.decode(Items.self, .get, "/api/schedule/requests?status=accepted", token: f.managerA.accessToken)
            #expect(listed.items.map(\.id) == [swap.id])
            #expect(try await f.api.decode(Items.self, .get, "/api/schedule/requests", token: f.managerB.accessToken).items.isEmpty)
            #expect(try await f.api.decode(RequestBody.self, .post, "/api/schedule/requests/\(swap.id)/approve", token: f.managerA.accessToken).status == "approved")
            let a = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(mine)", token: f.managerA.accessToken)
            let b = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(theirs)", token: f.managerA.accessToken)
            #expect(a.employeeId == colleague && b.employeeId == f.employee.id && a.version == 2 && b.version == 2)
            let events = try await f.api.call(.get, "/test/schedule-outbox").text
            #expect(events.contains("shift.dropped \(f.teamA) \(dropMe)") && events.contains("shift.swapped \(f.teamA) \(mine)")
                    && events.contains("shift.swapped \(f.teamA) \(theirs)"))
            // A started shift cannot be given away.
            time.advance(by: 3 * 86_400)
            let later = try await f.login(f.employee)
            #expect(try await f.refusal(.post, "/api/schedule/requests", token: later.accessToken,
                                        json: jsonBody(["kind": "drop", "shiftId": theirs])).1?.code == "invalid_shiftId")
        }
    }

    struct Issued: Decodable { let path: String; let token: String }

    @Test("the .ics feed: RFC 5545 lines, published shifts only, parsed by a real iCalendar parser; rotate and revoke give 404",
          arguments: TestEngine.available)
    func calendarFeed(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-01T12:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let site = try await f.api.decode(IDBody.self, .post, "/api/schedule/locations", token: f.admin.accessToken, json: jsonBody([
                "name": "Lager Süd; Tor 3, Rampe B", "timeZone": "Europe/Berlin", "address": "Hafenstraße 1, 20457 Hamburg"]), expect: .created).id
            let notes = "Bring the key card.\nAsk Jörg for the forklift — " + String(repeating: "ä", count: 60)
            let first = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "locationId": site, "start": "2026-03-02T08:00:00Z",
                                           "end": "2026-03-02T16:00:00Z", "breakMinutes": 30, "notes": notes, "status": "published"])
            _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T16:00:00Z",
                                   "status": "published"])
            _ = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-05T08:00:00Z", "end": "2026-03-05T16:00:00Z"])
            let issued = try await f.api.decode(Issued.self, .post, "/api/me/calendar", token: f.employee.accessToken, expect: .created)
            let feed = try await f.api.call(.get, issued.path)
            #expect(feed.status == .ok && feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = feed.text
            #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
            let lines = text.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2, "the draft is not in the feed")
            #expect(lines.contains("DTSTART:20260302T080000Z") && lines.contains("DTEND:20260302T160000Z"))
            #expect(lines.contains("UID:\(first.id)@productivity-tracker"))

            // A real parser reads it back: summaries, times and the escaped text survive.
            let parsed = try ICalendarParser.parse(text)
            #expect(parsed.count == 2)
            #expect(parsed.first?.summary == "Shift at Lager Süd; Tor 3, Rampe B")
            #expect(parsed.first?.location == "Lager Süd; Tor 3, Rampe B, Hafenstraße 1, 20457 Hamburg")
            #expect(parsed.first?.description == notes + "\nUnpaid break: 30 min")
            #expect(parsed.first?.start == "2026-03-02T08:00:00+00:00" && parsed.last?.start == "2026-03-03T08:00:00+00:00")

            // Rotation retires the old URL; revocation retires the new one; garbage is 404 too.
            let rotated = try await f.api.decode(Issued.self, .post, "/api/me/calendar", token: f.employee.accessToken, expect: .created)
            #expect(try await f.api.call(.get, issued.path).status == .notFound)
            #expect(try await f.api.call(.get, rotated.path).status == .ok)
            #expect(try await f.api.call(.delete, "/api/me/calendar", token: f.employee.accessToken).status == .noContent)
            #expect(try await f.api.call(.get, rotated.path).status == .notFound)
            for bad in ["x.ics", "\(rotated.token)", "ptc_\(String(repeating: "0", count: 32))_abc.ics", String(repeating: "a", count: 500) + ".ics"] {
                #expect(try await f.api.call(.get, "/api/schedule/calendar/\(bad)").status == .notFound, "\(bad.prefix(40))")
            }
            #expect(try await f.api.call(.post, "/api/me/calendar", token: f.deviceToken).status == .forbidden)
        }
    }
}

/// Python's `icalendar` package (a real RFC 5545 parser), from `ICALENDAR_PYTHON` or the test venv scripts/test makes.
enum ICalendarParser {
    struct Event: Decodable { let summary: String; let location: String?; let description: String?; let start: String }

    static var python: String? {
        let candidates = [ProcessInfo.processInfo.environment["ICALENDAR_PYTHON"], ".build-fuzz/venv/bin/python3"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "no Python with the icalendar package: run scripts/test (it installs one) or set ICALENDAR_PYTHON" }
    }

    static func parse(_ text: String) throws -> [Event] {
        guard let python else { throw Unavailable() }
        let script = """
            import sys, json, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            out = []
            for e in cal.walk('VEVENT'):
                out.append({"summary": str(e.get('summary')), "location": str(e.get('location')) if e.get('location') else None,
                            "description": str(e.get('description')) if e.get('description') else None,
                            "start": e.decoded('dtstart').isoformat()})
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "icalendar", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: problem, as: UTF8.self)])
        }
        return try JSONDecoder().decode([Event].self, from: data)
    }
}
