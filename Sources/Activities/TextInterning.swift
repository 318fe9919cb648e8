import SQLKit
import TrackerStore

/// Ids for texts in `activity_texts`, inserting the new ones. SQLite finds a text by its value; PostgreSQL by the
/// SHA-256 of it (`LeanEventSchema`). Texts are inserted in sorted order, so two PostgreSQL transactions interning
/// overlapping texts wait for each other in one order and cannot deadlock.
enum TextInterning {
    static let chunk = 500

    static func ids(_ db: any SQLDatabase, engine: DatabaseEngineKind, texts: [String]) async throws -> [String: Int64] {
        var found: [String: Int64] = [:]
        let sorted = Array(Set(texts)).sorted()
        for start in stride(from: 0, to: sorted.count, by: chunk) {
            let part = Array(sorted[start..<min(start + chunk, sorted.count)])
            try await lookup(db, engine: engine, part, into: &found)
            let missing = part.filter { found[$0] == nil }
            guard !missing.isEmpty else { continue }
            try await insert(db, engine: engine, missing, into: &found)
            // PostgreSQL: another transaction may have committed some of them since the lookup (they were skipped).
            let late = missing.filter { found[$0] == nil }
            if !late.isEmpty { try await lookup(db, engine: engine, late, into: &found) }
            if late.contains(where: { found[$0] == nil }) { throw EventKeyError.unresolvedText }
        }
        return found
    }

    private static func lookup(_ db: any SQLDatabase, engine: DatabaseEngineKind, _ texts: [String], into found: inout [String: Int64]) async throws {
        let rows: [any SQLRow]
        if engine == .postgres {
            let digests = SQLList(texts.map { digest($0) })
            rows = try await db.raw("SELECT id, value FROM activity_texts WHERE digest IN (\(digests))").all()
        } else {
            rows = try await db.raw("SELECT id, value FROM activity_texts WHERE value IN (\(binds: texts))").all()
        }
        for row in rows { found[try row.decode(column: "value", as: String.self)] = try row.decode(column: "id", as: Int64.self) }
    }

    private static func insert(_ db: any SQLDatabase, engine: DatabaseEngineKind, _ texts: [String], into found: inout [String: Int64]) async throws {
        let rows: [any SQLRow]
        if engine == .postgres {
            let values = SQLList(texts.map { SQLGroupExpression([SQLBind($0), digest($0)]) })
            rows = try await db.raw("""
                INSERT INTO activity_texts (value, digest) VALUES \(values) ON CONFLICT (digest) DO NOTHING RETURNING id, value
                """).all()
        } else {
            let values = SQLList(texts.map { SQLGroupExpression(SQLBind($0)) })
            rows = try await db.raw("""
                INSERT INTO activity_texts (value) VALUES \(values) ON CONFLICT (value) DO NOTHING RETURNING id, value
                """).all()
        }
        for row in rows { found[try row.decode(column: "value", as: String.self)] = try row.decode(column: "id", as: Int64.self) }
    }

    /// PostgreSQL's key for a text: SHA-256 of its UTF-8 bytes, computed by the server.
    private static func digest(_ text: String) -> any SQLExpression {
        SQLFunction("sha256", args: SQLFunction("convert_to", args: SQLBind(text), SQLLiteral.string("UTF8")))
    }
}
