import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Retention of idle periods (raw data, kept as long as events): a period that ended at or before the cutoff goes,
/// with its hour listings; its effect on the rollups stays. A person per transaction, under their write lock.
struct IdlePeriodRetention: RetentionPart {
    let database: any Database
    let keepDays: Int
    var name: String { "idle periods" }

    func count(before cutoff: Int64) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM idle_periods WHERE end_ms <= \(bind: cutoff)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func purge(before cutoff: Int64, shouldStop: @Sendable () -> Bool) async throws -> Int {
        try await database.withSingleStatementWrite { db in try await PurgeHorizon.advance(db, to: cutoff) }
        let people = try await database.withConnection { db in
            try await db.raw("SELECT DISTINCT employee_id FROM idle_periods WHERE end_ms <= \(bind: cutoff) ORDER BY employee_id").all()
                .map { try $0.decode(column: "employee_id", as: String.self) }
        }
        let engine = database.engine
        var total = 0
        for employee in people {
            if shouldStop() { break }
            total += try await database.withTransaction { db in
                try await db.lockRow(table: "employees", id: employee, engine: engine)
                try await db.raw("""
                    DELETE FROM idle_segments WHERE employee_id = \(bind: employee) AND EXISTS (
                        SELECT 1 FROM idle_periods p WHERE p.device_id = idle_segments.device_id AND p.id = idle_segments.idle_id
                        AND p.end_ms <= \(bind: cutoff))
                    """).run()
                return try await db.raw("""
                    DELETE FROM idle_periods WHERE employee_id = \(bind: employee) AND end_ms <= \(bind: cutoff) RETURNING id
                    """).all().count
            }
        }
        return total
    }
}

/// Retention of the notes people write on their idle periods (free text, often private): after their own period
/// the note is cleared; the period and its classification stay.
struct IdleNoteRetention: RetentionPart {
    let database: any Database
    let keepDays: Int
    var name: String { "idle notes" }

    func count(before cutoff: Int64) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM idle_periods WHERE end_ms <= \(bind: cutoff) AND note IS NOT NULL")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func purge(before cutoff: Int64, shouldStop: @Sendable () -> Bool) async throws -> Int {
        try await database.withSingleStatementWrite { db in
            try await db.raw("UPDATE idle_periods SET note = NULL WHERE end_ms <= \(bind: cutoff) AND note IS NOT NULL RETURNING id").all().count
        }
    }
}

extension ActivityModule {
    /// Activities' retention parts: events and idle periods kept `rawDays`, idle notes `noteDays` (0 = forever).
    public func retentionParts(rawDays: Int, noteDays: Int) -> [any RetentionPart] {
        [EventRetention(database: database, keepDays: rawDays), IdlePeriodRetention(database: database, keepDays: rawDays),
         IdleNoteRetention(database: database, keepDays: noteDays)]
    }
}
