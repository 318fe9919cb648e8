import SQLKit

extension SQLDatabase {
    /// Serialises transactions that touch the same logical row across server instances (PostgreSQL:
    /// `SELECT … FOR UPDATE`). SQLite needs nothing: its single writer already serialises every write.
    /// Call inside `withTransaction`.
    public func lockRow(table: String, id: String, engine: DatabaseEngineKind) async throws {
        guard engine == .postgres else { return }
        try await raw("SELECT 1 FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}
