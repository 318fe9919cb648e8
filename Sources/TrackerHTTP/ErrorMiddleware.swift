import Foundation
import Hummingbird
import Logging
import TrackerCore

/// Maps every error to the JSON error body with the right status. Unknown errors become a 500 that carries the
/// request id; their detail goes to the log only, so database text and secrets never reach a client.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any AppError {
            if error.kind == .internalError || error.kind == .unavailable {
                context.logger.warning("request failed", metadata: ["code": "\(error.code)"])
            }
            let body = ErrorBody(
                code: error.code, message: error.message,
                requestId: error.kind == .internalError ? context.id : nil
            )
            return body.response(status: error.kind.status, retryAfterSeconds: error.retryAfterSeconds)
        } catch let error as DecodingError {
            return ErrorBody(code: "invalid_body", message: Self.describe(error))
                .response(status: .badRequest)
        } catch let error as any HTTPResponseError {
            let status = error.status
            if status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
                return ErrorBody(code: "internal_error", message: "Internal error.", requestId: context.id)
                    .response(status: .internalServerError)
            }
            let message = (error as? HTTPError)?.body ?? status.reasonPhrase
            return ErrorBody(code: Self.code(for: status), message: message).response(status: status)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return ErrorBody(code: "internal_error", message: "Internal error.", requestId: context.id)
                .response(status: .internalServerError)
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce(into: "") { $0.append($1) }
    }

    /// A client-safe description naming the offending field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let joined = codingPath.reduce(into: "") { text, key in
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return joined.isEmpty ? "body" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): has the wrong type"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "body: is not valid JSON" }
            // Foundation says "Cannot initialize Role from invalid String value x" for unknown enum values.
            let detail = context.debugDescription.contains("Cannot initialize") ? "is not one of the allowed values" : context.debugDescription
            return "\(path(context.codingPath)): \(detail)"
        @unknown default:
            return "body: could not be decoded"
        }
    }
}
