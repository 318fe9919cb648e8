import SQLKit
import TrackerCore
import TrackerStore

/// Person-days waiting for a consumer of the rollups to evaluate them (flags, gamification), in the consumer's own
/// table (`employee_id, day, generation, lease_until`): filled from the rollup writer's marks and the consumer's own
/// triggers; drained by every instance. A day is leased (not locked in a transaction) while one evaluates it, so
/// ingest never waits for an evaluation; a day marked again meanwhile gets a new generation and stays queued; a
/// lease that runs out (a crash) makes the day available again — nothing is lost.
///
/// Two lanes, so a bulk of derived work (a 30-day re-evaluation, a sweep, the later days a change ripples into)
/// never delays the days fresh data just changed: a waiting row's `lease_until` is 0 in the fresh lane and 1 in the
/// background lane (both long past, so both available), a leased row's is the lease's end, and leasing takes the
/// lowest first.
public struct PersonDayQueue: Sendable {
    /// The consumer's queue table (a constant of its feature, never input).
    public let table: String

    public init(table: String) {
        self.table = table
    }

    public struct Item: Sendable, Hashable {
        public var employeeID: String
        public var day: String
        public init(employeeID: String, day: String) {
            self.employeeID = employeeID
            self.day = day
        }
    }

    public struct Leased: Sendable {
        public var item: Item
        public var generation: Int64
    }

    /// Which lane queued days wait in.
    public enum Lane: Int64, Sendable {
        /// Days whose own data just changed: judged first.
        case fresh = 0
        /// Days queued by time, a bulk request or a ripple: judged when no fresh day waits.
        case background = 1
    }

    static let chunk = 400

    /// Queues `items` in `lane` (already queued ones move to a new generation and lose any lease; a day waiting in the
    /// fresh lane stays there when the background lane queues it again).
    public func enqueue(_ items: Set<Item>, lane: Lane, _ db: any SQLDatabase) async throws {
        let sorted = items.sorted { ($0.employeeID, $0.day) < ($1.employeeID, $1.day) }
        for start in stride(from: 0, to: sorted.count, by: Self.chunk) {
            var query: SQLQueryString = "INSERT INTO \(unsafeRaw: table) (employee_id, day, generation, lease_until) VALUES "
            for (i, item) in sorted[start..<min(start + Self.chunk, sorted.count)].enumerated() {
                if i > 0 { query += ", " }
                query += "(\(bind: item.employeeID), \(bind: item.day), 1, \(bind: lane.rawValue))"
            }
            query += " ON CONFLICT (employee_id, day) DO UPDATE SET generation = \(unsafeRaw: table).generation + 1, "
            query += lane == .fresh ? SQLQueryString("lease_until = 0")
                : "lease_until = CASE WHEN \(unsafeRaw: table).lease_until = 0 THEN 0 ELSE 1 END"
            try await db.raw(query).run()
        }
    }

    /// Leases up to `limit` queued days whose lease ran out, until `until` (epoch ms): the fresh lane first.
    public func lease(limit: Int, now: Int64, until: Int64, _ database: any Database) async throws -> [Leased] {
        let skipLocked: SQLQueryString = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.withTransaction { db in
            try await db.raw("""
                UPDATE \(unsafeRaw: table) SET lease_until = \(bind: until) WHERE (employee_id, day) IN (
                  SELECT employee_id, day FROM \(unsafeRaw: table) WHERE lease_until < \(bind: now) ORDER BY lease_until, employee_id, day
                  LIMIT \(literal: limit)\(skipLocked))
                RETURNING employee_id, day, generation
                """).all().map { row in
                Leased(item: Item(employeeID: try row.decode(column: "employee_id", as: String.self), day: try row.decode(column: "day", as: String.self)),
                       generation: try row.decode(column: "generation", as: Int64.self))
            }
        }
    }

    /// Drops an evaluated day unless it was queued again meanwhile.
    public func complete(_ leased: Leased, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            DELETE FROM \(unsafeRaw: table) WHERE employee_id = \(bind: leased.item.employeeID) AND day = \(bind: leased.item.day)
              AND generation = \(bind: leased.generation)
            """).run()
    }

    /// Gives leased days back at once (an evaluation that failed part-way): they need not wait for the lease to run out.
    public func release(_ items: [Leased], _ db: any SQLDatabase) async throws {
        for item in items {
            try await db.raw("""
                UPDATE \(unsafeRaw: table) SET lease_until = 0 WHERE employee_id = \(bind: item.item.employeeID) AND day = \(bind: item.item.day)
                  AND generation = \(bind: item.generation)
                """).run()
        }
    }

    public func count(_ database: any Database) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
