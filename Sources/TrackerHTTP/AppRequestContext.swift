import Foundation
import Hummingbird

/// The request context every route of the application uses. Later features add the authenticated identity here.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// JSON in: camelCase keys, RFC 3339 timestamps with any offset.
    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    /// JSON out: camelCase keys, RFC 3339 timestamps in UTC.
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
}
