import HTTPTypes
import Hummingbird

/// Sets `context.clientAddress` from the forwarding headers when the TCP peer is a trusted proxy.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let proxies: TrustedProxies

    public init(proxies: TrustedProxies) { self.proxies = proxies }

    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")
    static let forwarded = HTTPField.Name("Forwarded")

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !proxies.networks.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = proxies.clientAddress(
            peer: context.peerAddress,
            forwardedFor: Self.xForwardedFor.map { request.headers[values: $0] } ?? [],
            forwarded: Self.forwarded.map { request.headers[values: $0] } ?? []
        )
        return try await next(request, context)
    }
}
