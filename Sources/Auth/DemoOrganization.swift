import Foundation
import TrackerCore

/// A small demo organisation: teams, a manager per team, employees and one administrator, all with known demo
/// passwords (printed, never used outside demos). Idempotent: does nothing if the demo admin exists.
public struct DemoOrganization: Sendable {
    public struct Credential: Sendable {
        public let role: Role
        public let name: String
        public let email: String
        public let password: String
        public let team: String?
    }

    public static let password = "demo-password-1"
    static let teams: [(name: String, zone: String)] = [
        ("Engineering", "Europe/Berlin"), ("Sales", "America/New_York"), ("Support", "Europe/London"),
    ]
    static let firstNames = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances", "Ken", "Radia",
                             "Tim", "Hedy", "John", "Katherine", "Donald", "Shafi", "Leslie", "Niklaus", "Edsger", "Sophie"]

    private let directory: DirectoryService
    private let repository: any DirectoryRepository

    public init(directory: DirectoryService, repository: any DirectoryRepository) {
        self.directory = directory
        self.repository = repository
    }

    /// Creates `employeesPerTeam` employees per team plus a manager each and an admin; returns who can sign in.
    public func create(employeesPerTeam: Int = 4, progress: (String) -> Void = { _ in }) async throws -> [Credential] {
        if try await repository.credentials(email: "admin@demo.example") != nil {
            progress("demo organisation already exists")
            return []
        }
        _ = try await directory.updateOrganization(name: "Demo Company", timeZone: "Europe/Berlin", workWeek: nil, publicRanking: nil)
        var credentials: [Credential] = []
        _ = try await directory.createEmployee(.init(name: "Demo Admin", email: "admin@demo.example", role: .admin, password: Self.password))
        credentials.append(Credential(role: .admin, name: "Demo Admin", email: "admin@demo.example", password: Self.password, team: nil))
        var nameIndex = 0
        for (teamIndex, spec) in Self.teams.enumerated() {
            let team = try await directory.createTeam(.init(name: spec.name, timeZone: spec.zone))
            let managerEmail = "manager.\(spec.name.lowercased())@demo.example"
            let manager = try await directory.createEmployee(.init(
                name: "\(spec.name) Manager", email: managerEmail, teamId: team.id, role: .manager, password: Self.password
            ))
            _ = try await directory.setManagers(teamID: team.id, employeeIDs: [manager.id])
            credentials.append(Credential(role: .manager, name: manager.name, email: managerEmail, password: Self.password, team: spec.name))
            for number in 0..<employeesPerTeam {
                let first = Self.firstNames[nameIndex % Self.firstNames.count]
                nameIndex += 1
                let email = "\(first.lowercased()).\(teamIndex)\(number)@demo.example"
                _ = try await directory.createEmployee(.init(
                    name: "\(first) \(spec.name.prefix(1))\(number)", email: email, teamId: team.id, role: .employee,
                    timeZone: spec.zone, password: Self.password
                ))
                credentials.append(Credential(role: .employee, name: "\(first) \(spec.name.prefix(1))\(number)", email: email, password: Self.password, team: spec.name))
            }
            progress("team \(spec.name): manager + \(employeesPerTeam) employees")
        }
        return credentials
    }
}
