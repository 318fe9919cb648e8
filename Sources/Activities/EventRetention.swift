import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Retention of raw events: an event that ended at or before the cutoff goes (with the later hours it was listed
/// under); one that ends after it stays whole. Rollups stay. Works a person and a week at a time, each in one
/// transaction that takes the person's write lock, so ingest and rebuilds of that person wait at most one slab.
struct EventRetention: RetentionPart {
    let database: any Database
    let keepDays: Int
    var name: String { "events" }

    /// One transaction's span of a person's events.
    static let slabMillis: Int64 = 7 * 86_400_000

    func count(before cutoff: Int64) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM activity_events WHERE start_ms < \(bind: cutoff) AND end_ms <= \(bind: cutoff)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func purge(before cutoff: Int64, shouldStop: @Sendable () -> Bool) async throws -> Int {
        try await database.withSingleStatementWrite { db in try await PurgeHorizon.advance(db, to: cutoff) }
        let people = try await database.withConnection { db in
            try await db.raw("""
                SELECT p.no, p.employee_id, MIN(e.start_ms) AS first_ms FROM activity_people p
                JOIN activity_events e ON e.person_no = p.no WHERE e.start_ms < \(bind: cutoff)
                GROUP BY p.no, p.employee_id ORDER BY p.no
                """).all().map { row in
                (no: try row.decode(column: "no", as: Int64.self), employee: try row.decode(column: "employee_id", as: String.self),
                 first: try row.decode(column: "first_ms", as: Int64.self))
            }
        }
        var total = 0
        for person in people {
            var from = person.first
            while from < cutoff {
                if shouldStop() { return total }
                let to = min(cutoff, from + Self.slabMillis)
                total += try await purgeSlab(person: person.no, employee: person.employee, before: to, cutoff: cutoff)
                from = to
            }
        }
        return total
    }

    /// Deletes `person`'s events that start before `before` and end by `cutoff`, and their hour listings.
    private func purgeSlab(person: Int64, employee: String, before: Int64, cutoff: Int64) async throws -> Int {
        let engine = database.engine
        return try await database.withTransaction { db in
            try await db.lockRow(table: "employees", id: employee, engine: engine)
            try await db.raw("""
                DELETE FROM activity_event_hours WHERE person_no = \(bind: person) AND start_ms < \(bind: before) AND EXISTS (
                    SELECT 1 FROM activity_events e WHERE e.person_no = activity_event_hours.person_no
                    AND e.start_ms = activity_event_hours.start_ms AND e.device_no = activity_event_hours.device_no
                    AND e.seq = activity_event_hours.seq AND e.end_ms <= \(bind: cutoff))
                """).run()
            return try await db.raw("""
                DELETE FROM activity_events WHERE person_no = \(bind: person) AND start_ms < \(bind: before) AND end_ms <= \(bind: cutoff)
                RETURNING seq
                """).all().count
        }
    }
}
