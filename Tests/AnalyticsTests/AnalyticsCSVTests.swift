import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP
@testable import Analytics

/// Dashboard tables, team metrics and trends as CSV: the same numbers as the JSON, app names with commas,
/// quotes and newlines intact, a download file name, and a clear 400 for an unknown format or table.
@Suite("Analytics CSV exports")
struct AnalyticsCSVTests {
    struct Board: Decodable {
        struct App: Decodable { let app: String; let category: String; let seconds: Double }
        struct Day: Decodable { let date: String; let hours: Int; let activeSeconds: Double; let score: Double? }
        let topApps: [App]
        let days: [Day]
        let heatmap: [[Double]]
    }

    struct Metrics: Decodable {
        struct Row: Decodable { let employeeId: String; let name: String; let activeSeconds: Double; let productiveSeconds: Double
                                let idleSeconds: Double; let score: Double?; let idleShare: Double?; let firstActivity: Double?
                                let lastActivity: Double?; let daysActive: Int }
        let rows: [Row]
    }

    struct Trend: Decodable {
        struct Point: Decodable { let key: String; let value: Double?; let movingAverage: Double? }
        let points: [Point]
    }

    static func cell(_ value: Double?) -> String { value.map { $0 == $0.rounded() ? String(Int64($0)) : String($0) } ?? "" }

    @Test("CSV equals the JSON, tricky names survive", arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-30T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let trickyApp = "Acme, \"Pro\"\nEdition"
            let trickyName = "Doe, \"JD\" Junior"
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: f.admin.accessToken, json: jsonBody(["name": trickyName]))
            try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                 json: jsonBody(["field": "app", "match": "exact", "pattern": "Code", "category": "productive"]))
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [
                DashboardTests.event("2026-03-27T09:00:00Z", 3600, "Code"), DashboardTests.event("2026-03-28T08:15:30Z", 1200.5, trickyApp),
                DashboardTests.event("2026-03-29T14:00:00Z", 900, "Code"),
            ]]))
            try await f.api.call(.post, "/api/idle", token: f.deviceToken, json: jsonBody(["periods": [
                ["id": UUID().uuidString, "start": "2026-03-27T10:00:00Z", "end": "2026-03-27T10:20:00Z", "reason": "afk"],
            ]]))
            let token = f.managerA.accessToken
            let base = "/api/dashboard?scope=team&id=\(f.teamA)&period=custom&date=2026-03-27&to=2026-03-29&timeZone=UTC"
            let board = try await f.api.decode(Board.self, .get, base, token: token)
            #expect(board.topApps.count == 2 && board.days.count == 3)

            let apps = try await f.api.call(.get, base + "&format=csv&table=apps", token: token)
            #expect(apps.status == .ok && apps.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(apps.headers[.contentDisposition]?.contains("dashboard-team-") == true)
            #expect(apps.headers[.contentDisposition]?.hasSuffix("-2026-03-27-2026-03-29-apps.csv\"") == true)
            #expect(TimesheetExportTests.parseCSV(apps.text) == [["app", "category", "seconds"]]
                + board.topApps.map { [$0.app, $0.category, Self.cell($0.seconds)] })
            #expect(TimesheetExportTests.parseCSV(apps.text).contains { $0.first == trickyApp })

            let days = try await f.api.call(.get, base + "&format=csv", token: token)   // days is the default table
            #expect(TimesheetExportTests.parseCSV(days.text) == [["date", "hours", "active_seconds", "score"]]
                + board.days.map { [$0.date, String($0.hours), Self.cell($0.activeSeconds), Self.cell($0.score)] })

            let heat = TimesheetExportTests.parseCSV(try await f.api.call(.get, base + "&format=csv&table=heatmap", token: token).text)
            #expect(heat.count == 8 && heat[0].count == 25 && heat[5][0] == "Friday")
            #expect(heat.dropFirst().map { $0.dropFirst().map { Double($0)! } } == board.heatmap)

            let metricsPath = "/api/teams/\(f.teamA)/metrics?period=custom&date=2026-03-27&to=2026-03-29"
            let metrics = try await f.api.decode(Metrics.self, .get, metricsPath, token: token)
            let metricsCSV = TimesheetExportTests.parseCSV(try await f.api.call(.get, metricsPath + "&format=csv", token: token).text)
            #expect(metricsCSV.first?.first == "employee_id" && metricsCSV.count == metrics.rows.count + 1)
            #expect(Array(metricsCSV.dropFirst()) == metrics.rows.map { r in
                [r.employeeId, r.name, Self.cell(r.activeSeconds), Self.cell(r.productiveSeconds), Self.cell(r.idleSeconds), Self.cell(r.score),
                 Self.cell(r.idleShare), Self.cell(r.firstActivity), Self.cell(r.lastActivity), String(r.daysActive)]
            })
            #expect(metricsCSV.contains { $0.count > 1 && $0[1] == trickyName })

            let trendPath = "/api/trends?scope=team&id=\(f.teamA)&metric=active&from=2026-03-27&to=2026-03-29&timeZone=UTC"
            let trend = try await f.api.decode(Trend.self, .get, trendPath, token: token)
            let trendCSV = TimesheetExportTests.parseCSV(try await f.api.call(.get, trendPath + "&format=csv", token: token).text)
            #expect(trendCSV.dropFirst().map { [$0[0], $0[2], $0[3]] } == trend.points.map { [$0.key, Self.cell($0.value), Self.cell($0.movingAverage)] })
            #expect(trend.points.map(\.value) == [3600, 1200.5, 900])

            for bad in [base + "&format=xml", base + "&format=csv&table=people", metricsPath + "&format=pdf"] {
                let response = try await f.api.call(.get, bad, token: token)
                #expect(response.status == .badRequest && (response.text.contains("format") || response.text.contains("table")), "\(bad)")
            }
        }
    }

    @Test("cells that a spreadsheet would run as formulas are neutralised; numbers stay numbers", arguments: TestEngine.available)
    func formulaInjection(engine: TestEngine) async throws {
        let time = MutableTime(RFC3339.parse("2026-03-30T12:00:00Z")!)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: f.admin.accessToken, json: jsonBody(["name": "=cmd|' /C calc'!A0"]))
            try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events":
                hostile.enumerated().map { i, app in DashboardTests.event("2026-03-28T0\(i):00:00Z", 600, app) },
            ]))
            let token = f.managerA.accessToken
            let base = "/api/dashboard?scope=team&id=\(f.teamA)&period=custom&date=2026-03-27&to=2026-03-29&timeZone=UTC"
            let apps = TimesheetExportTests.parseCSV(try await f.api.call(.get, base + "&format=csv&table=apps", token: token).text)
            let names = Set(apps.dropFirst().map { $0[0] })
            #expect(names == Set(hostile.map { "'" + $0 }), "\(names)")
            let metrics = TimesheetExportTests.parseCSV(try await f.api.call(
                .get, "/api/teams/\(f.teamA)/metrics?period=custom&date=2026-03-27&to=2026-03-29&format=csv", token: token).text)
            #expect(metrics.contains { $0.count > 1 && $0[1] == "'=cmd|' /C calc'!A0" })
            // Negative numbers (a change in percent) are not text and are left alone.
            #expect(CSV.field("-12.5") == "-12.5")
        }
    }
}
