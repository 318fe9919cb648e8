import Foundation
import JWTKit
import TrackerCore

/// Short-lived signed access tokens (JWT, HS256). Expiry is checked against the injected clock.
public struct AccessTokenIssuer: Sendable {
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        /// The refresh-token family (session) this access token belongs to.
        var sid: String?
        var typ: String

        func verify(using algorithm: some JWTAlgorithm) async throws {
            guard typ == "access" else { throw JWTError.claimVerificationFailure(failedClaim: exp, reason: "not an access token") }
        }
    }

    public struct Verified: Sendable, Equatable {
        public let employeeID: String
        public let sessionID: String?
    }

    private let keys: JWTKeyCollection
    private let ttl: Duration
    private let time: TimeSource

    /// - Parameter key: at least 32 bytes (checked by configuration; jwt-kit traps on shorter HMAC keys).
    public init(key: Secret<[UInt8]>, ttl: Duration, time: TimeSource) async {
        precondition(key.value.count >= AuthSettings.minimumKeyBytes, "signing key too short")
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key.value), digestAlgorithm: .sha256)
        self.keys = keys
        self.ttl = ttl
        self.time = time
    }

    public var lifetimeSeconds: Int { Int(ttl.components.seconds) }

    public func issue(employeeID: String, sessionID: String?) async throws -> String {
        let now = time.now
        let claims = Claims(
            sub: .init(value: employeeID), exp: .init(value: now.addingTimeInterval(TimeInterval(lifetimeSeconds))),
            iat: .init(value: now), sid: sessionID, typ: "access"
        )
        return try await keys.sign(claims)
    }

    /// Checks signature, type and expiry; throws `AuthError.invalidToken` / `.tokenExpired`.
    public func verify(_ token: String) async throws -> Verified {
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch {
            throw AuthError.invalidToken
        }
        guard time.now < claims.exp.value else { throw AuthError.tokenExpired }
        return Verified(employeeID: claims.sub.value, sessionID: claims.sid)
    }

    /// The expiry of a correctly signed access token, expired or not.
    func signedExpiry(_ token: String) async -> Date? {
        (try? await keys.verify(token, as: Claims.self))?.exp.value
    }
}
