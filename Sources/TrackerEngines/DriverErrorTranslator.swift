import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SQLiteNIO
import TrackerCore
import TrackerStore
import _ConnectionPoolModule

/// Turns driver errors into `DatabaseError`, so feature code and clients never see driver types or text.
/// The original error is logged here (at the engine layer), once.
enum DriverErrorTranslator {
    static func translate(_ error: any Error, retryAfter: Int, logger: Logger) -> any Error {
        if error is any AppError { return error }  // domain errors thrown by the body pass through
        switch error {
        case is CancellationError:
            return error
        case let error as PSQLError:
            return translate(psql: error, retryAfter: retryAfter, logger: logger)
        case let error as SQLiteError:
            return translate(sqlite: error, retryAfter: retryAfter, logger: logger)
        case let error as ConnectionPoolError:
            logger.warning("database pool error", metadata: ["error": "\(error)"])
            if error == .poolShutdown { return DatabaseError.unavailable(.shuttingDown, retryAfterSeconds: retryAfter) }
            return DatabaseError.unavailable(.serverUnavailable, retryAfterSeconds: retryAfter)
        case is ChannelError, is IOError, is NIOConnectionError:
            logger.warning("database connection error", metadata: ["error": "\(error)"])
            return DatabaseError.unavailable(.serverUnavailable, retryAfterSeconds: retryAfter)
        case is DecodingError:
            // A row that does not decode as the code expects: a server bug, never the client's fault (not a 400).
            logger.error("database row decoding failed", metadata: ["error": "\(String(reflecting: error))"])
            return DatabaseError.queryFailed
        default:
            // Not a driver error: the caller's own (thrown from the body); it passes through unchanged.
            return error
        }
    }

    private static func translate(psql error: PSQLError, retryAfter: Int, logger: Logger) -> any Error {
        let sqlState = error.serverInfo?[.sqlState]
        switch error.code {
        case .server:
            switch sqlState {
            case "23505":
                return DatabaseError.uniqueViolation(constraint: error.serverInfo?[.constraintName])
            case "23503", "23514", "23502":
                return DatabaseError.constraintViolation
            case let state? where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" || state == "53400":
                // connection exceptions, admin shutdown, too many connections: the server is not serving us
                logger.warning("database unavailable", metadata: ["sqlState": "\(state)"])
                return DatabaseError.unavailable(.serverUnavailable, retryAfterSeconds: retryAfter)
            case "40001", "40P01", "55P03", "57014":
                logger.warning("database contention", metadata: ["sqlState": "\(sqlState ?? "")"])
                return DatabaseError.unavailable(.busy, retryAfterSeconds: retryAfter)
            default:
                logger.error("database error", metadata: [
                    "sqlState": "\(sqlState ?? "")", "message": "\(error.serverInfo?[.message] ?? "")",
                ])
                return DatabaseError.queryFailed
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            logger.warning("database connection lost", metadata: ["error": "\(error.code)"])
            return DatabaseError.unavailable(.serverUnavailable, retryAfterSeconds: retryAfter)
        default:
            logger.error("database error", metadata: ["error": "\(String(reflecting: error))"])
            return DatabaseError.queryFailed
        }
    }

    private static func translate(sqlite error: SQLiteError, retryAfter: Int, logger: Logger) -> any Error {
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            return DatabaseError.uniqueViolation(constraint: nil)
        case .constraint, .constraintCheckFailed, .constraintForeignKeyFailed, .constraintNotNullFailed:
            return DatabaseError.constraintViolation
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked:
            logger.warning("sqlite busy", metadata: ["reason": "\(error.reason)"])
            return DatabaseError.unavailable(.busy, retryAfterSeconds: retryAfter)
        default:
            logger.error("database error", metadata: ["error": "\(error.message)"])
            return DatabaseError.queryFailed
        }
    }
}
