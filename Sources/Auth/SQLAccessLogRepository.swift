import Foundation
import SQLKit
import TrackerStore

public struct SQLAccessLogRepository: AccessLogRepository {
    private let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func record(_ entries: [AccessLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        let body: @Sendable (any SQLDatabase) async throws -> Void = { db in
            // Multi-row inserts, bounded so a whole-organisation read stays under both engines' bind limits.
            for start in stride(from: 0, to: entries.count, by: Self.rowsPerInsert) {
                var insert = db.insert(into: "access_log").columns("id", "actor_id", "subject_id", "resource", "at")
                for entry in entries[start..<min(start + Self.rowsPerInsert, entries.count)] {
                    insert = insert.values(
                        SQLBind(entry.id), SQLBind(entry.actorId), SQLBind(entry.subjectId), SQLBind(entry.resource),
                        SQLBind(Int(entry.at.timeIntervalSince1970))
                    )
                }
                try await insert.run()
            }
        }
        // The common case (one person, a team) is one statement: no BEGIN/COMMIT round trips on PostgreSQL.
        if entries.count <= Self.rowsPerInsert {
            try await database.withSingleStatementWrite(body)
        } else {
            try await database.withTransaction(body)
        }
    }

    static let rowsPerInsert = 1_000

    public func entries(subjectID: String?, actorID: String?, from: Date?, to: Date?, after: [String]?, limit: Int) async throws -> [AccessLogEntry] {
        try await database.withConnection { db in
            var query = db.select().columns("id", "actor_id", "subject_id", "resource", "at").from("access_log")
            if let subjectID { query = query.where("subject_id", .equal, subjectID) }
            if let actorID { query = query.where("actor_id", .equal, actorID) }
            if let from { query = query.where("at", .greaterThanOrEqual, Int(from.timeIntervalSince1970)) }
            if let to { query = query.where("at", .lessThan, Int(to.timeIntervalSince1970)) }
            if let after, after.count == 2, let at = Int(after[0]) {
                query = query.where { group in
                    group.where("at", .lessThan, at).orWhere { $0.where("at", .equal, at).where("id", .lessThan, after[1]) }
                }
            }
            let rows = try await query.orderBy("at", .descending).orderBy("id", .descending).limit(limit).all()
            return try rows.map { row in
                AccessLogEntry(
                    id: try row.decode(column: "id", as: String.self),
                    actorId: try row.decode(column: "actor_id", as: String.self),
                    subjectId: try row.decode(column: "subject_id", as: String.self),
                    resource: try row.decode(column: "resource", as: String.self),
                    at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int.self)))
                )
            }
        }
    }
}
