import Foundation
import Hummingbird
import TrackerCore

/// `{"error":{"code":"…","message":"…"}}` — the only shape an error leaves the server in.
public struct ErrorBody: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        /// Present on 500s so a user can quote it and an operator can find the log line.
        public var requestId: String?

        public init(code: String, message: String, requestId: String? = nil) {
            self.code = code
            self.message = message
            self.requestId = requestId
        }
    }

    public var error: Detail

    public init(code: String, message: String, requestId: String? = nil) {
        self.error = Detail(code: code, message: message, requestId: requestId)
    }

    /// Builds the JSON response, with `Retry-After` when given.
    public func response(status: HTTPResponse.Status, retryAfterSeconds: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        let data = (try? JSONCoding.encoder.encode(self)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension ErrorKind {
    public var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .unprocessable: .unprocessableContent
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }
}
