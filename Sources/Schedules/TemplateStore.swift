import Foundation
import SQLKit
import TrackerCore

/// The SQL of `shift_templates`.
enum TemplateStore {
    static let columns = ["id", "team_id", "name", "location_id", "skill_id", "weekdays", "start_time", "duration_minutes", "break_minutes",
                          "headcount", "archived_at", "created_at", "updated_at"]

    static func find(id: String, _ db: any SQLDatabase) async throws -> ShiftTemplate? {
        try await db.select().columns(columns).from("shift_templates").where("id", .equal, id).first().map(template)
    }

    static func list(teamIDs: [String]?, includeArchived: Bool, _ db: any SQLDatabase) async throws -> [ShiftTemplate] {
        if let teamIDs, teamIDs.isEmpty { return [] }
        var query = db.select().columns(columns).from("shift_templates")
        if let teamIDs { query = query.where("team_id", .in, teamIDs) }
        if !includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
        return try await query.orderBy("name").orderBy("id").limit(10_000).all().map(template)
    }

    static func save(_ t: ShiftTemplate, isNew: Bool, _ db: any SQLDatabase) async throws {
        let archived: Int64? = t.archived ? Int64(t.updatedAt.timeIntervalSince1970) : nil
        if !isNew { try await db.delete(from: "shift_templates").where("id", .equal, t.id).run() }
        try await db.insert(into: "shift_templates").columns(columns).values(
            SQLBind(t.id), SQLBind(t.teamId), SQLBind(t.name), SQLBind(t.locationId), SQLBind(t.skillId), SQLBind(t.weekdays.joined(separator: ",")),
            SQLBind(t.startTime), SQLBind(t.durationMinutes), SQLBind(t.breakMinutes), SQLBind(t.headcount), SQLBind(archived),
            SQLBind(Int64(t.createdAt.timeIntervalSince1970)), SQLBind(Int64(t.updatedAt.timeIntervalSince1970))
        ).run()
    }

    /// How many shifts each (template, start) slot already has.
    static func generatedCounts(templateIDs: [String], from: Int64, to: Int64, _ db: any SQLDatabase) async throws -> [String: Int] {
        guard !templateIDs.isEmpty else { return [:] }
        var counts: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT template_id, start_ms, COUNT(*) AS n FROM shifts WHERE template_id IN (\(binds: templateIDs))
              AND start_ms >= \(bind: from) AND start_ms < \(bind: to) GROUP BY template_id, start_ms
            """).all() {
            let key = "\(try row.decode(column: "template_id", as: String.self))@\(try row.decode(column: "start_ms", as: Int64.self))"
            counts[key] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    static func template(_ row: any SQLRow) throws -> ShiftTemplate {
        ShiftTemplate(
            id: try row.decode(column: "id", as: String.self), teamId: try row.decode(column: "team_id", as: String.self),
            name: try row.decode(column: "name", as: String.self), locationId: try row.decode(column: "location_id", as: String?.self),
            skillId: try row.decode(column: "skill_id", as: String?.self),
            weekdays: try row.decode(column: "weekdays", as: String.self).split(separator: ",").map(String.init),
            startTime: try row.decode(column: "start_time", as: String.self), durationMinutes: try row.decode(column: "duration_minutes", as: Int.self),
            breakMinutes: try row.decode(column: "break_minutes", as: Int.self), headcount: try row.decode(column: "headcount", as: Int.self),
            archived: try row.decode(column: "archived_at", as: Int64?.self) != nil,
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self)))
        )
    }
}
