import Foundation
import Logging
import TrackerCore

/// Sign-in throttling per account and per client address, stored in the database so that every server instance
/// sees the same counts. Each attempt is counted *before* its password is checked, by one atomic statement per key
/// that also returns whether this attempt was the one counted: of 50 concurrent wrong passwords for one account
/// exactly `maxFailures` are verified and the rest get `429`. The attempt that reaches the limit locks the key for
/// `baseLockout`; after the lock ends one attempt is let through, and each further failure doubles the lock up to
/// `maxLockout`. A successful sign-in clears the account's key and gives its attempt back to the address.
public struct LoginThrottle: Sendable {
    private let repository: any CredentialRepository
    private let settings: AuthSettings
    private let time: TimeSource
    private let logger: Logger

    public init(repository: any CredentialRepository, settings: AuthSettings, time: TimeSource, logger: Logger) {
        self.repository = repository
        self.settings = settings
        self.time = time
        self.logger = logger
    }

    static func accountKey(_ email: String) -> String { "account:\(FieldValidation.emailKey(email))" }
    static func addressKey(_ address: String) -> String { "address:\(address)" }

    func policy(limit: Int) -> ThrottlePolicy {
        let base = Int(settings.baseLockout.components.seconds), cap = Int(settings.maxLockout.components.seconds)
        return ThrottlePolicy(
            limit: limit,
            lockSeconds: { count in min(cap, base << min(max(0, count - limit), 20)) },
            forgetAfterSeconds: cap
        )
    }

    /// Counts the attempt against the address, then the account; throws `AuthError.throttled` when either is
    /// locked (then the password is not checked at all).
    public func admit(email: String, address: String) async throws {
        let now = time.now
        let keys = [(Self.addressKey(address), settings.maxFailuresPerAddress, "address"), (Self.accountKey(email), settings.maxFailures, "account")]
        for (key, limit, kind) in keys {
            switch try await repository.countAttempt(key: key, policy: policy(limit: limit), now: now) {
            case .counted(let count):
                if count == limit {
                    // Logged once, by the attempt that locks; the address is not personal data of the account.
                    logger.notice("sign-in lock-out", metadata: ["key": "\(kind)", "address": "\(address)", "attempts": "\(count)"])
                }
            case .locked(let seconds):
                throw AuthError.throttled(retryAfterSeconds: seconds)
            }
        }
    }

    public func recordSuccess(email: String, address: String) async throws {
        try await repository.releaseAttempt(key: Self.accountKey(email), clear: true)
        try await repository.releaseAttempt(key: Self.addressKey(address), clear: false)
    }
}
