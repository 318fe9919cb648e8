import Foundation
import Logging
import SQLKit

/// Applies `Migrations.all` in order, each in its own transaction together with its row in `schema_migrations`,
/// so a crash mid-way never leaves a half-applied version recorded.
public struct Migrator: Sendable {
    public static let tableName = "schema_migrations"

    private let database: any Database
    private let migrations: [Migration]
    private let logger: Logger

    public init(database: any Database, migrations: [Migration] = Migrations.all, logger: Logger) {
        precondition(
            Set(migrations.map(\.version)).count == migrations.count, "duplicate migration version"
        )
        self.database = database
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Versions already recorded in the database. Throws when the bookkeeping table does not exist yet.
    public func appliedVersions() async throws -> Set<Int> {
        try await database.withConnection { db in
            let rows = try await db.select().column("version").from(Self.tableName).all()
            return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        }
    }

    /// Migrations not yet applied, in order.
    public func pending() async throws -> [Migration] {
        try await ensureTable()
        let applied = try await appliedVersions()
        return migrations.filter { !applied.contains($0.version) }
    }

    /// Applies every pending migration and returns those it applied, in order.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        try await ensureTable()
        var applied: [Migration] = []
        for migration in migrations {
            let didApply = try await database.withTransaction { [engine = database.engine] db in
                if engine == .postgres {
                    // Serialises concurrent instances migrating the same schema at start-up.
                    try await db.raw(Self.schemaLock).run()
                }
                let existing = try await db.select().column("version").from(Self.tableName)
                    .where("version", .equal, migration.version).first()
                guard existing == nil else { return false }
                for statement in migration.statements(for: engine) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: Self.tableName)
                    .columns("version", "name", "applied_at")
                    .values(
                        SQLBind(migration.version), SQLBind(migration.name),
                        SQLBind(Int(Date().timeIntervalSince1970))
                    )
                    .run()
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration)
            }
        }
        return applied
    }

    /// True when every known migration is recorded in the database.
    /// Read-only: never creates anything, so it is safe for readiness probes. A missing table means "not yet".
    /// Throws only when the database cannot be reached.
    public func isUpToDate() async throws -> Bool {
        do {
            let applied = try await appliedVersions()
            return migrations.allSatisfy { applied.contains($0.version) }
        } catch let error as DatabaseError {
            if case .unavailable = error { throw error }
            return false
        }
    }

    /// The migration lock: one per schema (the key mixes in the current schema's name), so instances sharing a
    /// schema serialise while installations in other schemas of the same database — every test's fresh schema —
    /// do not wait for each other (a single database-wide key queued every test's migrations behind all others').
    static let schemaLock: SQLQueryString = "SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey), hashtext(current_schema()))"

    private func ensureTable() async throws {
        try await database.withTransaction { [engine = database.engine] db in
            if engine == .postgres {
                // Two instances creating the table at once collide inside PostgreSQL's catalog (pg_type unique index).
                try await db.raw(Self.schemaLock).run()
            }
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
    }

    /// Serialises migration work across processes sharing one PostgreSQL database.
    static let advisoryLockKey = 727_274
}
