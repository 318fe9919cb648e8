import Foundation
import TrackerCore

/// Agent devices: enrolment (token shown once), listing, revocation, and token checks.
public struct DeviceService: Sendable {
    public struct Enrolled: Codable, Sendable {
        public var device: Device
        /// Shown once; only its hash is stored.
        public var token: String
    }

    static let platforms: Set<String> = ["windows", "macos", "linux", "other"]

    private let devices: any DeviceRepository
    private let directory: any DirectoryRepository
    private let time: TimeSource
    private let cache: DeviceTokenCache
    private let agentSettings: AgentSettingsService

    init(devices: any DeviceRepository, directory: any DirectoryRepository, time: TimeSource, cache: DeviceTokenCache,
         agentSettings: AgentSettingsService) {
        self.devices = devices
        self.directory = directory
        self.time = time
        self.cache = cache
        self.agentSettings = agentSettings
    }

    public func enrol(employeeID: String, name: String, platform: String) async throws -> Enrolled {
        let name = try FieldValidation.text(name, field: "name", maxLength: 100)
        let platform = platform.lowercased()
        guard Self.platforms.contains(platform) else {
            throw SimpleAppError.invalid("platform", "must be one of \(Self.platforms.sorted().joined(separator: ", "))")
        }
        guard let employee = try await directory.employee(id: employeeID) else { throw DirectoryError.employeeNotFound }
        guard employee.status == .active else {
            throw SimpleAppError(.unprocessable, code: "employee_archived", message: "Archived employees cannot enrol devices.")
        }
        let id = UUID().uuidString.lowercased()
        let (token, hash) = TokenSecrets.make(.device, id: id)
        let device = Device(id: id, employeeId: employeeID, name: name, platform: platform, createdAt: time.now)
        try await devices.insert(device, secretHash: hash)
        return Enrolled(device: device, token: token)
    }

    public func list(employeeID: String) async throws -> [Device] {
        try await devices.devices(employeeID: employeeID)
    }

    /// Revokes one of `employeeID`'s devices; effective on its next request.
    public func revoke(deviceID: String, employeeID: String) async throws {
        guard let device = try await devices.device(id: deviceID), device.employeeId == employeeID else {
            throw DirectoryError.deviceNotFound
        }
        try await devices.revoke(id: deviceID, at: time.now)
        cache.forget(deviceID: deviceID)
    }

    /// Pauses or resumes one of `employeeID`'s live devices; returns it as it is now. Effective at its next request
    /// on this instance, and within the token cache's ttl on others (as revocation).
    public func setPaused(_ paused: Bool, deviceID: String, employeeID: String, by actor: String) async throws -> Device {
        guard let device = try await devices.device(id: deviceID), device.employeeId == employeeID, device.revokedAt == nil else {
            throw DirectoryError.deviceNotFound
        }
        // Pausing a paused device keeps when it was first paused.
        if paused != (device.pausedAt != nil) {
            try await devices.setPaused(id: deviceID, at: paused ? time.now : nil, by: paused ? actor : nil)
        }
        cache.forget(deviceID: deviceID)
        return try await devices.device(id: deviceID) ?? device
    }

    /// What the agent reports about itself: its version and the configuration version it applied (shown in the
    /// device list, so an administrator sees which devices run an old configuration).
    public func report(_ device: DeviceIdentity, agentVersion: String?, appliedConfig: String?) async throws {
        let agentVersion = try agentVersion.map { try FieldValidation.text($0, field: "agentVersion", maxLength: 64) }
        let appliedConfig = try appliedConfig.map { try FieldValidation.text($0, field: "configVersion", maxLength: 64) }
        try await devices.report(id: device.deviceID, agentVersion: agentVersion, appliedConfig: appliedConfig, at: time.now)
    }

    /// People with a live device seen since `since` ("active now"), most recent sighting each: of `employeeIDs`, or
    /// (nil) of the whole organisation, archived people excluded.
    public func lastSeen(since: Date, employeeIDs: [String]?) async throws -> [(employee: String, lastSeen: Date)] {
        if let employeeIDs, employeeIDs.isEmpty { return [] }
        return try await devices.lastSeen(since: since, employeeIDs: employeeIDs)
    }

    /// Records that a device was seen at `at` without a request of its own (demo data: people working right now).
    public func markSeen(deviceID: String, at: Date) async throws {
        try await devices.touch(id: deviceID, at: at)
    }

    /// Checks a device token: live device, active employee. Records when the device was last seen (at most once a
    /// minute). A check is trusted for the cache's ttl (see `DeviceTokenCache`); the secret is compared every time.
    public func authenticate(_ token: String) async throws -> DeviceIdentity {
        guard let parsed = TokenSecrets.parse(token, as: .device) else { throw AuthError.invalidToken }
        if let known = cache.fresh(parsed.id, now: time.now) {
            guard TokenSecrets.matches(parsed.secret, storedHash: known.secretHash) else { throw AuthError.invalidToken }
            return known.identity
        }
        guard let found = try await devices.credentials(id: parsed.id),
              TokenSecrets.matches(parsed.secret, storedHash: found.secretHash),
              found.device.revokedAt == nil, found.ownerActive
        else { throw AuthError.invalidToken }
        let now = time.now
        if found.device.lastSeenAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await devices.touch(id: found.device.id, at: now)
        }
        let identity = DeviceIdentity(deviceID: found.device.id, employeeID: found.device.employeeId, paused: found.device.pausedAt != nil,
                                      policy: try await agentSettings.policy(employeeID: found.device.employeeId))
        cache.remember(.init(identity: identity, secretHash: found.secretHash, checkedAt: now))
        return identity
    }
}
