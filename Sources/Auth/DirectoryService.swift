import Foundation
import TrackerCore

/// Teams and employees: validation, invariants (at least one active administrator, managers manage teams) and
/// what each role may see.
public struct DirectoryService: Sendable {
    public struct NewTeam: Decodable, Sendable {
        public var name: String
        public var timeZone: String?

        public init(name: String, timeZone: String? = nil) {
            self.name = name
            self.timeZone = timeZone
        }
    }

    public struct TeamChanges: Decodable, Sendable {
        public var name: String?
        public var timeZone: FieldUpdate<String> = .unchanged
        public var archived: Bool?

        enum CodingKeys: String, CodingKey { case name, timeZone, archived }

        public init(name: String? = nil, timeZone: FieldUpdate<String> = .unchanged, archived: Bool? = nil) {
            (self.name, self.timeZone, self.archived) = (name, timeZone, archived)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            timeZone = try c.decodeUpdate(String.self, forKey: .timeZone)
            archived = try c.decodeIfPresent(Bool.self, forKey: .archived)
        }
    }

    public struct NewEmployee: Decodable, Sendable {
        public var name: String
        public var email: String
        public var teamId: String?
        public var role: Role?
        public var timeZone: String?
        public var password: String?
        public var externalIds: [String: String]?

        public init(
            name: String, email: String, teamId: String? = nil, role: Role? = nil, timeZone: String? = nil,
            password: String? = nil, externalIds: [String: String]? = nil
        ) {
            self.name = name
            self.email = email
            self.teamId = teamId
            self.role = role
            self.timeZone = timeZone
            self.password = password
            self.externalIds = externalIds
        }
    }

    public struct EmployeeChanges: Decodable, Sendable {
        public var name: String?
        public var email: String?
        public var teamId: FieldUpdate<String> = .unchanged
        public var role: Role?
        public var timeZone: FieldUpdate<String> = .unchanged
        public var externalIds: [String: String]?
        public var status: Employee.Status?

        enum CodingKeys: String, CodingKey { case name, email, teamId, role, timeZone, externalIds, status }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            email = try c.decodeIfPresent(String.self, forKey: .email)
            teamId = try c.decodeUpdate(String.self, forKey: .teamId)
            role = try c.decodeIfPresent(Role.self, forKey: .role)
            timeZone = try c.decodeUpdate(String.self, forKey: .timeZone)
            externalIds = try c.decodeIfPresent([String: String].self, forKey: .externalIds)
            status = try c.decodeIfPresent(Employee.Status.self, forKey: .status)
        }
    }

    private let directory: any DirectoryRepository
    private let hasher: PasswordHasher
    private let time: TimeSource
    /// Forgets a person's device-token checks when they are archived (effective at once on this instance).
    private let deviceCache: DeviceTokenCache?

    init(directory: any DirectoryRepository, hasher: PasswordHasher, time: TimeSource, deviceCache: DeviceTokenCache?) {
        self.directory = directory
        self.hasher = hasher
        self.time = time
        self.deviceCache = deviceCache
    }

    // MARK: organisation

    public func organization() async throws -> Organization { try await directory.organization() }

    public func updateOrganization(name: String?, timeZone: String?, workWeek: [String]?, publicRanking: Bool?) async throws -> Organization {
        var org = try await directory.organization()
        if let name { org.name = try FieldValidation.text(name, field: "name") }
        if let timeZone { org.timeZone = try FieldValidation.timeZone(timeZone) }
        if let workWeek {
            let days = workWeek.map { $0.lowercased() }
            guard !days.isEmpty, Set(days).count == days.count, days.allSatisfy(Organization.weekdays.contains) else {
                throw SimpleAppError.invalid("workWeek", "must list distinct days from mon, tue, wed, thu, fri, sat, sun")
            }
            org.workWeek = Organization.weekdays.filter(days.contains)
        }
        if let publicRanking { org.publicRanking = publicRanking }
        try await directory.saveOrganization(org, at: time.now)
        return org
    }

    // MARK: teams

    public func createTeam(_ request: NewTeam) async throws -> Team {
        let now = time.now
        let team = Team(
            id: UUID().uuidString.lowercased(), name: try FieldValidation.text(request.name, field: "name", maxLength: 100),
            timeZone: try request.timeZone.map { try FieldValidation.timeZone($0) }, archived: false, managerIds: [],
            createdAt: now, updatedAt: now
        )
        try await directory.insertTeam(team)
        return team
    }

    public func team(_ id: String) async throws -> Team {
        guard let team = try await directory.team(id: id) else { throw DirectoryError.teamNotFound }
        return team
    }

    public func teams(visibleTo user: UserIdentity, includeArchived: Bool, after: [String]?, limit: Int) async throws -> [Team] {
        let ids: Set<String>? = user.role == .admin ? nil : user.managedTeams
        return try await directory.teams(ids: ids, includeArchived: includeArchived, after: after, limit: limit)
    }

    public func updateTeam(_ id: String, _ changes: TeamChanges) async throws -> Team {
        var team = try await team(id)
        if let name = changes.name { team.name = try FieldValidation.text(name, field: "name", maxLength: 100) }
        if case .set(let zone) = changes.timeZone { _ = try FieldValidation.timeZone(zone) }
        team.timeZone = changes.timeZone.apply(to: team.timeZone)
        if let archived = changes.archived { team.archived = archived }
        team.updatedAt = time.now
        try await directory.updateTeam(team)
        return team
    }

    /// Replaces the team's managers; each must be an active employee with the manager role.
    public func setManagers(teamID: String, employeeIDs: [String]) async throws -> Team {
        _ = try await team(teamID)
        guard employeeIDs.count <= 100 else { throw SimpleAppError.invalid("employeeIds", "at most 100") }
        for (index, raw) in employeeIDs.enumerated() {
            let id = try FieldValidation.id(raw, field: "employeeIds[\(index)]")
            guard let employee = try await directory.employee(id: id), employee.status == .active else {
                throw SimpleAppError(.unprocessable, code: "unknown_employee", message: "employeeIds[\(index)]: no active employee \(raw).")
            }
            guard employee.role == .manager else {
                throw SimpleAppError(.unprocessable, code: "not_a_manager", message: "employeeIds[\(index)]: \(employee.name) does not have the manager role.")
            }
        }
        try await directory.setManagers(teamID: teamID, employeeIDs: employeeIDs.map { $0.lowercased() })
        return try await team(teamID)
    }

    // MARK: employees

    public func createEmployee(_ request: NewEmployee) async throws -> Employee {
        let hasher = self.hasher
        return try await insertEmployee(request) {
            guard let password = request.password else { return nil }
            return try await hasher.hash(try FieldValidation.password(password))
        }
    }

    /// A password hashed once for many new accounts (demo data: one bcrypt per account at cost 12 would take minutes
    /// for a thousand people). Opaque, so callers cannot pass arbitrary strings as hashes.
    public struct SharedPasswordHash: Sendable { fileprivate let value: String }

    public func sharedPasswordHash(_ password: String) async throws -> SharedPasswordHash {
        SharedPasswordHash(value: try await hasher.hash(try FieldValidation.password(password)))
    }

    /// Creates an employee whose password is `password` (`request.password` is ignored).
    public func createEmployee(_ request: NewEmployee, password: SharedPasswordHash) async throws -> Employee {
        try await insertEmployee(request) { password.value }
    }

    /// Validates `request`, then hashes (only once everything else is valid: bcrypt is the expensive part) and stores.
    private func insertEmployee(_ request: NewEmployee, hash makeHash: () async throws -> String?) async throws -> Employee {
        let now = time.now
        var employee = Employee(
            id: UUID().uuidString.lowercased(),
            name: try FieldValidation.text(request.name, field: "name"),
            email: try FieldValidation.email(request.email),
            teamId: nil, role: request.role ?? .employee,
            timeZone: try request.timeZone.map { try FieldValidation.timeZone($0) },
            status: .active, externalIds: try Self.validExternalIDs(request.externalIds ?? [:]),
            managedTeamIds: [], createdAt: now, updatedAt: now
        )
        if let teamID = request.teamId { employee.teamId = try await existingTeam(teamID) }
        let hash = try await makeHash()
        try await directory.insertEmployee(employee, passwordHash: hash)
        return employee
    }

    public func updateEmployee(_ id: String, _ changes: EmployeeChanges) async throws -> Employee {
        guard var employee = try await directory.employee(id: id) else { throw DirectoryError.employeeNotFound }
        let wasActiveAdmin = employee.role == .admin && employee.status == .active
        if let name = changes.name { employee.name = try FieldValidation.text(name, field: "name") }
        if let email = changes.email { employee.email = try FieldValidation.email(email) }
        switch changes.teamId {
        case .unchanged: break
        case .clear: employee.teamId = nil
        case .set(let teamID): employee.teamId = try await existingTeam(teamID)
        }
        if let role = changes.role { employee.role = role }
        if case .set(let zone) = changes.timeZone { _ = try FieldValidation.timeZone(zone) }
        employee.timeZone = changes.timeZone.apply(to: employee.timeZone)
        if let external = changes.externalIds { employee.externalIds = try Self.validExternalIDs(external) }
        if let status = changes.status { employee.status = status }
        if wasActiveAdmin && (employee.role != .admin || employee.status != .active) {
            try await ensureAnotherAdmin()
        }
        employee.updatedAt = time.now
        if employee.role != .manager { employee.managedTeamIds = [] }
        try await directory.updateEmployee(employee)
        if employee.status != .active { deviceCache?.forget(employeeID: employee.id) }
        return employee
    }

    public func archiveEmployee(_ id: String) async throws -> Employee {
        var changes = EmployeeChanges()
        changes.status = .archived
        return try await updateEmployee(id, changes)
    }

    public func employees(visibleTo user: UserIdentity, teamID: String?, includeArchived: Bool, after: [String]?, limit: Int) async throws -> [Employee] {
        var teams: Set<String>? = user.role == .admin ? nil : user.managedTeams
        if let teamID {
            if let allowed = teams, !allowed.contains(teamID) { throw AccessError.forbidden("You may only list the teams you manage.") }
            teams = [teamID]
        }
        return try await directory.employees(teamIDs: teams, includeArchived: includeArchived, after: after, limit: limit)
    }

    private func existingTeam(_ raw: String) async throws -> String {
        guard let id = try? FieldValidation.id(raw, field: "teamId"),
              let team = try await directory.team(id: id), !team.archived
        else { throw DirectoryError.unknownTeam(raw) }
        return id
    }

    private func ensureAnotherAdmin() async throws {
        guard try await directory.activeAdminCount() > 1 else {
            throw SimpleAppError(.conflict, code: "last_admin", message: "The last active administrator cannot be archived or demoted.")
        }
    }

    static func validExternalIDs(_ ids: [String: String]) throws -> [String: String] {
        guard ids.count <= 10 else { throw SimpleAppError.invalid("externalIds", "at most 10 systems") }
        for (system, value) in ids {
            guard (1...32).contains(system.count), system.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw SimpleAppError.invalid("externalIds", "system names are 1–32 of a-z, 0-9, _ and -")
            }
            _ = try FieldValidation.text(value, field: "externalIds.\(system)", maxLength: 128)
        }
        return ids
    }
}
