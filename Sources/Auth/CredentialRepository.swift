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
    /// Whether the session (refresh-token family) `sessionID` of `employeeID` is still live at `now`: not revoked
    /// (logout, reuse, password change, archiving) and not expired. Access tokens are checked against it on every
    /// request, so revocation takes effect at once.
    func sessionIsLive(_ sessionID: String, employeeID: String, now: Date) async throws -> Bool

    func insertResetToken(_ token: ResetTokenRecord) async throws
    func resetToken(id: String) async throws -> ResetTokenRecord?
    /// Marks the token used; false if it was used already (one-time).
    func consumeResetToken(id: String, at: Date) async throws -> Bool

    /// Counts one sign-in attempt against `key` (e.g. `account:alice@example.com`, `address:10.0.0.5`) in one atomic
    /// statement, unless the key is locked at `now`; the attempt that brings the count to `policy.limit` or beyond
    /// locks the key in the same statement. Concurrent attempts therefore can never all see a count below the limit.
    func countAttempt(key: String, policy: ThrottlePolicy, now: Date) async throws -> ThrottleDecision
    /// Gives back the attempt of a successful sign-in (address keys) or clears the key (account keys).
    func releaseAttempt(key: String, clear: Bool) async throws
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

/// How a throttle key counts: `limit` attempts, then locked for `lockSeconds(count)`; counts older than
/// `forgetAfterSeconds` start again from one.
public struct ThrottlePolicy: Sendable {
    public var limit: Int
    /// Lock-out after the `count`-th attempt (count ≥ limit): base × 2^(count − limit), capped.
    public var lockSeconds: @Sendable (Int) -> Int
    public var forgetAfterSeconds: Int
}

public enum ThrottleDecision: Sendable, Equatable {
    /// This attempt was counted (the `count`-th); it may be verified.
    case counted(Int)
    /// The key was locked: not counted, refused for this many seconds.
    case locked(retryAfterSeconds: Int)
}
