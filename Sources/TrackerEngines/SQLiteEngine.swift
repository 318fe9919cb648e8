import CoreMetrics
import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle
import Synchronization
import TrackerStore

/// The embedded SQLite `Database`: one owner of the file, in WAL mode, with
/// - one writer connection fed by `SQLiteWriteQueue`, which coalesces concurrent writes into one transaction
///   (group commit) and acknowledges each only after that transaction commits;
/// - a few reader connections, leased one at a time with the same acquire deadline as PostgreSQL.
/// `busy_timeout` is set on every connection because sqlite-nio's own busy handler retries forever.
public final class SQLiteEngine: Database, Service {
    public let engine = DatabaseEngineKind.sqlite
    private let path: String
    private let settings: DatabaseSettings
    private let logger: Logger
    private let instrumentation: PoolInstrumentation
    private let readers = ResourcePool<SQLiteConnection>()
    private let writeQueue: SQLiteWriteQueue
    private let opener: SQLiteOpener

    init(path: String, settings: DatabaseSettings, metrics: any MetricsFactory, logger: Logger) {
        self.path = path
        self.settings = settings
        self.logger = logger
        let readerCount = max(1, min(settings.poolMaximum, 8))
        let instrumentation = PoolInstrumentation(
            engine: .sqlite, maximum: readerCount + 1, maxWaiters: settings.maxWaiters, metrics: metrics
        )
        self.instrumentation = instrumentation
        self.opener = SQLiteOpener(path: path, readerCount: readerCount, busyTimeout: settings.sqliteBusyTimeout, logger: logger)
        self.writeQueue = SQLiteWriteQueue(
            maxQueued: settings.maxWaiters, maxWait: settings.acquireTimeout,
            retryAfter: settings.retryAfterSeconds, instrumentation: instrumentation, logger: logger
        )
    }

    /// Runs the writer until graceful shutdown, then finishes queued writes and closes every connection.
    public func run() async throws {
        let connections = try await opened()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.writeQueue.run(on: connections.writer) }
                group.addTask {
                    while !Task.isCancelled {
                        self.instrumentation.warnAboutLongLeases(threshold: self.settings.leaseWarning, logger: self.logger)
                        try? await Task.sleep(for: .milliseconds(500))
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
        await writeQueue.drainAndClose(on: connections.writer)
        // The future-based close: the async one refuses to run in a cancelled task, and run() is usually
        // ending because it was cancelled — the connections must be closed all the same.
        for reader in await readers.close() { await Self.close(reader) }
        await Self.close(connections.writer)
        for id in 0...connections.readerCount { instrumentation.connectionClosed(id) }
        logger.info("database closed", metadata: ["engine": "sqlite"])
    }

    private static func close(_ connection: SQLiteConnection) async {
        let closing: EventLoopFuture<Void> = connection.close()
        try? await closing.get()
    }

    public func poolStatus() -> PoolStatus {
        instrumentation.status()
    }

    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let retryAfter = settings.retryAfterSeconds
        do {
            _ = try await opened()
            guard instrumentation.enterWaiting() else {
                throw DatabaseError.unavailable(.tooManyWaiters, retryAfterSeconds: retryAfter)
            }
            let started = ContinuousClock.now
            let reader: SQLiteConnection
            do {
                reader = try await readers.acquire(timeout: settings.acquireTimeout)
            } catch is ResourcePoolTimeout {
                instrumentation.leftWaiting(timedOut: true)
                throw DatabaseError.unavailable(.acquireTimeout, retryAfterSeconds: retryAfter)
            } catch is ResourcePoolClosed {
                instrumentation.leftWaiting(timedOut: false)
                throw DatabaseError.unavailable(.shuttingDown, retryAfterSeconds: retryAfter)
            } catch {
                instrumentation.leftWaiting(timedOut: false)
                throw error
            }
            let leaseID = instrumentation.leased(after: .now - started)
            let result: Result<T, any Error>
            do {
                result = .success(try await body(reader.sql(queryLogLevel: nil)))
            } catch {
                result = .failure(error)
            }
            instrumentation.leaseEnded(leaseID)
            await readers.release(reader)
            return try result.get()
        } catch {
            throw DriverErrorTranslator.translate(error, retryAfter: retryAfter, logger: logger)
        }
    }

    public func withTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            _ = try await opened()
            return try await writeQueue.submit(body)
        } catch {
            throw DriverErrorTranslator.translate(error, retryAfter: settings.retryAfterSeconds, logger: logger)
        }
    }

    /// On the writer, alone and outside a transaction (readers are read-only; VACUUM refuses a transaction).
    public func withMaintenanceConnection<T: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            _ = try await opened()
            return try await writeQueue.submit(bare: true, body)
        } catch {
            throw DriverErrorTranslator.translate(error, retryAfter: settings.retryAfterSeconds, logger: logger)
        }
    }

    private func opened() async throws -> SQLiteOpener.Connections {
        try await opener.open { connections in
            for (index, reader) in connections.readers.enumerated() {
                await self.readers.add(reader)
                self.instrumentation.connectionOpened(index + 1)
            }
            self.instrumentation.connectionOpened(0)
        }
    }
}
