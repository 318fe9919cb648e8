import Foundation
import SQLKit
import TrackerStore

extension TestRoutes {
    /// Where `text` still appears in the database: "table.column" → rows (every column of every table, read as
    /// text), and "orphan events" → events whose person number names nobody. Erasure tests want it empty.
    static func mentions(_ database: any Database, of text: String) async throws -> [String: Int] {
        let engine = database.engine
        return try await database.withConnection { db in
            var columns: [(String, String)] = []
            if engine == .sqlite {
                for table in try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all() {
                    let name = try table.decode(column: "name", as: String.self)
                    for column in try await db.raw("SELECT name FROM pragma_table_info(\(bind: name))").all() {
                        columns.append((name, try column.decode(column: "name", as: String.self)))
                    }
                }
            } else {
                columns = try await db.raw("""
                    SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema()
                    """).all().map { (try $0.decode(column: "t", as: String.self), try $0.decode(column: "c", as: String.self)) }
            }
            var found: [String: Int] = [:]
            let pattern = "%\(text)%"
            for (table, column) in columns {
                let n = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table) WHERE CAST(\(ident: column) AS TEXT) LIKE \(bind: pattern)")
                    .first()?.decode(column: "n", as: Int.self) ?? 0
                if n > 0 { found["\(table).\(column)"] = n }
            }
            let orphans = try await db.raw("""
                SELECT COUNT(*) AS n FROM activity_events e WHERE NOT EXISTS (SELECT 1 FROM activity_people p WHERE p.no = e.person_no)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if orphans > 0 { found["orphan events"] = orphans }
            return found
        }
    }
}
