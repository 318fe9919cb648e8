/// Refusals of the access rules: not signed in (401) or not allowed (403).
public enum AccessError: AppError, Equatable {
    case notAuthenticated
    case forbidden(String)

    public var kind: ErrorKind {
        switch self {
        case .notAuthenticated: .unauthorized
        case .forbidden: .forbidden
        }
    }

    public var code: String {
        switch self {
        case .notAuthenticated: "unauthorized"
        case .forbidden: "forbidden"
        }
    }

    public var message: String {
        switch self {
        case .notAuthenticated: "Sign in first: send Authorization: Bearer <token>."
        case .forbidden(let why): why
        }
    }
}
