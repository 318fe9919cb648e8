/// The family of an error as a client sees it; `TrackerApp` maps each kind to one HTTP status.
public enum ErrorKind: String, Sendable, Equatable {
    case badRequest          // 400
    case unauthorized        // 401
    case forbidden           // 403
    case notFound            // 404
    case conflict            // 409
    case payloadTooLarge     // 413
    case unprocessable       // 422
    case tooManyRequests     // 429
    case unavailable         // 503
    case internalError       // 500
}

/// An error every layer may throw and the error middleware turns into
/// `{"error":{"code","message"}}`. `message` must be safe to show a client: never database text or secrets.
public protocol AppError: Error, Sendable {
    var kind: ErrorKind { get }
    /// A stable machine-readable code, e.g. `database_unavailable`.
    var code: String { get }
    /// A human-readable, client-safe explanation.
    var message: String { get }
    /// Seconds a client should wait before retrying (`Retry-After`), if any.
    var retryAfterSeconds: Int? { get }
}

extension AppError {
    public var retryAfterSeconds: Int? { nil }
}

/// A plain `AppError` for cases that need no enum of their own (validation of one field, etc.).
public struct SimpleAppError: AppError, Equatable {
    public let kind: ErrorKind
    public let code: String
    public let message: String
    public let retryAfterSeconds: Int?

    public init(_ kind: ErrorKind, code: String, message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A `400` naming the offending field or parameter.
    public static func invalid(_ field: String, _ reason: String) -> SimpleAppError {
        SimpleAppError(.badRequest, code: "invalid_\(field)", message: "\(field): \(reason)")
    }
}
