import Crypto
import Foundation
import TrackerCore

/// Opaque tokens (device, refresh, password reset, calendar feed) look like `pt<kind>_<id>_<secret>`. The id finds the row; the
/// secret is stored only as a SHA-256 hash and compared in constant time, so neither the database index nor the
/// comparison leaks how much of a guessed secret was right.
public enum TokenSecrets {
    public enum Kind: String, Sendable {
        case device = "ptd"
        case refresh = "ptr"
        case reset = "ptp"
        /// A person's calendar feed (the id is the person's).
        case calendar = "ptc"
    }

    public struct Parsed: Sendable, Equatable {
        public let kind: Kind
        public let id: String
        public let secret: String
    }

    /// A new token for the row `id`; returns the token (shown once) and the hash to store.
    public static func make(_ kind: Kind, id: String) -> (token: String, hash: String) {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let secret = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let compactID = id.replacingOccurrences(of: "-", with: "")
        return ("\(kind.rawValue)_\(compactID)_\(secret)", hash(secret))
    }

    public static func parse(_ token: String, as kind: Kind) -> Parsed? {
        guard token.count < 200 else { return nil }
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == kind.rawValue, parts[1].count == 32, !parts[2].isEmpty else { return nil }
        let hex = String(parts[1])
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        let chars = Array(hex.lowercased())
        let id = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
        return Parsed(kind: kind, id: id, secret: String(parts[2]))
    }

    public static func hash(_ secret: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Constant-time comparison of the secret's hash with the stored hash.
    public static func matches(_ secret: String, storedHash: String) -> Bool {
        let computed = Array(hash(secret).utf8)
        let stored = Array(storedHash.utf8)
        guard computed.count == stored.count else { return false }
        var difference: UInt8 = 0
        for index in computed.indices { difference |= computed[index] ^ stored[index] }
        return difference == 0
    }
}
