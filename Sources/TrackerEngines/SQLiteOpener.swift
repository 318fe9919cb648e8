import Foundation
import Logging
import SQLiteKit
import SQLiteNIO

/// Opens the SQLite file once (writer first, to switch the file to WAL), however many callers ask at once.
actor SQLiteOpener {
    struct Connections: Sendable {
        let writer: SQLiteConnection
        let readers: [SQLiteConnection]
        var readerCount: Int { readers.count }
    }

    private let path: String
    private let readerCount: Int
    private let busyTimeout: Duration
    private let logger: Logger
    private var opening: Task<Connections, any Error>?

    init(path: String, readerCount: Int, busyTimeout: Duration, logger: Logger) {
        self.path = path
        self.readerCount = readerCount
        self.busyTimeout = busyTimeout
        self.logger = logger
    }

    /// Opens on first call (running `onOpen` once, before any caller proceeds); later calls return the same connections.
    func open(onOpen: @escaping @Sendable (Connections) async -> Void) async throws -> Connections {
        if let opening { return try await opening.value }
        let task = Task { [path, readerCount, busyTimeout, logger] in
            let connections = try await Self.openAll(path: path, readers: readerCount, busyTimeout: busyTimeout, logger: logger)
            await onOpen(connections)
            return connections
        }
        opening = task
        do {
            return try await task.value
        } catch {
            opening = nil  // a later call may succeed (e.g. directory permissions fixed)
            throw error
        }
    }

    private static func openAll(path: String, readers: Int, busyTimeout: Duration, logger: Logger) async throws -> Connections {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        // The database holds everyone's activity: a directory we create is the owner's alone (0700), and the file
        // is made 0600 before SQLite first opens it (SQLite gives the -wal and -shm files the database's mode).
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        } else {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        let writer = try await openOne(path: path, busyTimeout: busyTimeout, logger: logger)
        let mode = try await writer.query("PRAGMA journal_mode = WAL").first?.column("journal_mode")?.string
        if mode != "wal" {
            logger.warning("sqlite did not switch to WAL", metadata: ["journalMode": "\(mode ?? "nil")"])
        }
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<readers {
            readerConnections.append(try await openOne(path: path, busyTimeout: busyTimeout, logger: logger))
        }
        logger.info("sqlite opened", metadata: ["path": "\(path)", "readers": "\(readers)", "journalMode": "\(mode ?? "")"])
        return Connections(writer: writer, readers: readerConnections)
    }

    private static func openOne(path: String, busyTimeout: Duration, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let millis = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        // Replaces sqlite-nio's retry-forever busy handler with a bounded wait.
        _ = try await connection.query("PRAGMA busy_timeout = \(millis)")
        // FULL: each commit is fsynced, so an acknowledged write survives power loss; group commit pays it once per batch.
        _ = try await connection.query("PRAGMA synchronous = FULL")
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        // Measured with perf on 1,000-event batches: the savepoint sub-journal (on disk by default) and page-cache
        // spills took a third of the writer's time. Keep temporary structures in memory and give the cache 64 MiB.
        _ = try await connection.query("PRAGMA temp_store = MEMORY")
        _ = try await connection.query("PRAGMA cache_size = -65536")
        return connection
    }
}
