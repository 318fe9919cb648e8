import Foundation
import SQLKit
import TrackerCore

/// The SQL of `time_off`.
enum TimeOffStore {
    static let columns = ["id", "employee_id", "start_ms", "end_ms", "all_day", "first_day", "last_day", "kind", "reason", "status",
                          "decided_by", "decided_at", "decision_note", "source", "external_id", "created_at", "updated_at"]

    static func insert(_ t: TimeOff, _ db: any SQLDatabase) async throws {
        try await db.insert(into: "time_off").columns(columns).values(
            SQLBind(t.id), SQLBind(t.employeeId), SQLBind(t.from.epochMillis), SQLBind(t.to.epochMillis), SQLBind(t.allDay ? 1 : 0),
            SQLBind(t.firstDay), SQLBind(t.lastDay), SQLBind(t.kind.rawValue), SQLBind(t.reason), SQLBind(t.status.rawValue),
            SQLBind(t.decidedBy), SQLBind(t.decidedAt.map { Int64($0.timeIntervalSince1970) }), SQLBind(t.decisionNote),
            SQLBind(t.source), SQLBind(t.externalId), SQLBind(Int64(t.createdAt.timeIntervalSince1970)), SQLBind(Int64(t.updatedAt.timeIntervalSince1970))
        ).run()
    }

    /// Moves a request from `expected` status to `status`; false when it was no longer in `expected`.
    static func decide(id: String, expected: [TimeOff.Status], status: TimeOff.Status, by: String?, note: String?, at: Int64,
                       _ db: any SQLDatabase) async throws -> Bool {
        !(try await db.raw("""
            UPDATE time_off SET status = \(bind: status.rawValue), decided_by = \(bind: by), decided_at = \(bind: at),
              decision_note = \(bind: note), updated_at = \(bind: at)
            WHERE id = \(bind: id) AND status IN (\(binds: expected.map(\.rawValue))) RETURNING id
            """).all()).isEmpty
    }

    static func find(id: String, _ db: any SQLDatabase) async throws -> TimeOff? {
        try await db.select().columns(columns).from("time_off").where("id", .equal, id).first().map(timeOff)
    }

    /// Requests of `employeeIDs` (nil: everyone) overlapping `[from, to)`, optionally of one status, by start.
    static func list(employeeIDs: [String]?, status: TimeOff.Status?, from: Int64, to: Int64, limit: Int,
                     _ db: any SQLDatabase) async throws -> [TimeOff] {
        if let employeeIDs, employeeIDs.isEmpty { return [] }
        var query = db.select().columns(columns).from("time_off").where("start_ms", .lessThan, to).where("end_ms", .greaterThan, from)
        if let employeeIDs { query = query.where("employee_id", .in, employeeIDs) }
        if let status { query = query.where("status", .equal, status.rawValue) }
        return try await query.orderBy("start_ms").orderBy("id").limit(limit).all().map(timeOff)
    }

    static func timeOff(_ row: any SQLRow) throws -> TimeOff {
        func seconds(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return TimeOff(
            id: try row.decode(column: "id", as: String.self), employeeId: try row.decode(column: "employee_id", as: String.self),
            from: Date(epochMillis: try row.decode(column: "start_ms", as: Int64.self)),
            to: Date(epochMillis: try row.decode(column: "end_ms", as: Int64.self)),
            allDay: try row.decode(column: "all_day", as: Int.self) != 0,
            firstDay: try row.decode(column: "first_day", as: String?.self), lastDay: try row.decode(column: "last_day", as: String?.self),
            kind: TimeOff.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
            reason: try row.decode(column: "reason", as: String?.self),
            status: TimeOff.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .pending,
            decidedBy: try row.decode(column: "decided_by", as: String?.self), decidedAt: try seconds("decided_at"),
            decisionNote: try row.decode(column: "decision_note", as: String?.self),
            source: try row.decode(column: "source", as: String.self), externalId: try row.decode(column: "external_id", as: String?.self),
            createdAt: try seconds("created_at") ?? .distantPast, updatedAt: try seconds("updated_at") ?? .distantPast
        )
    }
}
