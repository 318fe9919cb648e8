import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// What Activities publishes of its rollups: sums over a set of people (or the organisation) and a time range, per
/// range, per local day or per weekday-hour, and the top apps. Analytics and later features read rollups only through
/// this, never through Activities' table names (which `scripts/check-architecture` enforces), so the store can
/// change without them.
public struct RollupReader: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Seconds of each measure (one hour's, or summed).
    public struct HourTotals: Sendable {
        public var hour: Int64
        public var active = 0.0, idle = 0.0, workAway = 0.0, productive = 0.0, neutral = 0.0, unproductive = 0.0, uncategorized = 0.0

        public init(hour: Int64, active: Double = 0, idle: Double = 0, workAway: Double = 0, productive: Double = 0,
                    neutral: Double = 0, unproductive: Double = 0, uncategorized: Double = 0) {
            self.hour = hour
            self.active = active
            self.idle = idle
            self.workAway = workAway
            self.productive = productive
            self.neutral = neutral
            self.unproductive = unproductive
            self.uncategorized = uncategorized
        }
    }

    /// Which rollups to sum: some people's, or the whole organisation's (archived people's past work included),
    /// read from the organisation rollups — at most 16 rows an hour, whatever the organisation's size.
    public enum Subjects: Sendable {
        case employees([String])
        case organization
    }

    /// One total over `subjects` and `[from, to)`.
    public func total(_ subjects: Subjects, from: Date, to: Date) async throws -> HourTotals {
        let lo = from.epochMillis, hi = to.epochMillis
        guard let (table, filter) = Self.source(subjects) else { return HourTotals(hour: 0) }
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.summedMeasures) FROM \(ident: table)
            WHERE \(filter)hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
            """
        return try await database.withConnection { db in
            try await db.raw(query).first().map { try Self.measures($0, hour: 0) } ?? HourTotals(hour: 0)
        }
    }

    /// Sums over `subjects` per local day of `days` (consecutive days of `zone`), keyed by day index; the database
    /// groups the hours, so a 30-day view decodes 30 rows, not one per active hour.
    public func daySums(_ subjects: Subjects, days: [LocalPeriod.Day], zone: TimeZone) async throws -> [Int: HourTotals] {
        guard let first = days.first, let last = days.last, let (table, filter) = Self.source(subjects) else { return [:] }
        let index = LocalDays.dayIndex(days, zone: zone)
        let query: SQLQueryString = """
            SELECT \(LocalDays.localDayExpression(from: first.start, to: last.end, zone: zone)) AS local_day, \(unsafeRaw: Self.summedMeasures)
            FROM \(ident: table)
            WHERE \(filter)hour_start >= \(bind: first.start.epochMillis) AND hour_start < \(bind: last.end.epochMillis)
            GROUP BY local_day
            """
        return try await database.withConnection { db in
            var result: [Int: HourTotals] = [:]
            for row in try await db.raw(query).all() {
                guard let day = index[try row.decode(column: "local_day", as: Int64.self)] else { continue }
                result[day] = try Self.measures(row, hour: 0)
            }
            return result
        }
    }

    /// Active seconds by local weekday (Monday = row 0) × local hour over `[from, to)`, grouped by the database.
    public func heatmap(_ subjects: Subjects, from: Date, to: Date, zone: TimeZone) async throws -> [[Double]] {
        let empty = Array(repeating: Array(repeating: 0.0, count: 24), count: 7)
        guard let (table, filter) = Self.source(subjects) else { return empty }
        let local = LocalDays.localTimeExpression(from: from, to: to, zone: zone)
        // 1970-01-01 was a Thursday: (day number + 3) mod 7 is 0 on Mondays.
        let query: SQLQueryString = """
            SELECT (\(local) / \(literal: LocalDays.dayMs) + 3) % 7 AS weekday, (\(local) / 3600000) % 24 AS hour,
              CAST(SUM(active_ms) AS BIGINT) AS a
            FROM \(ident: table)
            WHERE \(filter)hour_start >= \(bind: from.epochMillis) AND hour_start < \(bind: to.epochMillis)
            GROUP BY weekday, hour
            """
        return try await database.withConnection { db in
            var heatmap = empty
            for row in try await db.raw(query).all() {
                let weekday = Int(try row.decode(column: "weekday", as: Int64.self)), hour = Int(try row.decode(column: "hour", as: Int64.self))
                guard (0..<7).contains(weekday), (0..<24).contains(hour) else { continue }
                heatmap[weekday][hour] += Double(try row.decode(column: "a", as: Int64.self)) / 1000
            }
            return heatmap
        }
    }

    /// The table to sum and the filter for `subjects`; nil when there is nobody to sum.
    private static func source(_ subjects: Subjects) -> (table: String, filter: SQLQueryString)? {
        guard let filter = personFilter(subjects) else { return nil }
        switch subjects {
        case .employees: return ("hourly_rollups", filter)
        case .organization: return ("org_hourly_rollups", filter)
        }
    }

    /// `employee_id IN (…)` for some people; for the organisation, everyone not archived, selected in the database
    /// (no bind per person, whatever its size); nil for nobody.
    static func currentPeople(_ subjects: Subjects) -> SQLQueryString? {
        switch subjects {
        case .employees(let ids): ids.isEmpty ? nil : "employee_id IN (\(binds: ids))"
        case .organization: "employee_id IN (SELECT id FROM employees WHERE archived_at IS NULL)"
        }
    }

    /// `employee_id IN (…) AND ` for some people, nothing for the whole organisation; nil for nobody.
    private static func personFilter(_ subjects: Subjects) -> SQLQueryString? {
        switch subjects {
        case .employees(let ids): ids.isEmpty ? nil : "employee_id IN (\(binds: ids)) AND "
        case .organization: ""
        }
    }

    /// The seven measures summed, as columns `a i w p n u c` (integers on both engines: SUM over BIGINT is NUMERIC
    /// on PostgreSQL, hence the cast; 0 rather than NULL over no rows).
    static let summedMeasures = [("a", "active_ms"), ("i", "idle_ms"), ("w", "work_away_ms"), ("p", "productive_ms"),
                                 ("n", "neutral_ms"), ("u", "unproductive_ms"), ("c", "uncategorized_ms")]
        .map { "CAST(COALESCE(SUM(\($0.1)), 0) AS BIGINT) AS \($0.0)" }.joined(separator: ", ")

    /// Reads the `summedMeasures` columns of a row, in seconds.
    static func measures(_ row: any SQLRow, hour: Int64) throws -> HourTotals {
        func s(_ column: String) throws -> Double { Double(try row.decode(column: column, as: Int64.self)) / 1000 }
        return HourTotals(
            hour: hour, active: try s("a"), idle: try s("i"),
            workAway: try s("w"), productive: try s("p"), neutral: try s("n"), unproductive: try s("u"), uncategorized: try s("c")
        )
    }

    /// Seconds per (app, category) over `subjects` and `[from, to)`, most first: whole UTC days inside the range
    /// from the daily app rollups (the organisation's own for the organisation), the partial days at either end from
    /// the hourly ones. The organisation is read without a list of people (any size stays under the bind limits).
    public func apps(_ subjects: Subjects, from: Date, to: Date, limit: Int) async throws -> [(app: String, category: ProductivityCategory, seconds: Double)] {
        guard let filter = Self.personFilter(subjects) else { return [] }
        let lo = from.epochMillis, hi = to.epochMillis
        let day: Int64 = 86_400_000
        let fullLo = (lo + day - 1) / day * day, fullHi = hi / day * day
        let query: SQLQueryString
        // The organisation's whole days come from its own per-app days (a few dozen rows a day at any size).
        let daily: SQLQueryString = if case .organization = subjects { "org_daily_app_rollups" } else { "daily_app_rollups" }
        if fullLo < fullHi {
            query = """
                SELECT app, category, CAST(SUM(ms) AS BIGINT) AS ms FROM (
                  SELECT app, category, ms FROM \(daily)
                  WHERE \(filter)day_start >= \(bind: fullLo) AND day_start < \(bind: fullHi)
                  UNION ALL
                  SELECT app, category, ms FROM hourly_app_rollups
                  WHERE \(filter)((hour_start >= \(bind: lo) AND hour_start < \(bind: fullLo))
                    OR (hour_start >= \(bind: fullHi) AND hour_start < \(bind: hi)))
                ) parts
                GROUP BY app, category HAVING SUM(ms) > 0 ORDER BY ms DESC, app LIMIT \(literal: limit)
                """
        } else {
            query = """
                SELECT app, category, CAST(SUM(ms) AS BIGINT) AS ms FROM hourly_app_rollups
                WHERE \(filter)hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
                GROUP BY app, category ORDER BY ms DESC, app LIMIT \(literal: limit)
                """
        }
        return try await database.withConnection { db in
            try await db.raw(query).all().map { row in
                (try row.decode(column: "app", as: String.self),
                 ProductivityCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .uncategorized,
                 Double(try row.decode(column: "ms", as: Int64.self)) / 1000)
            }
        }
    }
}
