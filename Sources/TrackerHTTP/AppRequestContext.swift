import Foundation
import Hummingbird
import TrackerCore

/// The request context every route of the application uses.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware when the request carried a valid bearer token.
    public var identity: Identity?
    /// The TCP peer's IP address, without the port.
    public let peerAddress: String
    /// The client's IP address (for sign-in throttling and logs): the peer, or what a trusted proxy says it forwarded
    /// for (`ClientAddressMiddleware`).
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.clientAddress = peerAddress
    }

    /// JSON in: camelCase keys, RFC 3339 timestamps with any offset.
    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    /// JSON out: camelCase keys, RFC 3339 timestamps in UTC.
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
}
