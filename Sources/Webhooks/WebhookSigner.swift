import Crypto
import Foundation
import TrackerCore

/// `X-Tracker-Signature: sha256=<hex HMAC-SHA256 of the body with the receiver's secret>` — a receiver recomputes
/// it over the raw body and compares in constant time.
public enum WebhookSigner {
    public static let header = "X-Tracker-Signature"

    public static func signature(body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A new secret: 32 random bytes as hex.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
