import SQLKit

/// Which engine sits behind a `Database`. Feature code should rarely need it: the SQLKit builder and
/// the helpers in this target produce SQL that both engines accept.
public enum DatabaseEngineKind: String, Sendable, Equatable {
    case sqlite
    case postgres
}

/// The only way feature code reaches the database.
///
/// Exactly one instance exists per process; `TrackerApp` builds it (through `TrackerEngines`) and hands it to
/// repositories through their initialisers. Feature targets import SQLKit only, never a driver, so they cannot
/// construct a pool of their own.
///
/// Both methods give up with ``DatabaseError/unavailable(_:retryAfterSeconds:)`` when no connection can be had
/// within the configured acquire timeout, when too many requests are already waiting, or when the server refuses
/// connections. They never wait forever.
public protocol Database: Sendable {
    var engine: DatabaseEngineKind { get }

    /// Runs `body` on one leased connection, for reads (SQLite's readers are read-only connections).
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T

    /// Runs `body` inside one transaction; commits when it returns, rolls back when it throws.
    /// When this returns, the transaction is durable: callers may acknowledge the write.
    func withTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T

    /// Runs `body`, which issues one write statement that is atomic by itself; durable when this returns.
    /// PostgreSQL runs it in autocommit (one round trip instead of three with BEGIN and COMMIT); SQLite sends it
    /// through its single writer like any transaction.
    func withSingleStatementWrite<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T

    /// A snapshot of the pool's state for health and status endpoints.
    func poolStatus() -> PoolStatus

    /// Runs `body` on a connection that may write, outside any transaction: maintenance statements (`VACUUM`,
    /// `ANALYZE`) that refuse to run inside one. SQLite: on its one writer, alone, between write batches (writes
    /// wait meanwhile); PostgreSQL: a pooled connection in autocommit.
    func withMaintenanceConnection<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T
}

extension Database {
    public func withMaintenanceConnection<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withConnection(body)
    }

    public func withSingleStatementWrite<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withTransaction(body)
    }
}
