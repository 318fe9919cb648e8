import Foundation
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// The privacy export (everything about a person, nobody else's) and erasure (nothing of the person left but the
/// audit entry), on both engines.
@Suite("Privacy: export and erasure", .timeLimit(.minutes(3)))
struct PrivacyTests {
    static let day = "2026-11-30"

    /// The files of a ZIP as text, read by Python's zipfile (an independent reader; `testzip` checks every CRC).
    static func unzip(_ bytes: [UInt8]) throws -> [String: String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).zip")
        try Data(bytes).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))
            """, path.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python's zipfile could not read the export")
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    static func events(_ app: String, _ title: String, at hour: Date) -> String {
        jsonBody(["events": (0..<3).map { i in
            ["id": UUID().uuidString, "timestamp": RFC3339.format(hour.addingTimeInterval(Double(i) * 600)), "duration": 600, "app": app, "title": title]
        }])
    }

    @Test("the export holds exactly the person's data; erasure leaves nothing of them but the audit entry", arguments: TestEngine.available)
    func exportAndErase(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let hour = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 - 3 * 3600)
            // The employee's activity, an idle note, a flag, a shift and time off; a colleague's activity beside it.
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Self.events("Editor", "mine-secret-title", at: hour))
            let otherDevice = try await f.enrolDevice(for: f.otherEmployee)
            try await f.api.call(.post, "/api/activities", token: otherDevice, json: Self.events("Browser", "colleague-title", at: hour))
            let idleID = UUID().uuidString.lowercased()
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [[
                "id": idleID, "start": RFC3339.format(hour.addingTimeInterval(1800)), "end": RFC3339.format(hour.addingTimeInterval(2100)), "reason": "afk"]]]))
            #expect(try await f.api.call(.patch, "/api/idle/\(idleID)", token: f.employee.accessToken,
                                         json: jsonBody(["classification": "break", "note": "private-idle-note"])).status == .ok)
            try await f.api.call(.post, "/test/flags?employeeId=\(f.employee.id)&teamId=\(f.teamA)")
            #expect(try await f.api.call(.post, "/api/schedule/shifts", token: f.admin.accessToken, json: jsonBody([
                "teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-24T06:00:00Z", "end": "2026-03-24T14:00:00Z", "status": "published",
            ])).status == .created)
            #expect(try await f.api.call(.post, "/api/schedule/time-off", token: f.employee.accessToken,
                                         json: jsonBody(["from": "2026-03-06", "to": "2026-03-06", "allDay": true, "kind": "vacation"])).status == .created)
            // Manager A looks at the employee's data: the export's "who looked" shows it.
            #expect(try await f.api.call(.get, "/api/employees/\(f.employee.id)", token: f.managerA.accessToken).status == .ok)

            // The export: a device may not ask; the person gets a ZIP of their own data and nobody else's.
            #expect(try await f.api.call(.get, "/api/me/export", token: f.deviceToken).status.code >= 400)
            let response = try await f.api.call(.get, "/api/me/export", token: f.employee.accessToken)
            #expect(response.status == .ok && response.headers[.contentType] == "application/zip")
            let files = try Self.unzip(Array(buffer: response.body))
            let all = files.values.joined(separator: "\n")
            #expect(files.keys.contains("README.txt") && files["activity/events.csv"]?.contains("mine-secret-title") == true)
            #expect(files["activity/events.csv"]?.split(separator: "\r\n").count == 4, "a header and the three events")
            #expect(files["profile/profile.json"]?.contains(f.employee.email) == true)
            #expect(files["activity/idle_periods.json"]?.contains("private-idle-note") == true)
            #expect(files["flags/flags.json"]?.contains("low_activity") == true)
            #expect(files["schedule/shifts.json"]?.contains(f.teamA) == true && files["schedule/time_off.json"]?.contains("vacation") == true)
            #expect(files["profile/who_looked_at_my_data.json"]?.contains(f.managerA.id) == true)
            #expect(!all.contains(f.otherEmployee.id) && !all.contains("colleague-title") && !all.contains(f.otherEmployee.email),
                    "nothing of a colleague in the export")
            #expect(!all.contains("secret_hash") && !all.contains("password_hash"), "no secrets in the export")

            // An administrator may export someone's data; that read appears in the person's own access log.
            #expect(try await f.api.call(.get, "/api/system/employees/\(f.employee.id)/export", token: f.managerA.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/system/employees/\(f.employee.id)/export", token: f.admin.accessToken).status == .ok)
            #expect(try await f.api.call(.get, "/api/me/access-log", token: f.employee.accessToken).text.contains("privacy.export"))

            // Erasure: administrators only, the email typed out, never oneself.
            let erase = ["employeeId": f.employee.id, "confirm": f.employee.email.uppercased(), "reason": "left the company, asked for erasure"]
            #expect(try await f.api.call(.post, "/api/system/erasures", token: f.managerA.accessToken, json: jsonBody(erase)).status == .forbidden)
            let wrong = try await f.api.call(.post, "/api/system/erasures", token: f.admin.accessToken,
                                             json: jsonBody(erase.merging(["confirm": "someone@else.example"]) { $1 }))
            #expect(wrong.status == .badRequest && wrong.text.contains("confirm"))
            let yourself = try await f.api.call(.post, "/api/system/erasures", token: f.admin.accessToken,
                                                json: jsonBody(["employeeId": f.admin.id, "confirm": f.admin.email, "reason": "test"]))
            #expect(yourself.status == .conflict)
            let mentionedBefore = try await f.api.call(.get, "/test/mentions?text=\(f.employee.id)").text
            #expect(mentionedBefore.contains("activity_people") && mentionedBefore.contains("employees.id"))

            struct Erasure: Decodable { let id: String; let subjectId: String; let actorId: String; let counts: [String: Int] }
            let done = try await f.api.decode(Erasure.self, .post, "/api/system/erasures", token: f.admin.accessToken, json: jsonBody(erase))
            #expect(done.subjectId == f.employee.id && done.actorId == f.admin.id)
            #expect(done.counts["events"] == 3 && done.counts["idle periods"] == 1 && done.counts["flags"] == 1 && done.counts["devices"] == 1)

            // Nothing of the person is left anywhere but the audit entry; the organisation totals lost their share.
            let mentions = try JSONDecoder().decode([String: Int].self, from: Data(try await f.api.call(.get, "/test/mentions?text=\(f.employee.id)").text.utf8))
            #expect(mentions == ["erasure_audit.subject_id": 1], "left behind: \(mentions)")
            let byEmail = try JSONDecoder().decode([String: Int].self, from: Data(try await f.api.call(.get, "/test/mentions?text=\(f.employee.email)").text.utf8))
            #expect(byEmail.isEmpty, "left behind: \(byEmail)")
            let byDevice = try JSONDecoder().decode([String: Int].self, from: Data(try await f.api.call(.get, "/test/mentions?text=\(f.deviceID)").text.utf8))
            #expect(byDevice.isEmpty, "left behind: \(byDevice)")
            let titles = try JSONDecoder().decode([String: Int].self, from: Data(try await f.api.call(.get, "/test/mentions?text=private-idle-note").text.utf8))
            #expect(titles.isEmpty)
            #expect(try await f.api.call(.get, "/test/org-rollup-drift").text.hasPrefix("0 of"))
            #expect(try await f.api.call(.get, "/test/org-app-drift").text.hasPrefix("0 of"))
            #expect(try await f.api.call(.get, "/api/me/export", token: f.employee.accessToken).status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: Self.events("Editor", "after", at: hour)).status == .unauthorized)

            // The colleague's data is untouched, and the audit log lists the erasure.
            let theirs = try await f.api.call(.get, "/api/me/export", token: f.otherEmployee.accessToken)
            #expect(try Self.unzip(Array(buffer: theirs.body))["activity/events.csv"]?.contains("colleague-title") == true)
            struct List: Decodable { let items: [Erasure] }
            let listed = try await f.api.decode(List.self, .get, "/api/system/erasures", token: f.admin.accessToken)
            #expect(listed.items.map(\.id) == [done.id] && listed.items.first?.counts == done.counts)
        }
    }
}
