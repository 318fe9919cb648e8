import SQLKit
import TrackerCore
import TrackerStore

/// Change marks: which of a person's time ranges changed since a consumer of the rollups last looked. The rollup
/// writer marks every hour it changes for every consumer, in its own transaction, so a consumer that keeps results
/// derived from rollups (attendance now, flags later) refreshes only what changed and never misses a write.
///
/// A consumer refreshes in one transaction: `claim` (the marks present now), recompute from the ranges in `claimed`,
/// `release`. A mark written meanwhile is either claimed by then or stays for the next refresh; a write to a claimed
/// mark waits for the refresh to commit (PostgreSQL row lock; SQLite has one writer) and then marks afresh.
public enum RollupMarks {
    public static let attendance = "attendance"
    public static let flags = "flags"
    public static let gamification = "gamification"
    /// Every consumer; each gets its own mark per change.
    static let consumers = [attendance, flags, gamification]
    /// Marks per statement (4 binds each).
    static let chunk = 500

    public struct Range: Hashable, Sendable {
        public var employeeID: String
        public var from: Int64
        public var to: Int64
        public init(employeeID: String, from: Int64, to: Int64) {
            self.employeeID = employeeID
            self.from = from
            self.to = to
        }
    }

    /// Marks one hour of `employeeID` for every consumer (the rollup writer, in its transaction), in one statement.
    static func hour(_ db: any SQLDatabase, employeeID: String, hour: Int64) async throws {
        let range = Range(employeeID: employeeID, from: hour, to: hour + HourBucket.millis)
        try await write(db, consumers.map { ($0, range) })
    }

    /// Marks `ranges` for `consumer`, in the caller's transaction. Marking an already waiting range changes nothing.
    public static func mark(_ db: any SQLDatabase, consumer: String, _ ranges: [Range]) async throws {
        try await write(db, ranges.map { (consumer, $0) })
    }

    /// Marks `ranges` for each of `consumers`, in one statement.
    public static func mark(_ db: any SQLDatabase, consumers: [String], _ ranges: [Range]) async throws {
        try await write(db, consumers.flatMap { consumer in ranges.map { (consumer, $0) } })
    }

    private static func write(_ db: any SQLDatabase, _ marks: [(consumer: String, range: Range)]) async throws {
        // PostgreSQL refuses an upsert that meets the same key twice in one statement.
        let unique = Array(Set(marks.map { Key(consumer: $0.consumer, range: $0.range) })).sorted {
            ($0.consumer, $0.range.employeeID, $0.range.from, $0.range.to) < ($1.consumer, $1.range.employeeID, $1.range.from, $1.range.to)
        }
        for start in stride(from: 0, to: unique.count, by: chunk) {
            var query: SQLQueryString = "INSERT INTO rollup_marks (consumer, employee_id, from_ms, to_ms) VALUES "
            for (i, key) in unique[start..<min(start + chunk, unique.count)].enumerated() {
                if i > 0 { query += ", " }
                query += "(\(bind: key.consumer), \(bind: key.range.employeeID), \(bind: key.range.from), \(bind: key.range.to))"
            }
            query += """
                 ON CONFLICT (consumer, employee_id, from_ms, to_ms) DO UPDATE SET claimed = 0
                 WHERE rollup_marks.claimed <> 0
                """
            try await db.raw(query).run()
        }
    }

    private struct Key: Hashable {
        var consumer: String
        var range: Range
    }

    /// Whether any mark waits for `consumer`.
    public static func pending(_ db: any SQLDatabase, consumer: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS x FROM rollup_marks WHERE consumer = \(bind: consumer) LIMIT 1").first() != nil
    }

    /// Claims the marks waiting for `consumer` (inside the consumer's refresh transaction). PostgreSQL skips marks a
    /// writer holds: its data is not committed yet, so the mark stays for the next refresh — and the refresh never
    /// waits for a writer that may be waiting for one of the marks it claimed.
    public static func claim(_ db: any SQLDatabase, consumer: String, engine: DatabaseEngineKind) async throws {
        guard engine == .postgres else {
            try await db.raw("UPDATE rollup_marks SET claimed = 1 WHERE consumer = \(bind: consumer) AND claimed = 0").run()
            return
        }
        try await db.raw("""
            UPDATE rollup_marks SET claimed = 1 WHERE consumer = \(bind: consumer) AND (employee_id, from_ms, to_ms) IN (
              SELECT employee_id, from_ms, to_ms FROM rollup_marks WHERE consumer = \(bind: consumer) AND claimed = 0
              FOR UPDATE SKIP LOCKED)
            """).run()
    }

    /// The claimed marks as a row source `(employee_id, from_ms, to_ms)` for the consumer's recompute statements.
    public static func claimed(_ consumer: String) -> SQLQueryString {
        "(SELECT employee_id, from_ms, to_ms FROM rollup_marks WHERE consumer = \(bind: consumer) AND claimed = 1)"
    }

    /// Drops the claimed marks: their changes are in the consumer's results now.
    public static func release(_ db: any SQLDatabase, consumer: String) async throws {
        try await db.raw("DELETE FROM rollup_marks WHERE consumer = \(bind: consumer) AND claimed = 1").run()
    }

    /// After a consumer recomputed everything and dropped a backlog of marks at once (the first refresh after a
    /// bulk load): tidies the table (see `tidyAfterBulkChange`). Outside a transaction.
    public static func tidy(_ db: any SQLDatabase, engine: DatabaseEngineKind) async throws {
        try await db.tidyAfterBulkChange(["rollup_marks"], engine: engine)
    }
}
