import Foundation
import SQLKit
import TrackerStore

public struct SQLAccessLogRepository: AccessLogRepository {
    private let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The entries' time window: reads by one reader of one scope and resource within an hour share an entry.
    static let windowSeconds: Int64 = 3600

    public func recordView(actorID: String, resource: String, scope: AccessScope, at: Date) async throws {
        let seconds = Int64(at.timeIntervalSince1970)
        let window = seconds / Self.windowSeconds * Self.windowSeconds
        let query: SQLQueryString = """
            INSERT INTO access_views (id, actor_id, resource, scope_type, scope_id, window_start, first_at, last_at, reads)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: actorID), \(bind: resource), \(bind: scope.type), \(bind: scope.id),
                    \(bind: window), \(bind: seconds), \(bind: seconds), 1)
            ON CONFLICT (actor_id, resource, scope_type, scope_id, window_start) DO UPDATE SET
              reads = access_views.reads + 1,
              last_at = CASE WHEN excluded.last_at > access_views.last_at THEN excluded.last_at ELSE access_views.last_at END
            """
        // One statement whatever the scope's size: autocommit on PostgreSQL, one savepoint in SQLite's group commit.
        try await database.withSingleStatementWrite { db in try await db.raw(query).run() }
    }

    public func entries(subjectID: String?, actorID: String?, from: Date?, to: Date?, after: [String]?, limit: Int) async throws -> [AccessLogEntry] {
        var conditions: [SQLQueryString] = []
        if let subjectID {
            // Person views of them; team views while they were in the team; organisation views while they were in it.
            conditions.append("""
                v.actor_id <> \(bind: subjectID) AND (
                  (v.scope_type = 'person' AND v.scope_id = \(bind: subjectID))
                  OR (v.scope_type = 'team' AND EXISTS (SELECT 1 FROM team_membership_history h
                      WHERE h.employee_id = \(bind: subjectID) AND h.team_id = v.scope_id AND h.from_at <= v.last_at
                        AND (h.to_at IS NULL OR h.to_at >= v.first_at)))
                  OR (v.scope_type = 'organization' AND EXISTS (SELECT 1 FROM employees e
                      WHERE e.id = \(bind: subjectID) AND e.created_at <= v.last_at AND (e.archived_at IS NULL OR e.archived_at >= v.first_at))))
                """)
        }
        if let actorID { conditions.append("v.actor_id = \(bind: actorID)") }
        if let from { conditions.append("v.last_at >= \(bind: Int64(from.timeIntervalSince1970))") }
        if let to { conditions.append("v.last_at < \(bind: Int64(to.timeIntervalSince1970))") }
        if let after, after.count == 2, let at = Int64(after[0]) {
            conditions.append("(v.last_at < \(bind: at) OR (v.last_at = \(bind: at) AND v.id < \(bind: after[1])))")
        }
        var query: SQLQueryString = "SELECT v.id, v.actor_id, v.resource, v.scope_type, v.scope_id, v.first_at, v.last_at, v.reads FROM access_views v"
        for (index, condition) in conditions.enumerated() { query += (index == 0 ? " WHERE " : " AND ") + condition }
        query += " ORDER BY v.last_at DESC, v.id DESC LIMIT \(literal: max(1, limit))"
        let statement = query
        return try await database.withConnection { db in
            try await db.raw(statement).all().map { row in
                let type = try row.decode(column: "scope_type", as: String.self)
                let scopeID = try row.decode(column: "scope_id", as: String.self)
                return AccessLogEntry(
                    id: try row.decode(column: "id", as: String.self),
                    actorId: try row.decode(column: "actor_id", as: String.self),
                    subjectId: subjectID ?? (type == "person" ? scopeID : nil),
                    resource: try row.decode(column: "resource", as: String.self),
                    scope: .init(type: type, id: scopeID.isEmpty ? nil : scopeID),
                    at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "last_at", as: Int64.self))),
                    firstAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "first_at", as: Int64.self))),
                    reads: try row.decode(column: "reads", as: Int.self)
                )
            }
        }
    }

    public func count(before cutoff: Date) async throws -> Int {
        let seconds = Int64(cutoff.timeIntervalSince1970)
        return try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM access_views WHERE last_at < \(bind: seconds)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func prune(before cutoff: Date, limit: Int) async throws -> Int {
        let seconds = Int64(cutoff.timeIntervalSince1970)
        return try await database.withTransaction { db in
            let gone = try await db.raw("""
                DELETE FROM access_views WHERE id IN (SELECT id FROM access_views WHERE last_at < \(bind: seconds) LIMIT \(literal: limit))
                RETURNING id
                """).all().count
            try await db.raw("DELETE FROM team_membership_history WHERE to_at IS NOT NULL AND to_at < \(bind: seconds)").run()
            return gone
        }
    }
}
