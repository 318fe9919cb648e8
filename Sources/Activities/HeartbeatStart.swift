import SQLKit
import TrackerStore

/// The reads a heartbeat starts with, inside its transaction: the person's row lock, the rules and team to score
/// with, and the device's last event (by start) to merge against.
enum HeartbeatStart {
    static let lastEventColumns = "start_ms, end_ms, seq, client_hi, client_lo, app_id, title_id, url_id"

    /// `resolve` gives the event keys; on PostgreSQL it runs after the person's lock, like every writer's (a writer
    /// assigning numbers or texts before the lock could deadlock with one waiting on them under the lock).
    static func read(
        _ db: any SQLDatabase, employeeID: String, engine: DatabaseEngineKind, rules: RuleSet,
        resolve: () async throws -> EventKeys.Resolved
    ) async throws -> (rules: RuleSet.Snapshot, keys: EventKeys.Resolved, last: LastEvent?) {
        guard engine == .sqlite else {
            // PostgreSQL: lock first, then read. One statement would read the last event from the snapshot taken
            // before waiting for the lock, missing what the writer it waited for had just committed.
            let snapshot = try await rules.lockingPerson(db, employeeID: employeeID, engine: engine)
            let keys = try await resolve()
            let last = try await db.raw("""
                SELECT \(unsafeRaw: lastEventColumns) FROM activity_events WHERE device_no = \(bind: keys.device)
                ORDER BY start_ms DESC, end_ms DESC, seq DESC LIMIT 1
                """).first()
            return (snapshot, keys, try last.flatMap(LastEvent.init(row:)))
        }
        let keys = try await resolve()
        let device = keys.device
        // SQLite: the one writer already serialises every write; one statement reads all three.
        let row = try await db.raw("""
            SELECT (SELECT version FROM rules_version WHERE id = 1) AS version, p.team_id, \(unsafeRaw: lastEventColumns)
            FROM employees p LEFT JOIN (
                SELECT \(unsafeRaw: lastEventColumns) FROM activity_events WHERE device_no = \(bind: device)
                ORDER BY start_ms DESC, end_ms DESC, seq DESC LIMIT 1
            ) l ON 1 = 1
            WHERE p.id = \(bind: employeeID)
            """).first()
        return (try await rules.snapshot(row: row, db), keys, try row.flatMap(LastEvent.init(row:)))
    }
}

/// A device's last event as the heartbeat merge needs it: its key, span and interned texts.
struct LastEvent: Sendable {
    struct Texts: Sendable, Equatable {
        let app: Int64
        let title: Int64
        let url: Int64?
    }

    let start: Int64
    let end: Int64
    let seq: Int64
    let clientID: String?
    let texts: Texts

    /// The id clients see: theirs when they sent one, else the device's sequence number.
    var id: String { clientID ?? String(seq) }

    /// Nil when the row has no event (the outer join found none).
    init?(row: any SQLRow) throws {
        guard try !row.decodeNil(column: "seq") else { return nil }
        start = try row.decode(column: "start_ms", as: Int64.self)
        end = try row.decode(column: "end_ms", as: Int64.self)
        seq = try row.decode(column: "seq", as: Int64.self)
        clientID = try ClientID.decode(row)
        texts = Texts(
            app: try row.decode(column: "app_id", as: Int64.self), title: try row.decode(column: "title_id", as: Int64.self),
            url: try row.decode(column: "url_id", as: Int64?.self)
        )
    }
}
