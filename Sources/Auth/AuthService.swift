import Foundation
import Logging
import TrackerCore

/// Sign-in, token refresh with rotation and reuse detection, logout, and passwords.
public struct AuthService: Sendable {
    public struct Tokens: Codable, Sendable, Equatable {
        public var accessToken: String
        public var refreshToken: String
        /// Seconds until the access token expires.
        public var expiresIn: Int
        public var tokenType = "Bearer"
    }

    private let directory: any DirectoryRepository
    private let credentials: any CredentialRepository
    private let hasher: PasswordHasher
    private let issuer: AccessTokenIssuer
    private let throttle: LoginThrottle
    private let settings: AuthSettings
    private let time: TimeSource
    private let logger: Logger

    public init(
        directory: any DirectoryRepository, credentials: any CredentialRepository, hasher: PasswordHasher,
        issuer: AccessTokenIssuer, settings: AuthSettings, time: TimeSource, logger: Logger = Logger(label: "tracker.auth")
    ) {
        self.directory = directory
        self.credentials = credentials
        self.hasher = hasher
        self.issuer = issuer
        self.settings = settings
        self.time = time
        self.logger = logger
        self.throttle = LoginThrottle(repository: credentials, settings: settings, time: time, logger: logger)
    }

    /// Signs in with email and password. Unknown email and wrong password give the same error after the same
    /// amount of work; archived accounts cannot sign in. `adminOnly` is the admin sign-in.
    public func login(email: String, password: String, adminOnly: Bool, clientAddress: String) async throws -> Tokens {
        guard email.count <= FieldValidation.maxEmailLength, password.utf8.count <= FieldValidation.maxPasswordBytes else {
            throw AuthError.invalidCredentials
        }
        try await throttle.admit(email: email, address: clientAddress)
        let found = try await directory.credentials(email: email)
        guard let found, found.employee.status == .active, let hash = found.passwordHash else {
            try await hasher.verifyAgainstDummy(password)
            // No email in the log: a mistyped password pasted into the email field would land there.
            logger.info("sign-in failed", metadata: ["address": "\(clientAddress)", "reason": "unknown or inactive account"])
            throw AuthError.invalidCredentials
        }
        guard try await hasher.verify(password, hash: hash) else {
            logger.info("sign-in failed", metadata: ["address": "\(clientAddress)", "employee": "\(found.employee.id)", "reason": "wrong password"])
            throw AuthError.invalidCredentials
        }
        try await throttle.recordSuccess(email: email, address: clientAddress)
        if adminOnly && found.employee.role != .admin { throw AuthError.notAdministrator }
        return try await startSession(employeeID: found.employee.id, familyID: UUID().uuidString.lowercased())
    }

    /// Exchanges a refresh token for new tokens. The old one is spent; presenting a spent token again means it was
    /// stolen or replayed, so the whole session (token family) is revoked.
    public func refresh(_ token: String) async throws -> Tokens {
        guard let parsed = TokenSecrets.parse(token, as: .refresh),
              let record = try await credentials.refreshToken(id: parsed.id),
              TokenSecrets.matches(parsed.secret, storedHash: record.secretHash)
        else { throw AuthError.invalidToken }
        let now = time.now
        if record.revokedAt != nil { throw AuthError.invalidToken }
        if record.rotatedAt != nil {
            logger.warning("refresh-token reuse: session revoked", metadata: ["employee": "\(record.employeeID)", "session": "\(record.familyID)"])
            try await credentials.revokeRefreshFamily(record.familyID, at: now)
            throw AuthError.tokenReused
        }
        guard record.expiresAt > now else { throw AuthError.tokenExpired }
        guard let employee = try await directory.employee(id: record.employeeID), employee.status == .active else {
            try await credentials.revokeRefreshFamily(record.familyID, at: now)
            throw AuthError.invalidToken
        }
        let (next, nextToken) = makeRefreshToken(employeeID: employee.id, familyID: record.familyID)
        guard try await credentials.rotateRefreshToken(id: record.id, next: next, at: now) else {
            // Lost a race with another use of the same token: that is reuse too.
            logger.warning("refresh-token reuse: session revoked", metadata: ["employee": "\(record.employeeID)", "session": "\(record.familyID)"])
            try await credentials.revokeRefreshFamily(record.familyID, at: now)
            throw AuthError.tokenReused
        }
        let access = try await issuer.issue(employeeID: employee.id, sessionID: record.familyID)
        return Tokens(accessToken: access, refreshToken: nextToken, expiresIn: issuer.lifetimeSeconds)
    }

    /// Revokes the session: the family of `refreshToken` when given (and valid), else the caller's own session.
    public func logout(user: UserIdentity, refreshToken: String?) async throws {
        let now = time.now
        if let refreshToken, let parsed = TokenSecrets.parse(refreshToken, as: .refresh),
           let record = try await credentials.refreshToken(id: parsed.id),
           record.employeeID == user.employeeID,
           TokenSecrets.matches(parsed.secret, storedHash: record.secretHash) {
            try await credentials.revokeRefreshFamily(record.familyID, at: now)
        }
        if let session = user.sessionID {
            try await credentials.revokeRefreshFamily(session, at: now)
        }
    }

    public func changePassword(user: UserIdentity, current: String, new: String) async throws {
        let newPassword = try FieldValidation.password(new, field: "newPassword")
        guard let hash = try await directory.passwordHash(employeeID: user.employeeID),
              try await hasher.verify(current, hash: hash)
        else { throw AuthError.wrongCurrentPassword }
        try await directory.setPasswordHash(employeeID: user.employeeID, hash: try await hasher.hash(newPassword), at: time.now)
        // Every other session ends; the caller signs in again with the new password.
        try await credentials.revokeAllRefreshTokens(employeeID: user.employeeID, at: time.now)
    }

    /// An administrator starts a reset: a one-time token to hand to the person (shown once).
    public func createResetToken(for employeeID: String, by admin: UserIdentity) async throws -> (token: String, expiresAt: Date) {
        guard try await directory.employee(id: employeeID) != nil else { throw DirectoryError.employeeNotFound }
        let id = UUID().uuidString.lowercased()
        let (token, hash) = TokenSecrets.make(.reset, id: id)
        let now = time.now
        let expires = now.addingTimeInterval(TimeInterval(settings.resetTokenTTL.components.seconds))
        try await credentials.insertResetToken(
            ResetTokenRecord(id: id, employeeID: employeeID, secretHash: hash, createdBy: admin.employeeID, createdAt: now, expiresAt: expires)
        )
        return (token, expires)
    }

    /// Sets a new password with a one-time reset token; every session of the person is revoked.
    public func resetPassword(token: String, newPassword: String) async throws {
        let password = try FieldValidation.password(newPassword, field: "newPassword")
        guard let parsed = TokenSecrets.parse(token, as: .reset),
              let record = try await credentials.resetToken(id: parsed.id),
              TokenSecrets.matches(parsed.secret, storedHash: record.secretHash),
              record.usedAt == nil
        else { throw AuthError.invalidToken }
        let now = time.now
        guard record.expiresAt > now else { throw AuthError.tokenExpired }
        let hash = try await hasher.hash(password)
        guard try await credentials.consumeResetToken(id: record.id, at: now) else { throw AuthError.invalidToken }
        try await directory.setPasswordHash(employeeID: record.employeeID, hash: hash, at: now)
        try await credentials.revokeAllRefreshTokens(employeeID: record.employeeID, at: now)
    }

    private func startSession(employeeID: String, familyID: String) async throws -> Tokens {
        let (record, refreshToken) = makeRefreshToken(employeeID: employeeID, familyID: familyID)
        try await credentials.insertRefreshToken(record)
        let access = try await issuer.issue(employeeID: employeeID, sessionID: familyID)
        return Tokens(accessToken: access, refreshToken: refreshToken, expiresIn: issuer.lifetimeSeconds)
    }

    private func makeRefreshToken(employeeID: String, familyID: String) -> (RefreshTokenRecord, String) {
        let id = UUID().uuidString.lowercased()
        let (token, hash) = TokenSecrets.make(.refresh, id: id)
        let now = time.now
        let record = RefreshTokenRecord(
            id: id, familyID: familyID, employeeID: employeeID, secretHash: hash, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(settings.refreshTokenTTL.components.seconds))
        )
        return (record, token)
    }
}
