import TrackerCore

/// Sign-in and token settings. Parsed and validated by TrackerApp's configuration loader.
public struct AuthSettings: Sendable {
    /// HMAC-SHA256 key for access tokens (≥ 32 bytes). Never logged.
    public var signingKey: Secret<[UInt8]>
    /// bcrypt cost (`TRACKER_BCRYPT_COST`, default 12; tests use 4).
    public var bcryptCost: Int = 12
    /// Access-token lifetime (`TRACKER_ACCESS_TOKEN_TTL`, default 15 minutes).
    public var accessTokenTTL: Duration = .seconds(15 * 60)
    /// Refresh-token lifetime (`TRACKER_REFRESH_TOKEN_TTL`, default 30 days).
    public var refreshTokenTTL: Duration = .seconds(30 * 24 * 3600)
    /// One-time password-reset token lifetime (default 24 hours).
    public var resetTokenTTL: Duration = .seconds(24 * 3600)
    /// Failed sign-ins of one account before a lock-out.
    public var maxFailures: Int = 5
    /// Failed sign-ins from one client address (any accounts) before a lock-out; higher, because an office or
    /// a proxy puts many people behind one address.
    public var maxFailuresPerAddress: Int = 20
    /// First lock-out; each further failure doubles it, up to `maxLockout`.
    public var baseLockout: Duration = .seconds(30)
    public var maxLockout: Duration = .seconds(15 * 60)
    /// How long access-log entries are kept (`TRACKER_ACCESS_LOG_RETENTION_DAYS`, default 400 days).
    public var accessLogRetention: Duration = .seconds(400 * 86_400)
    /// How long a device-token check is trusted on one instance (`TRACKER_DEVICE_AUTH_CACHE_SECONDS`, default 5;
    /// 0 = check every request): the bound on how late a revocation or archiving made on *another* instance
    /// takes effect on this one (on the instance that made it, at once).
    public var deviceAuthCache: Duration = .seconds(5)

    public init(signingKey: [UInt8]) {
        self.signingKey = Secret(signingKey)
    }

    public static let minimumKeyBytes = 32
}
