import SQLKit

extension SQLDatabase {
    /// After a bulk rewrite of `tables` (hundreds of thousands of rows deleted and inserted at once): PostgreSQL
    /// `VACUUM (ANALYZE)`, so scans stop walking the dead rows and plans see the new sizes at once rather than at the
    /// next autovacuum (a queue table's "anything waiting?" read went from 0.1 to 6 ms over 400,000 dead marks).
    /// SQLite needs nothing: freed pages are reused and its planner does not depend on statistics here. Run outside
    /// a transaction (VACUUM refuses one).
    public func tidyAfterBulkChange(_ tables: [String], engine: DatabaseEngineKind) async throws {
        guard engine == .postgres else { return }
        for table in tables { try await raw("VACUUM (ANALYZE) \(ident: table)").run() }
    }
}
