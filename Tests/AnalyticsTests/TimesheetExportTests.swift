import Foundation
import HummingbirdTesting
@testable import Analytics
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Timesheet export")
struct TimesheetExportTests {
    @Test("CSV quoting round-trips commas, quotes, CR and LF")
    func quoting() {
        let values = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "", "  spaced  "]
        let document = CSV.document(header: ["h"], rows: values.map { [$0, "x"] })
        #expect(Self.parseCSV(document) == [["h"]] + values.map { [$0, "x"] })
    }

    struct Sheet: Decodable {
        struct Row: Decodable { let employeeId: String; let employee: String; let date: String; let firstSeen: String?; let lastSeen: String?
                                let activeSeconds: Double; let idleSeconds: Double; let productiveSeconds: Double }
        let rows: [Row]
    }

    /// A strict RFC 4180 reader, independent of the writer.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    @Test("CSV parses back to the JSON numbers; names with commas, quotes and newlines survive", arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-30T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let tricky = "Doe, \"JD\" Junior"   // names refuse control characters; newlines are covered below
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: f.admin.accessToken, json: jsonBody(["name": tricky]))
            try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                 json: jsonBody(["field": "app", "match": "exact", "pattern": "Code", "category": "productive"]))
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                DashboardTests.event("2026-03-27T09:00:00Z", 3600, "Code"), DashboardTests.event("2026-03-28T08:15:30Z", 1200.5, "Slack"),
            ]]))
            let query = "/api/exports/timesheet?scope=team&id=\(f.teamA)&from=2026-03-27&to=2026-03-29&timeZone=UTC"
            let json = try await f.api.decode(Sheet.self, .get, query, token: f.managerA.accessToken)
            #expect(json.rows.count == 2)
            #expect(json.rows.map(\.date) == ["2026-03-27", "2026-03-28"])
            #expect(json.rows[0].employee == tricky && json.rows[0].activeSeconds == 3600 && json.rows[0].productiveSeconds == 3600)
            #expect(json.rows[0].firstSeen == "2026-03-27T09:00:00Z" && json.rows[0].lastSeen == "2026-03-27T10:00:00Z")
            #expect(json.rows[1].activeSeconds == 1200.5)

            let csv = try await f.api.call(.get, query + "&format=csv", token: f.managerA.accessToken)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"timesheet-2026-03-27-2026-03-29.csv\"")
            let table = Self.parseCSV(csv.text)
            #expect(table.first == ["employee_id", "employee", "date", "first_seen", "last_seen", "active_seconds", "idle_seconds", "productive_seconds"])
            #expect(table.count == 3)
            for (row, expected) in zip(table.dropFirst(), json.rows) {
                #expect(row[0] == expected.employeeId && row[1] == expected.employee && row[2] == expected.date)
                #expect(row[3] == (expected.firstSeen ?? "") && row[4] == (expected.lastSeen ?? ""))
                #expect(Double(row[5]) == expected.activeSeconds && Double(row[6]) == expected.idleSeconds && Double(row[7]) == expected.productiveSeconds)
            }
            #expect(try await f.api.call(.get, query + "&format=xml", token: f.managerA.accessToken).status == .badRequest)
            #expect(try await f.api.call(.get, query, token: f.managerB.accessToken).status == .forbidden)
            #expect(try await f.api.call(.get, "/api/exports/timesheet?from=2026-01-01&to=2026-06-01", token: f.employee.accessToken).status == .badRequest)
        }
    }
}
