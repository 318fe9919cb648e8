/// What a person may do. Ordered by reach: admin ⊃ manager ⊃ employee.
public enum Role: String, Sendable, Codable, CaseIterable, Equatable {
    case employee
    case manager
    case admin
}

/// Who is asking, established once per request by the authentication middleware.
public enum Identity: Sendable, Equatable {
    /// A signed-in person. `managedTeams` is loaded fresh with each request, so changes apply at once.
    case user(UserIdentity)
    /// An agent device: may send activity for its employee and read its own configuration, nothing else.
    case device(DeviceIdentity)
}

public struct UserIdentity: Sendable, Equatable {
    public let employeeID: String
    public let role: Role
    public let teamID: String?
    public let managedTeams: Set<String>
    /// The refresh-token family of the session (lets logout revoke it without the refresh token).
    public let sessionID: String?

    public init(employeeID: String, role: Role, teamID: String?, managedTeams: Set<String>, sessionID: String?) {
        self.employeeID = employeeID
        self.role = role
        self.teamID = teamID
        self.managedTeams = managedTeams
        self.sessionID = sessionID
    }

    public var isAdmin: Bool { role == .admin }
}

public struct DeviceIdentity: Sendable, Equatable {
    public let deviceID: String
    public let employeeID: String
    /// Paused remotely: what it sends is dropped, never stored.
    public let paused: Bool
    /// The agent configuration resolved for its person (travels with the identity, so ingest applies it for free).
    public let policy: AgentPolicy

    public init(deviceID: String, employeeID: String, paused: Bool = false, policy: AgentPolicy = .standard) {
        self.deviceID = deviceID
        self.employeeID = employeeID
        self.paused = paused
        self.policy = policy
    }
}
