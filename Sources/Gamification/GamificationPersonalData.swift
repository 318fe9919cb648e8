import SQLKit
import TrackerStore

/// A person's points, days and badges for their export, and their erasure (leaderboards then no longer show them).
public struct GamificationPersonalData: PersonalDataPart {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let tables = ["gamification_members", "gamification_points", "gamification_days", "gamification_badges"]

    public func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            for table in Self.tables {
                export.add("gamification/\(table.dropFirst("gamification_".count)).json",
                           try PersonalRows.json(try await db.raw("SELECT * FROM \(ident: table) WHERE employee_id = \(bind: person)").all()))
            }
        }
    }

    public func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let person = subject.id
        var points = 0
        for table in Self.tables + ["gamification_dirty"] {
            let n = try await db.rowsTouched("DELETE FROM \(ident: table) WHERE employee_id = \(bind: person) RETURNING 1")
            if table == "gamification_points" { points = n }
        }
        _ = try await db.rowsTouched("UPDATE gamification_settings SET updated_by = NULL WHERE updated_by = \(bind: person) RETURNING 1")
        return ["points entries": points]
    }
}
