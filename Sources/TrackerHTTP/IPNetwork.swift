import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `::1/128`; a bare address is a single host).
public struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    /// 4 or 16 bytes.
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = Self.parse(String(parts[0])) else { return nil }
        let maxPrefix = address.count * 8
        if parts.count == 2 {
            guard parts[1].count <= 3, let prefix = Int(parts[1]), (0...maxPrefix).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            self.prefix = maxPrefix
        }
        bytes = address
    }

    public var description: String { "\(Self.format(bytes))/\(prefix)" }

    public func contains(_ address: String) -> Bool {
        guard let other = Self.parse(address) else { return false }
        let candidate = other.count == bytes.count ? other : Self.unmappedIPv4(other) ?? []
        guard candidate.count == bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(bytes, candidate) where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// `::ffff:a.b.c.d` seen as IPv4 (dual-stack sockets report IPv4 peers that way).
    static func unmappedIPv4(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return nil }
        return Array(bytes[12...])
    }

    /// The address's bytes (4 or 16), or nil when `text` is not a literal IP address.
    public static func parse(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func format(_ bytes: [UInt8]) -> String {
        bytes.count == 4 ? bytes.map(String.init).joined(separator: ".")
            : stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }
}

/// Which peers may tell us the client's address (`X-Forwarded-For`, `Forwarded`): the reverse proxies in front of
/// the server. With none configured the TCP peer is the client, whatever headers say — a client cannot spoof
/// its way past the sign-in throttle.
public struct TrustedProxies: Sendable, Equatable {
    public let networks: [IPNetwork]

    public init(_ networks: [IPNetwork]) { self.networks = networks }

    public static let none = TrustedProxies([])

    public func trusts(_ address: String) -> Bool { networks.contains { $0.contains(address) } }

    /// The client's address: walking the forwarding chain from the nearest hop back, the first address that is not
    /// a trusted proxy (or the farthest one, if every hop is trusted). The chain is only read when the peer itself is
    /// trusted; malformed entries end the walk there.
    public func clientAddress(peer: String, forwardedFor: [String], forwarded: [String]) -> String {
        guard trusts(peer) else { return peer }
        let chain = Self.forwardedChain(forwarded) ?? Self.xForwardedForChain(forwardedFor)
        var client = peer
        for hop in chain.reversed().prefix(32) {
            guard IPNetwork.parse(hop) != nil else { break }
            client = hop
            if !trusts(hop) { break }
        }
        return client
    }

    static func xForwardedForChain(_ headers: [String]) -> [String] {
        headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// RFC 7239 `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"`; nil when absent.
    static func forwardedChain(_ headers: [String]) -> [String]? {
        let elements = headers.flatMap { $0.split(separator: ",") }
        guard !elements.isEmpty else { return nil }
        return elements.map { element in
            let pair = element.split(separator: ";").first { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("for=") }
            var value = pair.map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(4)) } ?? ""
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if value.hasPrefix("[") { return String(value.dropFirst().prefix { $0 != "]" }) }
            if value.filter({ $0 == ":" }).count == 1 { return String(value.prefix { $0 != ":" }) }
            return value
        }
    }
}
