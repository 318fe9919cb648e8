import SQLKit
import TrackerStore

/// A person's Connecteam data for their export (their clocked time and how their Connecteam account is linked) and
/// its erasure. The Connecteam side keeps its own records: a later sync lists that account as unmatched (name and
/// email as Connecteam has them) and its punches without a person here.
public struct ConnecteamPersonalData: PersonalDataPart {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func export(person: String, into export: PersonalExport) async throws {
        try await database.withConnection { db in
            export.add("connecteam/clocked_time.json", try PersonalRows.json(try await db.raw("""
                SELECT id, time_clock_id, user_id, start_ms, end_ms, scheduler_shift_id, job_id FROM connecteam_clocked
                WHERE employee_id = \(bind: person) ORDER BY start_ms
                """).all()))
            export.add("connecteam/account.json", try PersonalRows.json(try await db.raw("""
                SELECT user_id, name, email, state, seen_at FROM connecteam_people WHERE employee_id = \(bind: person)
                """).all()))
        }
    }

    public func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int] {
        let clocked = try await db.rowsTouched("DELETE FROM connecteam_clocked WHERE employee_id = \(bind: subject.id) RETURNING 1")
        _ = try await db.rowsTouched("DELETE FROM connecteam_people WHERE employee_id = \(bind: subject.id) RETURNING 1")
        _ = try await db.rowsTouched("UPDATE connecteam_settings SET updated_by = NULL WHERE updated_by = \(bind: subject.id) RETURNING 1")
        return ["clocked entries": clocked]
    }
}
