import SQLKit

extension SQLDatabase {
    /// Serialises transactions that touch the same logical row across server instances (PostgreSQL:
    /// `SELECT … FOR UPDATE`). SQLite needs nothing: its single writer already serialises every write.
    /// Call inside `withTransaction`.
    public func lockRow(table: String, id: String, engine: DatabaseEngineKind) async throws {
        guard engine == .postgres else { return }
        try await raw("SELECT 1 FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }

    /// `lockRow` for several rows, taken in ascending id order (so two transactions locking overlapping sets
    /// cannot deadlock on each other).
    public func lockRows(table: String, ids: [String], engine: DatabaseEngineKind) async throws {
        guard engine == .postgres, !ids.isEmpty else { return }
        for id in Set(ids).sorted() {
            try await raw("SELECT 1 FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
        }
    }
}

extension SQLDatabase {
    /// Serialises transactions about one logical key that has no row of its own (a person's flags, say) across
    /// server instances: a PostgreSQL transaction-scoped advisory lock on (schema, key) hashes, so databases that
    /// hold several schemas do not share keys. SQLite's single writer already serialises. Call inside `withTransaction`.
    public func lockKey(_ key: String, engine: DatabaseEngineKind) async throws {
        guard engine == .postgres else { return }
        try await raw("SELECT pg_advisory_xact_lock(hashtext(current_schema()), hashtext(\(bind: key))) AS locked").run()
    }
}
