import Foundation
import Hummingbird
import TrackerCore

extension Request {
    /// Decodes the JSON body with the API's conventions. Unlike Hummingbird's `decode`, a decoding failure
    /// reaches the error middleware as a `DecodingError`, whose message names the offending field
    /// (`role: …`, `events[3].timestamp: …`).
    /// - Parameter limit: the largest body accepted, in bytes (default: the context's 2 MiB); beyond it `413`.
    public func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext, limit: Int? = nil) async throws -> T {
        let buffer = try await collectBody(upTo: limit ?? context.maxUploadSize)
        return try JSONCoding.decoder.decode(T.self, from: Data(buffer: buffer))
    }

    /// The whole body, at most `limit` bytes (`413` beyond). A body the client framed badly (malformed chunked
    /// encoding, cut short) is a `400`, not a `500`: its fault, not ours.
    public func collectBody(upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch let error as HTTPError {
            throw error  // 413 and friends
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SimpleAppError(.badRequest, code: "invalid_body", message: "body: could not be read (malformed or incomplete request body)")
        }
    }
}

extension Request {
    /// An optional RFC 3339 timestamp query parameter within `DateBounds`; a `400` naming it otherwise.
    public func dateQuery(_ name: String) throws -> Date? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        return try RFC3339.parameter(String(text), name: name)
    }
}

extension RFC3339 {
    /// `text` parsed, or a `400` naming `name`.
    public static func parameter(_ text: String, name: String) throws -> Date {
        guard let date = parse(text) else { throw SimpleAppError.invalid(name, expectation) }
        return date
    }
}
