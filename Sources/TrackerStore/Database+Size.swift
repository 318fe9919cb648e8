import SQLKit

extension Database {
    /// The database's size on disk in bytes: SQLite's pages (the main file), PostgreSQL's `pg_database_size`.
    public func sizeOnDisk() async throws -> Int64? {
        let query: SQLQueryString = engine == .sqlite
            ? "SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()"
            : "SELECT pg_database_size(current_database()) AS n"
        return try await withConnection { db in try await db.raw(query).first()?.decode(column: "n", as: Int64.self) }
    }

    /// This schema's tables, by name (maintenance works table by table).
    public func tableNames() async throws -> [String] {
        let query: SQLQueryString = engine == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        return try await withConnection { db in try await db.raw(query).all().map { try $0.decode(column: "name", as: String.self) } }
    }
}
