import Foundation
import Hummingbird
import TrackerCore

/// Agent configuration for the organisation, a team or a person (administrators), resolved most-specific-first
/// into each device's `AgentPolicy`. Devices carry their policy in their (cached) identity, so a change forgets
/// every cached identity: this instance applies it at the next request, others within the cache's ttl.
public struct AgentSettingsService: Sendable {
    public struct Level: ResponseCodable, Sendable {
        public var scope: String
        /// The team's or person's id; absent for the organisation.
        public var id: String?
        public var settings: AgentSettings
        public var updatedBy: String?
        public var updatedAt: Date?
    }

    public struct Overview: ResponseCodable, Sendable {
        public var organization: Level
        public var teams: [Level]
        public var people: [Level]
    }

    public struct Effective: ResponseCodable, Sendable {
        public var employeeId: String
        public var settings: AgentPolicy.Resolved
        public var version: String
    }

    let store: AgentSettingsStore
    let directory: any DirectoryRepository
    let cache: DeviceTokenCache
    let time: TimeSource

    public func overview() async throws -> Overview {
        let rows = try await store.all()
        let level = { (row: AgentSettingsStore.Row) in
            Level(scope: row.scope.rawValue, id: row.scope == .organization ? nil : row.id, settings: row.settings,
                  updatedBy: row.updatedBy, updatedAt: row.updatedAt)
        }
        return Overview(
            organization: rows.first { $0.scope == .organization }.map(level) ?? Level(scope: "organization", settings: AgentSettings()),
            teams: rows.filter { $0.scope == .team }.map(level),
            people: rows.filter { $0.scope == .person }.map(level)
        )
    }

    public func setOrganization(_ settings: AgentSettings, by actor: String) async throws -> Level {
        try await put(.organization, id: "", settings, by: actor)
    }

    public func setTeam(_ teamID: String, _ settings: AgentSettings, by actor: String) async throws -> Level {
        guard try await directory.team(id: teamID) != nil else { throw DirectoryError.teamNotFound }
        return try await put(.team, id: teamID, settings, by: actor)
    }

    public func setPerson(_ employeeID: String, _ settings: AgentSettings, by actor: String) async throws -> Level {
        guard try await directory.employee(id: employeeID) != nil else { throw DirectoryError.employeeNotFound }
        return try await put(.person, id: employeeID, settings, by: actor)
    }

    /// Removes a team's or person's level (they inherit again); `404` when it had none.
    public func remove(team teamID: String? = nil, person employeeID: String? = nil) async throws {
        let (scope, id): (AgentSettingsStore.Scope, String) = teamID.map { (.team, $0) } ?? (.person, employeeID ?? "")
        guard try await store.delete(scope, id: id) else {
            throw SimpleAppError(.notFound, code: "agent_settings_not_found", message: "This \(scope.rawValue) has no agent settings of its own.")
        }
        cache.forgetAll()
    }

    /// What `employeeID`'s devices run with.
    public func policy(employeeID: String) async throws -> AgentPolicy {
        AgentPolicy(levels: try await store.levels(employeeID: employeeID))
    }

    public func effective(employeeID: String) async throws -> Effective {
        let policy = try await policy(employeeID: employeeID)
        return Effective(employeeId: employeeID, settings: policy.settings, version: policy.version)
    }

    private func put(_ scope: AgentSettingsStore.Scope, id: String, _ settings: AgentSettings, by actor: String) async throws -> Level {
        let valid = try settings.validated()
        let now = time.now
        try await store.put(.init(scope: scope, id: id, settings: valid, updatedBy: actor, updatedAt: now))
        cache.forgetAll()
        return Level(scope: scope.rawValue, id: scope == .organization ? nil : id, settings: valid, updatedBy: actor, updatedAt: now)
    }
}
