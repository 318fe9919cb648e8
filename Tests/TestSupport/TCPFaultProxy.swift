import NIOCore
import NIOPosix
import Synchronization

/// A loopback TCP proxy in front of the test PostgreSQL that a test can take down and bring back, to reproduce
/// an outage exactly as the application sees one: existing connections drop, new ones are refused (nothing
/// listens on the port), and later the same address accepts again.
public final class TCPFaultProxy: Sendable {
    private struct State {
        var listener: (any Channel)?
        var connections: [any Channel] = []
    }

    public let port: Int
    private let upstreamHost: String
    private let upstreamPort: Int
    private let state = Mutex(State())

    private init(port: Int, upstreamHost: String, upstreamPort: Int) {
        self.port = port
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
    }

    /// Starts listening on a free loopback port (or not, when `up` is false: then the port is only reserved).
    public static func start(upstreamHost: String, upstreamPort: Int, up: Bool = true) async throws -> TCPFaultProxy {
        // Bind once to learn a free port, then release it unless the proxy starts "up".
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = probe.localAddress?.port ?? 0
        try await probe.close()
        let proxy = TCPFaultProxy(port: port, upstreamHost: upstreamHost, upstreamPort: upstreamPort)
        if up { try await proxy.bringUp() }
        return proxy
    }

    /// Accepts connections again on the same port.
    public func bringUp() async throws {
        let upstreamHost = self.upstreamHost
        let upstreamPort = self.upstreamPort
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [weak self] child in
                ClientBootstrap(group: child.eventLoop)
                    .channelInitializer { upstream in
                        upstream.eventLoop.makeCompletedFuture {
                            try upstream.pipeline.syncOperations.addHandler(Forwarder(peer: child))
                        }
                    }
                    .connect(host: upstreamHost, port: upstreamPort)
                    .flatMapThrowing { upstream in
                        self?.track(child, upstream)
                        try child.pipeline.syncOperations.addHandler(Forwarder(peer: upstream))
                    }
            }
            .bind(host: "127.0.0.1", port: port).get()
        state.withLock { $0.listener = listener }
    }

    /// Stops listening and drops every proxied connection.
    public func takeDown() async {
        let (listener, connections) = state.withLock { s in
            defer { s.listener = nil; s.connections = [] }
            return (s.listener, s.connections)
        }
        try? await listener?.close()
        for connection in connections { try? await connection.close() }
    }

    private func track(_ channels: any Channel...) {
        state.withLock { $0.connections.append(contentsOf: channels) }
    }
}

private final class Forwarder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let peer: any Channel

    init(peer: any Channel) {
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
