import Foundation

/// An enrolled agent device. Its token is shown once at enrolment and stored only as a hash.
public struct Device: Codable, Sendable, Equatable {
    public var id: String
    public var employeeId: String
    public var name: String
    public var platform: String
    public var createdAt: Date
    public var lastSeenAt: Date?
    public var revokedAt: Date?
    /// Paused remotely since then (nil: tracking).
    public var pausedAt: Date?
    /// What its agent last reported (`POST /api/agent/status`): its version, the configuration version it runs.
    public var agentVersion: String?
    public var configVersion: String?
    public var reportedAt: Date?
}
