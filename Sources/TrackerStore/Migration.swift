import SQLKit

/// One versioned schema step. Statements are plain SQL that both SQLite and PostgreSQL accept
/// (BIGINT epoch seconds for time, TEXT for ids and strings, INTEGER 0/1 for flags), so the schema is identical
/// on both engines — except where an engine's own storage is the point (migration 9's `WITHOUT ROWID` tables and
/// identity columns), which gives PostgreSQL its own text. Versions are never reused or edited once released:
/// add a new migration instead.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// The statements for SQLite, and for PostgreSQL unless `postgresStatements` is given.
    public let statements: [String]
    public let postgresStatements: [String]?

    public init(version: Int, name: String, statements: [String], postgresStatements: [String]? = nil) {
        self.version = version
        self.name = name
        self.statements = statements
        self.postgresStatements = postgresStatements
    }

    public func statements(for engine: DatabaseEngineKind) -> [String] {
        engine == .postgres ? (postgresStatements ?? statements) : statements
    }
}
