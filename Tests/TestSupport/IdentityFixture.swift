import Foundation
import HummingbirdTesting
import TrackerCore

/// A small organisation built through the real API: an admin; teams A and B; a manager of each; an employee in
/// each (`employee` in A, `otherEmployee` in B); an agent device of `employee`. Each role's token is kept.
public struct IdentityFixture: Sendable {
    public struct Person: Sendable {
        public let id: String
        public let email: String
        public let password: String
        public let accessToken: String
        public let refreshToken: String
    }

    public static let password = "fixture-password-1"

    public let api: APIClient
    public let admin: Person
    public let managerA: Person
    public let managerB: Person
    public let employee: Person
    public let otherEmployee: Person
    public let teamA: String
    public let teamB: String
    public let deviceID: String
    public let deviceToken: String

    struct Tokens: Decodable { let accessToken: String; let refreshToken: String; let expiresIn: Int }
    struct IDOnly: Decodable { let id: String }
    struct Enrolled: Decodable { let device: IDOnly; let token: String }

    public static func make(_ client: any TestClientProtocol) async throws -> IdentityFixture {
        let api = APIClient(client)
        let tag = UUID().uuidString.prefix(6).lowercased()
        let adminEmail = "admin-\(tag)@example.com"
        try await api.call(.post, "/test/bootstrap-admin", json: jsonBody(["email": adminEmail, "password": password]))
        let admin = try await login(api, email: adminEmail, path: "/api/admin/login")
        let teamA = try await api.decode(IDOnly.self, .post, "/api/teams", token: admin.accessToken,
                                         json: jsonBody(["name": "Team A \(tag)"]), expect: .created).id
        let teamB = try await api.decode(IDOnly.self, .post, "/api/teams", token: admin.accessToken,
                                         json: jsonBody(["name": "Team B \(tag)", "timeZone": "America/New_York"]), expect: .created).id
        func person(_ name: String, role: String, team: String) async throws -> Person {
            let email = "\(name)-\(tag)@example.com"
            _ = try await api.decode(IDOnly.self, .post, "/api/employees", token: admin.accessToken, json: jsonBody([
                "name": name, "email": email, "role": role, "teamId": team, "password": password,
            ]), expect: .created)
            return try await login(api, email: email, path: "/api/employee/login")
        }
        let managerAID = try await person("manager-a", role: "manager", team: teamA)
        let managerBID = try await person("manager-b", role: "manager", team: teamB)
        try await api.call(.put, "/api/teams/\(teamA)/managers", token: admin.accessToken, json: jsonBody(["employeeIds": [managerAID.id]]))
        try await api.call(.put, "/api/teams/\(teamB)/managers", token: admin.accessToken, json: jsonBody(["employeeIds": [managerBID.id]]))
        let employee = try await person("employee-a", role: "employee", team: teamA)
        let other = try await person("employee-b", role: "employee", team: teamB)
        let enrolled = try await api.decode(Enrolled.self, .post, "/api/me/devices", token: employee.accessToken,
                                            json: jsonBody(["name": "laptop", "platform": "linux"]), expect: .created)
        return IdentityFixture(
            api: api, admin: admin, managerA: managerAID, managerB: managerBID, employee: employee, otherEmployee: other,
            teamA: teamA, teamB: teamB, deviceID: enrolled.device.id, deviceToken: enrolled.token
        )
    }

    static func login(_ api: APIClient, email: String, path: String) async throws -> Person {
        let tokens = try await api.decode(Tokens.self, .post, path, json: jsonBody(["email": email, "password": password]))
        let me = try await api.decode(IDOnly.self, .get, "/api/me", token: tokens.accessToken)
        return Person(id: me.id, email: email, password: password, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken)
    }

    /// The same fixture with a fresh session for every person (after a test ended their sessions).
    public func signedInAgain() async throws -> IdentityFixture {
        IdentityFixture(
            api: api, admin: try await login(admin, admin: true), managerA: try await login(managerA), managerB: try await login(managerB),
            employee: try await login(employee), otherEmployee: try await login(otherEmployee),
            teamA: teamA, teamB: teamB, deviceID: deviceID, deviceToken: deviceToken
        )
    }

    /// The same people and tokens through another client (a second instance on the same database).
    public func through(_ client: any TestClientProtocol) -> IdentityFixture {
        IdentityFixture(api: APIClient(client), admin: admin, managerA: managerA, managerB: managerB, employee: employee,
                        otherEmployee: otherEmployee, teamA: teamA, teamB: teamB, deviceID: deviceID, deviceToken: deviceToken)
    }

    /// Signs in again (a fresh session) and returns the tokens.
    public func login(_ person: Person, admin: Bool = false) async throws -> Person {
        try await Self.login(api, email: person.email, path: admin ? "/api/admin/login" : "/api/employee/login")
    }

    /// Enrols another device for `person` (as the admin) and returns its token.
    public func enrolDevice(for person: Person, name: String = "extra") async throws -> String {
        struct Enrolled: Decodable { let token: String }
        return try await api.decode(Enrolled.self, .post, "/api/employees/\(person.id)/devices", token: admin.accessToken,
                                    json: jsonBody(["name": name, "platform": "linux"]), expect: .created).token
    }
}
