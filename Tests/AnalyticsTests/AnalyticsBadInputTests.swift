import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Unknown ids are 404; a bad parameter is a 400 whose message names it; the range limit comes from configuration.
@Suite("Analytics bad input")
struct AnalyticsBadInputTests {
    struct ErrorBody: Decodable { struct Inner: Decodable { let code: String; let message: String }; let error: Inner }

    @Test("404 for unknown ids, 400 naming the parameter otherwise", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        let app = TestApp(settings: try await engine.freshSettings(), configure: { $0.analytics.maxRangeDays = 10 })
        try await app.test { client in
            let f = try await IdentityFixture.make(client)
            let admin = f.admin.accessToken
            let unknown = UUID().uuidString.lowercased()
            for path in ["/api/dashboard?scope=team&id=\(unknown)", "/api/dashboard?scope=employee&id=\(unknown)",
                         "/api/trends?scope=team&id=\(unknown)", "/api/teams/\(unknown)/metrics",
                         "/api/exports/timesheet?scope=employee&id=\(unknown)"] {
                #expect(try await f.api.call(.get, path, token: admin).status == .notFound, "\(path)")
            }
            let cases: [(String, String)] = [
                ("/api/dashboard?scope=galaxy", "scope"),
                ("/api/dashboard?scope=team", "id"),
                ("/api/dashboard?scope=team&id=not-a-uuid", "id"),
                ("/api/dashboard?period=custom&date=2026-03-10&to=2026-03-01", "to"),
                ("/api/dashboard?period=custom&date=2026-03-01&to=2026-03-11", "to"),        // 11 days > the configured 10
                ("/api/dashboard?date=yesterday", "date"),
                ("/api/dashboard?timeZone=Europe/Atlantis", "timeZone"),
                ("/api/trends?metric=happiness", "metric"),
                ("/api/trends?granularity=hour", "granularity"),
                ("/api/trends?from=2026-03-01&to=2026-03-20", "to"),
                ("/api/teams/\(f.teamA)/metrics?period=century", "period"),
                ("/api/teams/\(f.teamA)/metrics?sort=-shoeSize", "sort"),
                ("/api/exports/timesheet?format=xlsx", "format"),
            ]
            for (path, parameter) in cases {
                let response = try await f.api.call(.get, path, token: admin)
                #expect(response.status == .badRequest, "\(path): \(response.status)")
                let body = try response.json(ErrorBody.self)
                #expect(body.error.message.hasPrefix(parameter), "\(path): \(body.error.message)")
            }
            // Within the limit it answers.
            #expect(try await f.api.call(.get, "/api/dashboard?period=custom&date=2026-03-01&to=2026-03-10", token: admin).status == .ok)
        }
    }
}
