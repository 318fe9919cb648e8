import Foundation

/// Polls `condition` every `interval` until it is true or `timeout` passes; returns the time it took, or nil.
public func waitUntil(
    timeout: Duration, interval: Duration = .milliseconds(100), _ condition: @Sendable () async throws -> Bool
) async rethrows -> Duration? {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < timeout {
        if try await condition() { return ContinuousClock.now - start }
        try? await Task.sleep(for: interval)
    }
    return nil
}

/// A free loopback TCP port (bound and released), chosen below the kernel's ephemeral range: a port from that range
/// may be taken as the local end of some other test's outgoing connection before the server binds it.
public func freePort() throws -> Int {
    for _ in 0..<200 {
        let port = Int.random(in: 10_000..<32_000)
        if canBind(port) { return port }
    }
    throw POSIXError(.EADDRINUSE)
}

private func canBind(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let len = socklen_t(MemoryLayout<sockaddr_in>.size)
    return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } } == 0
}

extension Duration {
    public var secondsDouble: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// True when something accepts TCP connections on 127.0.0.1:`port`.
public func portAcceptsConnections(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return result == 0
}
