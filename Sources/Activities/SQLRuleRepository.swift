import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Productivity rules. Every change bumps `rules_version` in the same transaction.
public struct SQLRuleRepository: Sendable {
    private let database: any Database
    static let columns = ["id", "team_id", "field", "match_kind", "pattern", "category", "priority", "created_at", "updated_at"]

    public init(database: any Database) {
        self.database = database
    }

    static func load(_ db: any SQLDatabase) async throws -> [ProductivityRule] {
        try await db.select().columns(columns).from("productivity_rules").orderBy("id").all().map(rule)
    }

    public func all(teamIDs: Set<String>?) async throws -> [ProductivityRule] {
        let rules = try await database.withConnection { db in try await Self.load(db) }
        guard let teamIDs else { return rules }
        return rules.filter { $0.teamId == nil || teamIDs.contains($0.teamId!) }
    }

    public func count() async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM productivity_rules").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func rule(id: String) async throws -> ProductivityRule? {
        try await database.withConnection { db in
            try await db.select().columns(Self.columns).from("productivity_rules").where("id", .equal, id).first().map(Self.rule)
        }
    }

    public func save(_ rule: ProductivityRule, createdBy: String, isNew: Bool) async throws -> Int64 {
        try await database.withTransaction { db in
            if isNew {
                try await db.insert(into: "productivity_rules").columns(Self.columns + ["created_by"]).values(
                    SQLBind(rule.id), SQLBind(rule.teamId), SQLBind(rule.field.rawValue), SQLBind(rule.match.rawValue),
                    SQLBind(rule.pattern), SQLBind(rule.category.rawValue), SQLBind(rule.priority),
                    SQLBind(Int64(rule.createdAt.timeIntervalSince1970)), SQLBind(Int64(rule.updatedAt.timeIntervalSince1970)), SQLBind(createdBy)
                ).run()
            } else {
                try await db.update("productivity_rules")
                    .set("team_id", to: rule.teamId).set("field", to: rule.field.rawValue).set("match_kind", to: rule.match.rawValue)
                    .set("pattern", to: rule.pattern).set("category", to: rule.category.rawValue)
                    .set("priority", to: rule.priority).set("updated_at", to: Int64(rule.updatedAt.timeIntervalSince1970))
                    .where("id", .equal, rule.id).run()
            }
            return try await Self.bumpVersion(db)
        }
    }

    public func delete(id: String) async throws -> Int64 {
        try await database.withTransaction { db in
            try await db.delete(from: "productivity_rules").where("id", .equal, id).run()
            return try await Self.bumpVersion(db)
        }
    }

    static func bumpVersion(_ db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("UPDATE rules_version SET version = version + 1 WHERE id = 1").run()
        return try await RuleSet.version(db)
    }

    private static func rule(_ row: any SQLRow) throws -> ProductivityRule {
        ProductivityRule(
            id: try row.decode(column: "id", as: String.self),
            teamId: try row.decode(column: "team_id", as: String?.self),
            field: RuleField(rawValue: try row.decode(column: "field", as: String.self)) ?? .app,
            match: MatchKind(rawValue: try row.decode(column: "match_kind", as: String.self)) ?? .exact,
            pattern: try row.decode(column: "pattern", as: String.self),
            category: ProductivityCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .neutral,
            priority: try row.decode(column: "priority", as: Int.self),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self)))
        )
    }
}
