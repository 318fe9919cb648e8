import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Teams, employees and the access log")
struct DirectoryTests {
    struct EmployeeBody: Decodable {
        let id: String; let name: String; let email: String; let teamId: String?; let role: String
        let timeZone: String?; let status: String; let externalIds: [String: String]; let managedTeamIds: [String]
    }
    struct TeamBody: Decodable { let id: String; let name: String; let archived: Bool; let managerIds: [String]; let timeZone: String? }
    struct EmployeePage: Decodable { let items: [EmployeeBody]; let nextCursor: String? }
    struct LogEntry: Decodable { let actorId: String; let subjectId: String?; let resource: String }
    struct LogPage: Decodable { let items: [LogEntry]; let nextCursor: String? }
    struct Reset: Decodable { let resetToken: String }

    @Test("bad input is a clear 4xx naming the field, and nothing is half-written", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let admin = f.admin.accessToken
            func create(_ body: [String: Any]) async throws -> (Int, ErrorBody?) {
                let r = try await f.api.call(.post, "/api/employees", token: admin, json: jsonBody(body))
                return (Int(r.status.code), try? r.json(ErrorBody.self))
            }
            let cases: [([String: Any], Int, String)] = [
                (["name": "X", "email": "not-an-email"], 400, "email"),
                (["name": String(repeating: "n", count: 201), "email": "long@example.com"], 400, "name"),
                (["name": "X", "email": "x@example.com", "role": "overlord"], 400, "role"),
                (["name": "X", "email": "x@example.com", "timeZone": "Mars/Olympus"], 400, "timeZone"),
                (["name": "X", "email": "x@example.com", "password": "short"], 400, "password"),
                (["name": "X", "email": "x@example.com", "teamId": UUID().uuidString], 422, "teamId"),
                (["name": "X", "email": f.employee.email.uppercased()], 409, "email"),
                (["email": "x@example.com"], 400, "name"),
            ]
            for (body, status, field) in cases {
                let (got, error) = try await create(body)
                #expect(got == status, "\(body): \(got)")
                #expect(error?.error.message.contains(field) == true, "\(body): message should name \(field): \(String(describing: error))")
            }
            let malformed = try await f.api.call(.post, "/api/employees", token: admin, json: "{not json")
            #expect(malformed.status == .badRequest)
            #expect(try await f.api.call(.get, "/api/employees/not-a-uuid", token: admin).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/employees/\(UUID().uuidString)", token: admin).status == .notFound)
            // None of the refused requests left an employee behind.
            let all = try await f.api.decode(EmployeePage.self, .get, "/api/employees?limit=500&includeArchived=true", token: admin)
            #expect(all.items.count == 5)
            #expect(!all.items.contains { $0.email == "x@example.com" })
        }
    }

    @Test("employees and teams: create, update, manager rules, paging, archive", arguments: TestEngine.available)
    func crud(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let admin = f.admin.accessToken
            let created = try await f.api.decode(EmployeeBody.self, .post, "/api/employees", token: admin, json: jsonBody([
                "name": " Zoë Ünicode ", "email": "zoe@example.com", "teamId": f.teamB, "timeZone": "Asia/Tokyo",
                "externalIds": ["connecteam": "ct-1"],
            ]), expect: .created)
            #expect(created.name == "Zoë Ünicode" && created.role == "employee" && created.timeZone == "Asia/Tokyo")
            #expect(created.externalIds == ["connecteam": "ct-1"])
            let clash = try await f.api.call(.post, "/api/employees", token: admin, json: jsonBody([
                "name": "Other", "email": "other@example.com", "externalIds": ["connecteam": "ct-1"],
            ]))
            #expect(clash.status == .conflict)

            let moved = try await f.api.decode(EmployeeBody.self, .patch, "/api/employees/\(created.id)", token: admin,
                                               json: #"{"teamId": null, "timeZone": null, "role": "manager"}"#)
            #expect(moved.teamId == nil && moved.timeZone == nil && moved.role == "manager")
            // Only people with the manager role can manage a team.
            let notManager = try await f.api.call(.put, "/api/teams/\(f.teamA)/managers", token: admin, json: jsonBody(["employeeIds": [f.employee.id]]))
            #expect(notManager.status == .unprocessableContent)
            let team = try await f.api.decode(TeamBody.self, .put, "/api/teams/\(f.teamA)/managers", token: admin,
                                              json: jsonBody(["employeeIds": [f.managerA.id, created.id]]))
            #expect(Set(team.managerIds) == [f.managerA.id, created.id])
            // Demoting removes the assignment.
            _ = try await f.api.decode(EmployeeBody.self, .patch, "/api/employees/\(created.id)", token: admin, json: jsonBody(["role": "employee"]))
            #expect(try await f.api.decode(TeamBody.self, .get, "/api/teams/\(f.teamA)", token: admin).managerIds == [f.managerA.id])

            let duplicateTeam = try await f.api.call(.post, "/api/teams", token: admin, json: jsonBody(["name": "TEAM A \(f.teamA.prefix(0))"]))
            #expect(duplicateTeam.status == .created || duplicateTeam.status == .conflict)

            // Paging: 2 per page over 6 people, no duplicates, nothing missed.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await f.api.decode(EmployeePage.self, .get, "/api/employees?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 6 && Set(seen).count == 6)
            #expect(try await f.api.call(.get, "/api/employees?cursor=garbage!", token: admin).status == .badRequest)
            #expect(try await f.api.call(.get, "/api/employees?limit=0", token: admin).status == .badRequest)

            // A manager lists only their team.
            let mine = try await f.api.decode(EmployeePage.self, .get, "/api/employees", token: f.managerA.accessToken)
            #expect(Set(mine.items.map(\.id)) == [f.managerA.id, f.employee.id])
            #expect(try await f.api.call(.get, "/api/employees?teamId=\(f.teamB)", token: f.managerA.accessToken).status == .forbidden)

            // Archive instead of delete: hidden by default, still there with includeArchived.
            let archived = try await f.api.decode(EmployeeBody.self, .delete, "/api/employees/\(created.id)", token: admin)
            #expect(archived.status == "archived")
            let active = try await f.api.decode(EmployeePage.self, .get, "/api/employees?limit=500", token: admin)
            #expect(!active.items.contains { $0.id == created.id })
            let everyone = try await f.api.decode(EmployeePage.self, .get, "/api/employees?limit=500&includeArchived=true", token: admin)
            #expect(everyone.items.contains { $0.id == created.id })
        }
    }

    @Test("the last active administrator cannot be archived or demoted", arguments: TestEngine.available)
    func lastAdmin(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let demote = try await f.api.call(.patch, "/api/employees/\(f.admin.id)", token: f.admin.accessToken, json: jsonBody(["role": "employee"]))
            #expect(demote.status == .conflict)
            #expect(try await f.api.call(.delete, "/api/employees/\(f.admin.id)", token: f.admin.accessToken).status == .conflict)
            // With a second admin it is allowed.
            try await f.api.call(.patch, "/api/employees/\(f.managerB.id)", token: f.admin.accessToken, json: jsonBody(["role": "admin"]))
            #expect(try await f.api.call(.delete, "/api/employees/\(f.admin.id)", token: f.admin.accessToken).status == .ok)
        }
    }

    @Test("cross-person reads are logged and visible to the subject; self-reads are not", arguments: TestEngine.available)
    func accessLog(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            // Self-read: no entry.
            try await f.api.call(.get, "/api/employees/\(f.employee.id)", token: f.employee.accessToken)
            try await f.api.call(.get, "/api/me", token: f.employee.accessToken)
            var mine = try await f.api.decode(LogPage.self, .get, "/api/me/access-log", token: f.employee.accessToken)
            let before = mine.items.count  // the fixture's listing by the admin may already be there
            // Manager A reads the employee's profile and devices; manager B is refused (and nothing is logged).
            try await f.api.call(.get, "/api/employees/\(f.employee.id)", token: f.managerA.accessToken)
            try await f.api.call(.get, "/api/employees/\(f.employee.id)/devices", token: f.managerA.accessToken)
            #expect(try await f.api.call(.get, "/api/employees/\(f.employee.id)", token: f.managerB.accessToken).status == .forbidden)
            mine = try await f.api.decode(LogPage.self, .get, "/api/me/access-log", token: f.employee.accessToken)
            #expect(mine.items.count == before + 2)
            #expect(mine.items.prefix(2).allSatisfy { $0.actorId == f.managerA.id && $0.subjectId == f.employee.id })
            #expect(Set(mine.items.prefix(2).map(\.resource)) == ["employee.profile", "employee.devices"])
            #expect(!mine.items.contains { $0.actorId == f.employee.id })
            #expect(!mine.items.contains { $0.actorId == f.managerB.id })
            // The admin can query the whole log by actor.
            let byActor = try await f.api.decode(LogPage.self, .get, "/api/admin/access-log?actor=\(f.managerA.id)", token: f.admin.accessToken)
            #expect(byActor.items.count == 2)
            #expect(try await f.api.call(.get, "/api/admin/access-log?from=yesterday", token: f.admin.accessToken).status == .badRequest)
        }
    }

    @Test("password change and admin-initiated one-time reset", arguments: TestEngine.available)
    func passwords(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let wrongCurrent = try await f.api.call(.post, "/api/me/password", token: f.employee.accessToken,
                                                    json: jsonBody(["currentPassword": "nope-nope-nope", "newPassword": "a-new-password-1"]))
            #expect(wrongCurrent.status == .forbidden)
            let tooShort = try await f.api.call(.post, "/api/me/password", token: f.employee.accessToken,
                                                json: jsonBody(["currentPassword": IdentityFixture.password, "newPassword": "short"]))
            #expect(tooShort.status == .badRequest)
            #expect(try await f.api.call(.post, "/api/me/password", token: f.employee.accessToken,
                                         json: jsonBody(["currentPassword": IdentityFixture.password, "newPassword": "a-new-password-1"])).status == .noContent)
            // Changing the password ends other sessions.
            #expect(try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": f.employee.refreshToken])).status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.employee.email, "password": "a-new-password-1"])).status == .ok)

            let reset = try await f.api.decode(Reset.self, .post, "/api/employees/\(f.otherEmployee.id)/password-reset", token: f.admin.accessToken, expect: .created)
            let use = jsonBody(["token": reset.resetToken, "newPassword": "reset-password-2"])
            #expect(try await f.api.call(.post, "/api/auth/password-reset", json: use).status == .noContent)
            #expect(try await f.api.call(.post, "/api/auth/password-reset", json: use).status == .unauthorized, "one-time")
            #expect(try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.otherEmployee.email, "password": "reset-password-2"])).status == .ok)
            #expect(try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.otherEmployee.email, "password": IdentityFixture.password])).status == .unauthorized)
        }
    }
}
