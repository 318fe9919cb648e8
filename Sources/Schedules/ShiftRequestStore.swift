import Foundation
import SQLKit
import TrackerCore

/// The SQL of `shift_requests`.
enum ShiftRequestStore {
    static let columns = ["id", "kind", "shift_id", "requester_id", "target_employee_id", "target_shift_id", "status", "note", "decided_by",
                          "decision_note", "created_at", "updated_at"]

    static func insert(_ r: ShiftRequest, _ db: any SQLDatabase) async throws {
        try await db.insert(into: "shift_requests").columns(columns).values(
            SQLBind(r.id), SQLBind(r.kind.rawValue), SQLBind(r.shiftId), SQLBind(r.requesterId), SQLBind(r.targetEmployeeId),
            SQLBind(r.targetShiftId), SQLBind(r.status.rawValue), SQLBind(r.note), SQLBind(r.decidedBy), SQLBind(r.decisionNote),
            SQLBind(Int64(r.createdAt.timeIntervalSince1970)), SQLBind(Int64(r.updatedAt.timeIntervalSince1970))
        ).run()
    }

    static func find(id: String, _ db: any SQLDatabase) async throws -> ShiftRequest? {
        try await db.select().columns(columns).from("shift_requests").where("id", .equal, id).first().map(request)
    }

    /// Whether the shift has a request still in progress.
    static func open(shiftID: String, _ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS x FROM shift_requests WHERE (shift_id = \(bind: shiftID) OR target_shift_id = \(bind: shiftID))
              AND status IN ('pending', 'accepted')
            """).first() != nil
    }

    /// Moves a request from one of `expected` to `status`; false when it was no longer in one of them.
    static func transition(id: String, expected: [ShiftRequest.Status], to status: ShiftRequest.Status, by: String?, note: String?,
                           at: Int64, _ db: any SQLDatabase) async throws -> Bool {
        !(try await db.raw("""
            UPDATE shift_requests SET status = \(bind: status.rawValue), decided_by = COALESCE(\(bind: by), decided_by),
              decision_note = COALESCE(\(bind: note), decision_note), updated_at = \(bind: at)
            WHERE id = \(bind: id) AND status IN (\(binds: expected.map(\.rawValue))) RETURNING id
            """).all()).isEmpty
    }

    /// Requests involving `employeeID` (as requester or colleague), or of shifts of `teamIDs` (nil: all), newest first.
    static func list(employeeID: String?, teamIDs: [String]?, status: ShiftRequest.Status?, limit: Int, _ db: any SQLDatabase) async throws -> [ShiftRequest] {
        if let teamIDs, teamIDs.isEmpty, employeeID == nil { return [] }
        var query: SQLQueryString = "SELECT \(unsafeRaw: columns.map { "r.\($0)" }.joined(separator: ", ")) FROM shift_requests r WHERE 1 = 1"
        if let employeeID { query += " AND (r.requester_id = \(bind: employeeID) OR r.target_employee_id = \(bind: employeeID))" }
        if let teamIDs, !teamIDs.isEmpty {
            query += " AND r.shift_id IN (SELECT id FROM shifts WHERE team_id IN (\(binds: teamIDs)))"
        }
        if let status { query += " AND r.status = \(bind: status.rawValue)" }
        query += " ORDER BY r.created_at DESC, r.id LIMIT \(literal: limit)"
        return try await db.raw(query).all().map(request)
    }

    static func request(_ row: any SQLRow) throws -> ShiftRequest {
        ShiftRequest(
            id: try row.decode(column: "id", as: String.self),
            kind: ShiftRequest.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .drop,
            shiftId: try row.decode(column: "shift_id", as: String.self), requesterId: try row.decode(column: "requester_id", as: String.self),
            targetEmployeeId: try row.decode(column: "target_employee_id", as: String?.self),
            targetShiftId: try row.decode(column: "target_shift_id", as: String?.self),
            status: ShiftRequest.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .cancelled,
            note: try row.decode(column: "note", as: String?.self), decidedBy: try row.decode(column: "decided_by", as: String?.self),
            decisionNote: try row.decode(column: "decision_note", as: String?.self),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self)))
        )
    }
}
