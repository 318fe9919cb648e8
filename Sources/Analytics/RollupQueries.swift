import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Sums of the hourly rollups over a set of employees and an hour range. Dashboards read only these tables.
struct RollupQueries: Sendable {
    let database: any Database

    struct HourTotals: Sendable {
        var hour: Int64
        var active = 0.0, idle = 0.0, workAway = 0.0, productive = 0.0, neutral = 0.0, unproductive = 0.0, uncategorized = 0.0
    }

    /// Which rollups to sum: some people's, or the whole organisation's (archived people's past work included),
    /// read from the organisation rollups — at most 16 rows an hour, whatever the organisation's size.
    enum Subjects: Sendable {
        case employees([String])
        case organization
    }

    /// Per-hour totals over `subjects` for hours starting in `[from, to)`.
    func hours(_ subjects: Subjects, from: Date, to: Date) async throws -> [HourTotals] {
        try await sums(subjects, from: from, to: to, perHour: true)
    }

    /// One total over `subjects` and `[from, to)` (a previous period needs no per-hour rows).
    func total(_ subjects: Subjects, from: Date, to: Date) async throws -> HourTotals {
        try await sums(subjects, from: from, to: to, perHour: false).first ?? HourTotals(hour: 0)
    }

    private func sums(_ subjects: Subjects, from: Date, to: Date, perHour: Bool) async throws -> [HourTotals] {
        let lo = Int64(from.timeIntervalSince1970 * 1000), hi = Int64(to.timeIntervalSince1970 * 1000)
        let table: String, filter: SQLQueryString
        switch subjects {
        case .employees(let ids):
            guard !ids.isEmpty else { return [] }
            (table, filter) = ("hourly_rollups", "employee_id IN (\(binds: ids)) AND ")
        case .organization:
            (table, filter) = ("org_hourly_rollups", "")
        }
        // SUM over BIGINT is NUMERIC on PostgreSQL: cast so both engines return integers.
        let columns = ["a": "active_ms", "i": "idle_ms", "w": "work_away_ms", "p": "productive_ms", "n": "neutral_ms",
                       "u": "unproductive_ms", "c": "uncategorized_ms"]
            .sorted { $0.key < $1.key }.map { "CAST(COALESCE(SUM(\($0.value)), 0) AS BIGINT) AS \($0.key)" }.joined(separator: ", ")
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: perHour ? "hour_start" : "0 AS hour_start"), \(unsafeRaw: columns)
            FROM \(ident: table)
            WHERE \(filter)hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
            \(unsafeRaw: perHour ? "GROUP BY hour_start ORDER BY hour_start" : "")
            """
        return try await database.withConnection { db in try await db.raw(query).all().map(Self.hourTotals) }
    }

    static func hourTotals(_ row: any SQLRow) throws -> HourTotals {
        func s(_ column: String) throws -> Double { Double(try row.decode(column: column, as: Int64.self)) / 1000 }
        return HourTotals(
            hour: try row.decode(column: "hour_start", as: Int64.self), active: try s("a"), idle: try s("i"),
            workAway: try s("w"), productive: try s("p"), neutral: try s("n"), unproductive: try s("u"), uncategorized: try s("c")
        )
    }

    /// Seconds per (app, category) over `employees` and `[from, to)`, most first: whole UTC days inside the range
    /// from the daily app rollups, the partial days at either end from the hourly ones.
    func apps(employees: [String], from: Date, to: Date, limit: Int) async throws -> [(app: String, category: ProductivityCategory, seconds: Double)] {
        guard !employees.isEmpty else { return [] }
        let lo = Int64(from.timeIntervalSince1970 * 1000), hi = Int64(to.timeIntervalSince1970 * 1000)
        let day: Int64 = 86_400_000
        let fullLo = (lo + day - 1) / day * day, fullHi = hi / day * day
        let query: SQLQueryString
        if fullLo < fullHi {
            query = """
                SELECT app, category, CAST(SUM(ms) AS BIGINT) AS ms FROM (
                  SELECT app, category, ms FROM daily_app_rollups
                  WHERE employee_id IN (\(binds: employees)) AND day_start >= \(bind: fullLo) AND day_start < \(bind: fullHi)
                  UNION ALL
                  SELECT app, category, ms FROM hourly_app_rollups
                  WHERE employee_id IN (\(binds: employees)) AND ((hour_start >= \(bind: lo) AND hour_start < \(bind: fullLo))
                    OR (hour_start >= \(bind: fullHi) AND hour_start < \(bind: hi)))
                ) parts
                GROUP BY app, category HAVING SUM(ms) > 0 ORDER BY ms DESC, app LIMIT \(literal: limit)
                """
        } else {
            query = """
                SELECT app, category, CAST(SUM(ms) AS BIGINT) AS ms FROM hourly_app_rollups
                WHERE employee_id IN (\(binds: employees)) AND hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
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

    /// Employees of the set with a device seen since `since`.
    func activeSince(_ since: Date, employees: [String]) async throws -> [(employee: String, lastSeen: Date)] {
        guard !employees.isEmpty else { return [] }
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT employee_id, MAX(last_seen_at) AS seen FROM devices
                WHERE employee_id IN (\(binds: employees)) AND revoked_at IS NULL AND last_seen_at >= \(bind: Int64(since.timeIntervalSince1970))
                GROUP BY employee_id ORDER BY employee_id
                """).all().map { row in
                (try row.decode(column: "employee_id", as: String.self),
                 Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "seen", as: Int64.self))))
            }
        }
    }
}
