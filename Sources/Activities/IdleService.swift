import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// The employee classifies their own idle periods; rollups of the affected hours change in the same transaction.
public struct IdleService: Sendable {
    private let database: any Database
    private let rules: RuleSet

    init(database: any Database, rules: RuleSet) {
        self.database = database
        self.rules = rules
    }

    public func classify(idleID: String, employeeID: String, change: IdleClassificationChange) async throws -> IdlePeriod {
        if let note = change.note, note.count > 1_000 { throw SimpleAppError.invalid("note", "must be at most 1000 characters") }
        if let note = change.note { try FieldValidation.noNUL(note, field: "note") }
        let rules = self.rules
        let engine = database.engine
        return try await database.withTransaction { db in
            // The same per-person lock as ingest: the rollup refresh below must not race another writer's.
            try await db.lockRow(table: "employees", id: employeeID, engine: engine)
            guard let row = try await db.select().columns("device_id", "start_ms", "end_ms", "reason", "note", "note_private")
                .from("idle_periods").where("id", .equal, idleID).where("employee_id", .equal, employeeID).first()
            else { throw SimpleAppError(.notFound, code: "idle_period_not_found", message: "No such idle period of yours.") }
            let device = try row.decode(column: "device_id", as: String.self)
            let start = try row.decode(column: "start_ms", as: Int64.self), end = try row.decode(column: "end_ms", as: Int64.self)
            // Raw activity of hours before the retention horizon is gone: recomputing them would wipe their totals.
            guard HourBucket.floor(start) >= (try await PurgeHorizon.firstRecomputableHour(db)) else {
                throw SimpleAppError(.conflict, code: "idle_period_purged",
                                     message: "This idle period reaches back before the retention horizon; it can no longer be reclassified.")
            }
            let storedNote = try row.decode(column: "note", as: String?.self)
            let storedPrivate = try row.decode(column: "note_private", as: Int.self) != 0
            let note = change.note ?? storedNote
            let isPrivate = change.notePrivate ?? storedPrivate
            try await db.update("idle_periods")
                .set("classification", to: change.classification?.rawValue)
                .set("note", to: note).set("note_private", to: isPrivate ? 1 : 0)
                .where("device_id", .equal, device).where("id", .equal, idleID).run()
            try await RollupWriter.refresh(db, employeeID: employeeID, hours: Set(HourBucket.hours(from: start, to: end)), rules: rules)
            return IdlePeriod(
                id: idleID, deviceId: device, employeeId: employeeID, start: Date(epochMillis: start), end: Date(epochMillis: end),
                reason: try row.decode(column: "reason", as: String.self), classification: change.classification,
                note: note, notePrivate: isPrivate
            )
        }
    }
}
