import TrackerCore

/// Errors the database layer raises. Driver errors are translated into these by `TrackerEngines`,
/// so that no feature code ever needs to know which engine is running, and no driver text reaches a client.
public enum DatabaseError: AppError, Equatable {
    /// Why a connection could not be had.
    public enum UnavailableReason: String, Sendable, Equatable {
        /// No connection became free within the acquire timeout.
        case acquireTimeout = "acquire_timeout"
        /// Too many requests were already waiting for a connection.
        case tooManyWaiters = "too_many_waiters"
        /// The server refused the connection or is unreachable (connection refused, SQLSTATE 53300, ...).
        case serverUnavailable = "server_unavailable"
        /// The pool is shutting down.
        case shuttingDown = "shutting_down"
        /// The store is busy (SQLite lock held past `busy_timeout`).
        case busy = "busy"
    }

    case unavailable(UnavailableReason, retryAfterSeconds: Int)
    /// A unique constraint was violated; `constraint` is our own constraint/index name when known.
    case uniqueViolation(constraint: String?)
    /// A foreign key or check constraint was violated.
    case constraintViolation
    /// Anything else from the driver. The detail goes to the log only.
    case queryFailed

    public var kind: ErrorKind {
        switch self {
        case .unavailable: .unavailable
        case .uniqueViolation, .constraintViolation: .conflict
        case .queryFailed: .internalError
        }
    }

    public var code: String {
        switch self {
        case .unavailable: "database_unavailable"
        case .uniqueViolation: "conflict"
        case .constraintViolation: "constraint_violation"
        case .queryFailed: "internal_error"
        }
    }

    public var message: String {
        switch self {
        case .unavailable(let reason, _):
            switch reason {
            case .acquireTimeout: "The database is busy; no connection became free in time. Retry shortly."
            case .tooManyWaiters: "The database is overloaded; too many requests are waiting. Retry shortly."
            case .serverUnavailable: "The database is unavailable. Retry shortly."
            case .shuttingDown: "The server is shutting down."
            case .busy: "The database is busy. Retry shortly."
            }
        case .uniqueViolation: "The resource already exists."
        case .constraintViolation: "The change conflicts with existing data."
        case .queryFailed: "The database could not complete the request."
        }
    }

    public var retryAfterSeconds: Int? {
        if case .unavailable(_, let seconds) = self { return seconds }
        return nil
    }
}
