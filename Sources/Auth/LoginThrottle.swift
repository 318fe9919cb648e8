import Foundation
import TrackerCore

/// Sign-in throttling per account and per client address, stored in the database so that every server instance
/// sees the same counts. After `maxFailures` failures of an account (`maxFailuresPerAddress` from one address) a key is locked for `baseLockout`, doubling with each
/// further failure up to `maxLockout`; a successful sign-in clears the account's key.
public struct LoginThrottle: Sendable {
    private let repository: any CredentialRepository
    private let settings: AuthSettings
    private let time: TimeSource

    public init(repository: any CredentialRepository, settings: AuthSettings, time: TimeSource) {
        self.repository = repository
        self.settings = settings
        self.time = time
    }

    static func accountKey(_ email: String) -> String { "account:\(FieldValidation.emailKey(email))" }
    static func addressKey(_ address: String) -> String { "address:\(address)" }

    /// Throws `AuthError.throttled` while either key is locked.
    public func check(email: String, address: String) async throws {
        let now = time.now
        var wait = 0
        for key in [Self.accountKey(email), Self.addressKey(address)] {
            if let lockedUntil = try await repository.throttle(key: key)?.lockedUntil, lockedUntil > now {
                wait = max(wait, Int(lockedUntil.timeIntervalSince(now).rounded(.up)))
            }
        }
        if wait > 0 { throw AuthError.throttled(retryAfterSeconds: wait) }
    }

    public func recordFailure(email: String, address: String) async throws {
        let now = time.now
        for (key, limit) in [(Self.accountKey(email), settings.maxFailures), (Self.addressKey(address), settings.maxFailuresPerAddress)] {
            var record = try await repository.throttle(key: key) ?? ThrottleRecord(key: key, failures: 0, lastFailureAt: now)
            // Failures older than the longest lock-out are forgiven.
            if now.timeIntervalSince(record.lastFailureAt) > Double(settings.maxLockout.components.seconds) { record.failures = 0 }
            record.failures += 1
            record.lastFailureAt = now
            if record.failures >= limit {
                let exponent = min(record.failures - limit, 20)
                let seconds = min(Double(settings.baseLockout.components.seconds) * pow(2, Double(exponent)),
                                  Double(settings.maxLockout.components.seconds))
                record.lockedUntil = now.addingTimeInterval(seconds)
            }
            try await repository.saveThrottle(record)
        }
    }

    public func recordSuccess(email: String) async throws {
        try await repository.clearThrottle(key: Self.accountKey(email))
    }
}
