import Foundation

/// Refresh tokens, password-reset tokens and the sign-in throttle.
public protocol CredentialRepository: Sendable {
    func insertRefreshToken(_ token: RefreshTokenRecord) async throws
    func refreshToken(id: String) async throws -> RefreshTokenRecord?
    /// Marks `id` rotated and inserts `next` in one transaction; false (nothing written) if `id` was already
    /// rotated or revoked meanwhile — a concurrent refresh with the same token loses.
    func rotateRefreshToken(id: String, next: RefreshTokenRecord, at: Date) async throws -> Bool
    func revokeRefreshFamily(_ familyID: String, at: Date) async throws
    func revokeAllRefreshTokens(employeeID: String, at: Date) async throws

    func insertResetToken(_ token: ResetTokenRecord) async throws
    func resetToken(id: String) async throws -> ResetTokenRecord?
    /// Marks the token used; false if it was used already (one-time).
    func consumeResetToken(id: String, at: Date) async throws -> Bool

    /// The throttle state of `key` (e.g. `account:alice@example.com`, `address:10.0.0.5`).
    func throttle(key: String) async throws -> ThrottleRecord?
    func saveThrottle(_ record: ThrottleRecord) async throws
    func clearThrottle(key: String) async throws
}

public struct RefreshTokenRecord: Sendable, Equatable {
    public var id: String
    public var familyID: String
    public var employeeID: String
    public var secretHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var rotatedAt: Date?
    public var revokedAt: Date?
}

public struct ResetTokenRecord: Sendable, Equatable {
    public var id: String
    public var employeeID: String
    public var secretHash: String
    public var createdBy: String
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?
}

public struct ThrottleRecord: Sendable, Equatable {
    public var key: String
    public var failures: Int
    public var lastFailureAt: Date
    public var lockedUntil: Date?
}
