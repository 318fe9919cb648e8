import SQLKit

/// One versioned schema step. Statements are plain SQL that both SQLite and PostgreSQL accept
/// (BIGINT epoch seconds for time, TEXT for ids and strings, INTEGER 0/1 for flags), so the schema is identical
/// on both engines. Versions are never reused or edited once released: add a new migration instead.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
