import Testing
import TrackerHTTP

@Suite("Trusted proxies")
struct TrustedProxiesTests {
    static let proxies = TrustedProxies(["10.0.0.0/8", "::1", "fd00::/8"].compactMap(IPNetwork.init))

    @Test("networks parse and match, IPv4 and IPv6; bad ones are refused")
    func networks() {
        #expect(IPNetwork("10.0.0.0/8")?.contains("10.200.3.4") == true)
        #expect(IPNetwork("10.0.0.0/8")?.contains("11.0.0.1") == false)
        #expect(IPNetwork("192.168.1.7")?.contains("192.168.1.7") == true)
        #expect(IPNetwork("192.168.1.0/25")?.contains("192.168.1.200") == false)
        #expect(IPNetwork("::1")?.contains("::1") == true)
        #expect(IPNetwork("fd00::/8")?.contains("fd12:3456::1") == true)
        #expect(IPNetwork("127.0.0.0/8")?.contains("::ffff:127.0.0.1") == true)
        for bad in ["10.0.0.0/33", "::1/129", "10.0.0/8", "proxy.local", "", "10.0.0.0/", "1.2.3.4/-1"] {
            #expect(IPNetwork(bad) == nil, "\(bad)")
        }
    }

    @Test("forwarding headers count only from a trusted peer; the nearest untrusted hop is the client")
    func clientAddress() {
        let p = Self.proxies
        // No trusted peer: headers are ignored (a client cannot pick its own throttle key).
        #expect(p.clientAddress(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], forwarded: []) == "203.0.113.9")
        #expect(TrustedProxies.none.clientAddress(peer: "10.0.0.1", forwardedFor: ["1.2.3.4"], forwarded: []) == "10.0.0.1")
        // Through one trusted proxy.
        #expect(p.clientAddress(peer: "10.0.0.1", forwardedFor: ["198.51.100.7"], forwarded: []) == "198.51.100.7")
        // A client that prepends a fake hop does not get to choose: the rightmost untrusted one wins.
        #expect(p.clientAddress(peer: "10.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.7, 10.1.1.1"], forwarded: []) == "198.51.100.7")
        // Several header lines are one list.
        #expect(p.clientAddress(peer: "::1", forwardedFor: ["6.6.6.6", "198.51.100.8"], forwarded: []) == "198.51.100.8")
        // RFC 7239 Forwarded, with a quoted IPv6 and port.
        #expect(p.clientAddress(peer: "10.0.0.1", forwardedFor: [], forwarded: [#"for="[2001:db8::17]:4711";proto=https"#]) == "2001:db8::17")
        #expect(p.clientAddress(peer: "10.0.0.1", forwardedFor: [], forwarded: ["for=192.0.2.60;proto=http, for=10.0.0.5"]) == "192.0.2.60")
        // Garbage stops the walk at the last good hop.
        #expect(p.clientAddress(peer: "10.0.0.1", forwardedFor: ["not-an-ip"], forwarded: []) == "10.0.0.1")
    }
}
