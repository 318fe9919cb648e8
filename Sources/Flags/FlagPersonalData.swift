import SQLKit
import TrackerStore

/// A person's flags for their export (each flag with its history) and erasure: flags about them and their history
/// go; where they acted on someone else's flag (assignee, a note) the record stays without their name.
public struct FlagPersonalData: PersonalDataPart {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            export.add("flags/flags.json", try PersonalRows.json(try await db.raw("""
                SELECT * FROM flags WHERE employee_id = \(bind: person) ORDER BY raised_at, id
                """).all()))
            export.add("flags/flag_history.json", try PersonalRows.json(try await db.raw("""
                SELECT e.* FROM flag_events e JOIN flags f ON f.id = e.flag_id WHERE f.employee_id = \(bind: person)
                ORDER BY e.flag_id, e.version
                """).all()))
        }
    }

    public func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let person = subject.id
        _ = try await db.rowsTouched("""
            DELETE FROM flag_events WHERE flag_id IN (SELECT id FROM flags WHERE employee_id = \(bind: person)) RETURNING 1
            """)
        let flags = try await db.rowsTouched("DELETE FROM flags WHERE employee_id = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("DELETE FROM flag_dirty WHERE employee_id = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE flags SET assignee_id = NULL WHERE assignee_id = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE flag_events SET actor_id = NULL WHERE actor_id = \(bind: person) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE flag_rules SET updated_by = 'erased' WHERE updated_by = \(bind: person) RETURNING 1")
        return ["flags": flags]
    }
}
