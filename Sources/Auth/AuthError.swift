import TrackerCore

/// Sign-in, token and account errors. Messages never say whether an email exists.
public enum AuthError: AppError, Equatable {
    case invalidCredentials
    case notAdministrator
    case invalidToken
    case tokenExpired
    case tokenReused
    case throttled(retryAfterSeconds: Int)
    case weakPassword(String)
    case wrongCurrentPassword

    public var kind: ErrorKind {
        switch self {
        case .invalidCredentials, .invalidToken, .tokenExpired, .tokenReused: .unauthorized
        case .notAdministrator: .forbidden
        case .throttled: .tooManyRequests
        case .weakPassword: .badRequest
        case .wrongCurrentPassword: .forbidden
        }
    }

    public var code: String {
        switch self {
        case .invalidCredentials: "invalid_credentials"
        case .notAdministrator: "not_administrator"
        case .invalidToken: "invalid_token"
        case .tokenExpired: "token_expired"
        case .tokenReused: "token_reused"
        case .throttled: "too_many_attempts"
        case .weakPassword: "invalid_password"
        case .wrongCurrentPassword: "wrong_password"
        }
    }

    public var message: String {
        switch self {
        case .invalidCredentials: "Email or password is wrong."
        case .notAdministrator: "This sign-in is for administrators; use /api/employee/login."
        case .invalidToken: "The token is invalid or has been revoked."
        case .tokenExpired: "The token has expired; sign in again or refresh."
        case .tokenReused: "This refresh token was already used; the session has been revoked. Sign in again."
        case .throttled(let seconds): "Too many failed sign-ins; try again in \(seconds) seconds."
        case .weakPassword(let why): "password: \(why)"
        case .wrongCurrentPassword: "The current password is wrong."
        }
    }

    public var retryAfterSeconds: Int? {
        if case .throttled(let seconds) = self { return seconds }
        return nil
    }
}
