import Foundation
import Hummingbird

extension Request {
    /// Decodes the JSON body with the API's conventions. Unlike Hummingbird's `decode`, a decoding failure
    /// reaches the error middleware as a `DecodingError`, whose message names the offending field
    /// (`role: …`, `events[3].timestamp: …`).
    /// - Parameter limit: the largest body accepted, in bytes (default: the context's 2 MiB); beyond it `413`.
    public func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext, limit: Int? = nil) async throws -> T {
        let buffer = try await body.collect(upTo: limit ?? context.maxUploadSize)
        return try JSONCoding.decoder.decode(T.self, from: Data(buffer: buffer))
    }
}
