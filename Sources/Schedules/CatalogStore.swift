import Foundation
import SQLKit
import TrackerCore

/// The SQL of locations and the skill catalogue.
enum CatalogStore {
    static let locationColumns = ["id", "name", "time_zone", "address", "source", "external_id", "archived_at", "created_at", "updated_at"]

    static func location(id: String, _ db: any SQLDatabase) async throws -> Location? {
        try await db.select().columns(locationColumns).from("schedule_locations").where("id", .equal, id).first().map(location)
    }

    static func locations(includeArchived: Bool, _ db: any SQLDatabase) async throws -> [Location] {
        var query = db.select().columns(locationColumns).from("schedule_locations")
        if !includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
        return try await query.orderBy("name_key").orderBy("id").limit(10_000).all().map(location)
    }

    static func nameTaken(_ name: String, table: String, except id: String?, _ db: any SQLDatabase) async throws -> Bool {
        var query = db.select().column("id").from(table).where("name_key", .equal, nameKey(name))
        if let id { query = query.where("id", .notEqual, id) }
        return try await query.first() != nil
    }

    static func saveLocation(_ location: Location, isNew: Bool, _ db: any SQLDatabase) async throws {
        let archived: Int64? = location.archived ? Int64(location.updatedAt.timeIntervalSince1970) : nil
        if isNew {
            try await db.insert(into: "schedule_locations")
                .columns("id", "name", "name_key", "time_zone", "address", "source", "external_id", "archived_at", "created_at", "updated_at")
                .values(SQLBind(location.id), SQLBind(location.name), SQLBind(nameKey(location.name)), SQLBind(location.timeZone),
                        SQLBind(location.address), SQLBind(location.source), SQLBind(location.externalId), SQLBind(archived),
                        SQLBind(Int64(location.createdAt.timeIntervalSince1970)), SQLBind(Int64(location.updatedAt.timeIntervalSince1970)))
                .run()
        } else {
            try await db.update("schedule_locations")
                .set("name", to: location.name).set("name_key", to: nameKey(location.name)).set("time_zone", to: location.timeZone)
                .set("address", to: location.address).set("archived_at", to: archived)
                .set("updated_at", to: Int64(location.updatedAt.timeIntervalSince1970))
                .where("id", .equal, location.id).run()
        }
    }

    static func skills(ids: [String]? = nil, _ db: any SQLDatabase) async throws -> [Skill] {
        if let ids, ids.isEmpty { return [] }
        var query = db.select().columns("id", "name").from("schedule_skills")
        if let ids { query = query.where("id", .in, ids) }
        return try await query.orderBy("name_key").limit(10_000).all().map {
            Skill(id: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }

    static func insertSkill(_ skill: Skill, at: Int64, _ db: any SQLDatabase) async throws {
        try await db.insert(into: "schedule_skills").columns("id", "name", "name_key", "created_at")
            .values(SQLBind(skill.id), SQLBind(skill.name), SQLBind(nameKey(skill.name)), SQLBind(at)).run()
    }

    static func nameKey(_ name: String) -> String { name.lowercased() }

    private static func location(_ row: any SQLRow) throws -> Location {
        Location(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            timeZone: try row.decode(column: "time_zone", as: String.self), address: try row.decode(column: "address", as: String?.self),
            source: try row.decode(column: "source", as: String.self), externalId: try row.decode(column: "external_id", as: String?.self),
            archived: try row.decode(column: "archived_at", as: Int64?.self) != nil,
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self)))
        )
    }
}
