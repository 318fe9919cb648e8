import Foundation
import HummingbirdTesting
import Logging
import TestSupport
import Testing
import TrackerHTTP
@testable import Auth

/// The access log at bounded cost: one entry per reader, resource, scope and hour, resolved to the people in the
/// scope when they ask who read their data; retention deletes old entries.
@Suite("Access log at bounded cost")
struct AccessLogTests {
    struct Scope: Decodable { let type: String; let id: String? }
    struct Entry: Decodable { let actorId: String; let subjectId: String?; let resource: String; let scope: Scope; let reads: Int; let at: Date }
    struct EntryPage: Decodable { let items: [Entry] }

    @Test("a team or organisation view is one entry however often it is read; each member sees it, newcomers do not see the past",
          arguments: TestEngine.available)
    func teamAndOrganisationViews(engine: TestEngine) async throws {
        let time = MutableTime()
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            var f = try await IdentityFixture.make(client)
            for _ in 0..<3 {
                try await f.api.call(.get, "/api/dashboard?scope=team&id=\(f.teamA)", token: f.managerA.accessToken)
            }
            try await f.api.call(.get, "/api/dashboard?scope=organization", token: f.admin.accessToken)
            let all = try await f.api.decode(EntryPage.self, .get, "/api/admin/access-log?actor=\(f.managerA.id)", token: f.admin.accessToken).items
            let dashboards = all.filter { $0.resource == "dashboard" }
            #expect(dashboards.count == 1 && dashboards.first?.reads == 3 && dashboards.first?.scope.type == "team")
            let orgEntries = try await f.api.decode(EntryPage.self, .get, "/api/admin/access-log?actor=\(f.admin.id)", token: f.admin.accessToken)
                .items.filter { $0.resource == "dashboard" }
            #expect(orgEntries.count == 1 && orgEntries.first?.scope.type == "organization" && orgEntries.first?.subjectId == nil)

            // The employee of team A sees manager A's team view and the admin's organisation view, as theirs.
            let mine = try await f.api.decode(EntryPage.self, .get, "/api/me/access-log", token: f.employee.accessToken).items
            #expect(mine.contains { $0.actorId == f.managerA.id && $0.resource == "dashboard" && $0.reads == 3 && $0.subjectId == f.employee.id })
            #expect(mine.contains { $0.actorId == f.admin.id && $0.scope.type == "organization" })
            // Team B's employee was not in team A: manager A's view is not theirs.
            let theirs = try await f.api.decode(EntryPage.self, .get, "/api/me/access-log", token: f.otherEmployee.accessToken).items
            #expect(!theirs.contains { $0.actorId == f.managerA.id && $0.resource == "dashboard" })

            // Moving team B's employee into team A an hour later: the earlier team-A view stays not theirs, a new one is.
            time.advance(by: 3600)
            f = try await f.signedInAgain()
            try await f.api.call(.patch, "/api/employees/\(f.otherEmployee.id)", token: f.admin.accessToken, json: jsonBody(["teamId": f.teamA]))
            time.advance(by: 60)
            try await f.api.call(.get, "/api/dashboard?scope=team&id=\(f.teamA)", token: f.managerA.accessToken)
            let moved = try await f.api.decode(EntryPage.self, .get, "/api/me/access-log", token: f.otherEmployee.accessToken).items
                .filter { $0.actorId == f.managerA.id && $0.resource == "dashboard" }
            #expect(moved.count == 1 && moved.first?.reads == 1)
        }
    }

    @Test("entries past their retention are deleted by the background sweep", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        let time = MutableTime()
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            var f = try await IdentityFixture.make(client)
            try await f.api.call(.get, "/api/employees/\(f.employee.id)", token: f.managerA.accessToken)
            time.advance(by: 10 * 86_400)
            f = try await f.signedInAgain()
            try await f.api.call(.get, "/api/employees/\(f.employee.id)/devices", token: f.managerA.accessToken)
            let entries = try await f.api.decode(EntryPage.self, .get, "/api/me/access-log", token: f.employee.accessToken).items
            #expect(entries.count == 2)
            let swept = try await f.api.decode(Swept.self, .post, "/test/access-log-retention?days=5&now=\(time.now.timeIntervalSince1970)", token: nil)
            #expect(swept.deleted >= 1)
            let left = try await f.api.decode(EntryPage.self, .get, "/api/me/access-log", token: f.employee.accessToken).items
            #expect(left.map(\.resource) == ["employee.devices"])
        }
    }
    struct Swept: Decodable { let deleted: Int }
}
