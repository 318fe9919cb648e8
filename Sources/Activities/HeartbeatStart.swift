import SQLKit
import TrackerStore

/// The reads a heartbeat starts with, inside its transaction: the person's row lock, the rules and team to score
/// with, and the device's last event (by start) to merge against.
enum HeartbeatStart {
    static let lastEventColumns = "id, start_ms, end_ms, app, title, url"

    /// Returns the rules snapshot and the last-event row (nil, or a row whose `id` is NULL, when there is none).
    static func read(
        _ db: any SQLDatabase, employeeID: String, deviceID: String, engine: DatabaseEngineKind, rules: RuleSet
    ) async throws -> (rules: RuleSet.Snapshot, lastRow: (any SQLRow)?) {
        guard engine == .sqlite else {
            // PostgreSQL: lock first, then read. One statement would read the last event from the snapshot taken
            // before waiting for the lock, missing what the writer it waited for had just committed.
            let snapshot = try await rules.lockingPerson(db, employeeID: employeeID, engine: engine)
            let last = try await db.raw("""
                SELECT \(unsafeRaw: lastEventColumns) FROM activity_events WHERE device_id = \(bind: deviceID)
                ORDER BY start_ms DESC, end_ms DESC, id DESC LIMIT 1
                """).first()
            return (snapshot, last)
        }
        // SQLite: the one writer already serialises every write; one statement reads all three.
        let row = try await db.raw("""
            SELECT (SELECT version FROM rules_version WHERE id = 1) AS version, p.team_id, l.id, l.start_ms, l.end_ms,
                   l.app, l.title, l.url
            FROM employees p LEFT JOIN (
                SELECT \(unsafeRaw: lastEventColumns) FROM activity_events WHERE device_id = \(bind: deviceID)
                ORDER BY start_ms DESC, end_ms DESC, id DESC LIMIT 1
            ) l ON 1 = 1
            WHERE p.id = \(bind: employeeID)
            """).first()
        return (try await rules.snapshot(row: row, db), row)
    }
}
