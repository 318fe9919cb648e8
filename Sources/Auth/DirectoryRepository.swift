import Foundation
import TrackerCore

/// Storage of the organisation, teams and employees.
public protocol DirectoryRepository: Sendable {
    func organization() async throws -> Organization
    func saveOrganization(_ organization: Organization, at: Date) async throws

    func team(id: String) async throws -> Team?
    /// Teams ordered by name; `ids` restricts to those teams (a manager's), nil means all.
    func teams(ids: Set<String>?, includeArchived: Bool, after: [String]?, limit: Int) async throws -> [Team]
    func insertTeam(_ team: Team) async throws
    func updateTeam(_ team: Team) async throws
    func setManagers(teamID: String, employeeIDs: [String]) async throws

    func employee(id: String) async throws -> Employee?
    /// The employee with this email (any case) and their password hash, for sign-in.
    func credentials(email: String) async throws -> (employee: Employee, passwordHash: String?)?
    func passwordHash(employeeID: String) async throws -> String?
    /// Employees ordered by name; `teamIDs` restricts to members of those teams, nil means all.
    func employees(teamIDs: Set<String>?, includeArchived: Bool, after: [String]?, limit: Int) async throws -> [Employee]
    func insertEmployee(_ employee: Employee, passwordHash: String?) async throws
    func updateEmployee(_ employee: Employee) async throws
    func setPasswordHash(employeeID: String, hash: String, at: Date) async throws
    func managedTeams(employeeID: String) async throws -> Set<String>
    func activeAdminCount() async throws -> Int
    /// The zone a person's days are counted in: their own, else their team's, else the organisation's
    /// (nil for an unknown person). One query.
    func effectiveTimeZone(employeeID: String) async throws -> String?
    /// People not archived (any role).
    func activeEmployeeCount() async throws -> Int
}
