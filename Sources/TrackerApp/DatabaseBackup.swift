import Activities
import Auth
import Foundation
import Logging
import SQLKit
import TrackerEngines
import TrackerStore

/// `productivity-tracker backup`: a consistent online copy of the embedded SQLite database, taken while the server
/// runs (SQLite's `VACUUM INTO` reads one snapshot in a read transaction: the server keeps writing, the copy holds
/// every write committed before it began and nothing half-done), then opened and checked. PostgreSQL is backed up
/// with its own tool (`pg_dump`), which the refusal explains.
public enum DatabaseBackup {
    public struct Summary: Sendable {
        public var path: String
        public var bytes: Int64
        public var seconds: Double
        public var schemaVersion: Int
        public var people: Int
        public var events: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case postgres
        case exists(String)
        case unusable(String)

        public var description: String {
            switch self {
            case .postgres:
                """
                backup copies the embedded SQLite database; this configuration uses PostgreSQL. Back it up with \
                PostgreSQL's own tool, which takes a consistent snapshot while the server runs:
                  pg_dump --format=custom --file tracker.dump "$DATABASE_URL"
                and restore into an empty database with: pg_restore --no-owner --dbname "$DATABASE_URL" tracker.dump
                """
            case .exists(let path): "\(path) already exists; choose a new file (a backup never overwrites one)"
            case .unusable(let reason): "the copy failed its check: \(reason)"
            }
        }
    }

    /// Copies the configured SQLite database to `output` (a new file, made readable by its owner only) and checks
    /// the copy: integrity, schema version, and what it holds.
    public static func run(config: AppConfiguration, output: String, logger: Logger) async throws -> Summary {
        guard case .sqlite = config.database.target else { throw Failure.postgres }
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let path = url.path
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure.exists(path) }
        // The copy holds everyone's activity, like the database: 0700 directory, 0600 file, created before SQLite
        // writes into it (VACUUM INTO accepts an empty file).
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure.unusable("cannot create \(path)")
        }
        let started = ContinuousClock.now
        do {
            try await withStandaloneDatabase(config, logger: logger) { engine in
                try await engine.database.withConnection { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
            }
            var copy = config
            copy.database.target = .sqlite(path: path)
            var summary = try await withStandaloneDatabase(copy, logger: logger) { engine in
                try await check(engine.database, path: path, logger: logger)
            }
            let elapsed = ContinuousClock.now - started
            summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            summary.bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            return summary
        } catch {
            // A failed copy is not a backup: leave nothing that could be mistaken for one.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    private static func check(_ database: any Database, path: String, logger: Logger) async throws -> Summary {
        try await database.withConnection { db in
            let verdict = try await db.raw("PRAGMA quick_check").first()?.decode(column: "quick_check", as: String.self)
            guard verdict == "ok" else { throw Failure.unusable("quick_check says \(verdict ?? "nothing")") }
        }
        // Counted through the features that own the tables.
        let people = try await SQLDirectoryRepository(database: database).activeEmployees(teamIDs: nil).count
        let events = try await ActivityReader(database: database).eventCount()
        let version = try await Migrator(database: database, logger: logger).appliedVersions().max() ?? 0
        return Summary(path: path, bytes: 0, seconds: 0, schemaVersion: version, people: people, events: events)
    }
}
