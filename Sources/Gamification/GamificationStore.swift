import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Reads and writes of gamification's own tables.
enum GamificationStore {
    static func settings(_ db: any SQLDatabase) async throws -> GamificationSettings {
        guard let row = try await db.raw("""
            SELECT enabled, individual_leaderboards, daily_cap, default_goal_minutes FROM gamification_settings WHERE id = 1
            """).first()
        else { return GamificationSettings(enabled: false, individualLeaderboards: false, dailyCap: 60, defaultGoalMinutes: 240) }
        return GamificationSettings(
            enabled: try row.decode(column: "enabled", as: Int.self) != 0,
            individualLeaderboards: try row.decode(column: "individual_leaderboards", as: Int.self) != 0,
            dailyCap: try row.decode(column: "daily_cap", as: Int.self),
            defaultGoalMinutes: try row.decode(column: "default_goal_minutes", as: Int.self)
        )
    }

    static func save(_ settings: GamificationSettings, by actor: String, at now: Int64, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE gamification_settings SET enabled = \(bind: settings.enabled ? 1 : 0),
              individual_leaderboards = \(bind: settings.individualLeaderboards ? 1 : 0), daily_cap = \(bind: settings.dailyCap),
              default_goal_minutes = \(bind: settings.defaultGoalMinutes), updated_by = \(bind: actor), updated_at = \(bind: now)
            WHERE id = 1
            """).run()
    }

    static func member(_ employeeID: String, _ db: any SQLDatabase) async throws -> GamificationMember {
        guard let row = try await db.raw("SELECT opted_out, goal_minutes FROM gamification_members WHERE employee_id = \(bind: employeeID)").first()
        else { return .default }
        return GamificationMember(optedOut: try row.decode(column: "opted_out", as: Int.self) != 0,
                                  goalMinutes: try row.decode(column: "goal_minutes", as: Int?.self))
    }

    static func save(_ member: GamificationMember, employeeID: String, at now: Int64, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO gamification_members (employee_id, opted_out, goal_minutes, updated_at)
            VALUES (\(bind: employeeID), \(bind: member.optedOut ? 1 : 0), \(bind: member.goalMinutes), \(bind: now))
            ON CONFLICT (employee_id) DO UPDATE SET opted_out = excluded.opted_out, goal_minutes = excluded.goal_minutes,
              updated_at = excluded.updated_at
            """).run()
    }

    /// People who opted out.
    static func optedOut(_ db: any SQLDatabase) async throws -> Set<String> {
        Set(try await db.raw("SELECT employee_id FROM gamification_members WHERE opted_out <> 0").all().map {
            try $0.decode(column: "employee_id", as: String.self)
        })
    }

    // MARK: derived

    /// Replaces one person-day's ledger and totals.
    static func replaceDay(_ employeeID: String, _ day: PointsLedger.Day, entries: [PointsLedger.Entry], _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM gamification_points WHERE employee_id = \(bind: employeeID) AND day = \(bind: day.date)").run()
        try await db.raw("DELETE FROM gamification_days WHERE employee_id = \(bind: employeeID) AND day = \(bind: day.date)").run()
        if !entries.isEmpty {
            var insert: SQLQueryString = "INSERT INTO gamification_points (employee_id, day, entry_key, kind, at_ms, earned, points, detail) VALUES "
            for (index, entry) in entries.enumerated() {
                if index > 0 { insert += ", " }
                insert += """
                    (\(bind: employeeID), \(bind: day.date), \(bind: entry.key), \(bind: entry.kind.rawValue), \(bind: entry.at), \
                    \(bind: entry.earned), \(bind: entry.points), \(bind: entry.detail))
                    """
            }
            try await db.raw(insert).run()
        }
        guard day.productiveMs > 0 || !entries.isEmpty else { return }
        try await db.raw("""
            INSERT INTO gamification_days (employee_id, day, productive_ms, goal_ms, focus_blocks, healthy_breaks, on_time_starts, points)
            VALUES (\(bind: employeeID), \(bind: day.date), \(bind: day.productiveMs), \(bind: day.goalMs), \(bind: day.focus.count),
                    \(bind: day.breaks.count), \(bind: day.onTime.count), \(bind: entries.reduce(0) { $0 + $1.points }))
            """).run()
    }

    /// A person's day totals, oldest first (at most `limit`, the most recent).
    static func days(_ employeeID: String, since: String, _ db: any SQLDatabase) async throws -> [DayRow] {
        try await db.raw("""
            SELECT day, productive_ms, goal_ms, focus_blocks, healthy_breaks, on_time_starts, points FROM gamification_days
            WHERE employee_id = \(bind: employeeID) AND day >= \(bind: since) ORDER BY day
            """).all().map { try DayRow(row: $0) }
    }

    static func firstDay(_ employeeID: String, _ db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT MIN(day) AS d FROM gamification_days WHERE employee_id = \(bind: employeeID)").first()?
            .decode(column: "d", as: String?.self)
    }

    struct DayRow: Sendable, Equatable {
        var day: String
        var productiveMs: Int64
        var goalMs: Int64
        var focusBlocks: Int
        var healthyBreaks: Int
        var onTimeStarts: Int
        var points: Int

        init(row: any SQLRow) throws {
            day = try row.decode(column: "day", as: String.self)
            productiveMs = try row.decode(column: "productive_ms", as: Int64.self)
            goalMs = try row.decode(column: "goal_ms", as: Int64.self)
            focusBlocks = try row.decode(column: "focus_blocks", as: Int.self)
            healthyBreaks = try row.decode(column: "healthy_breaks", as: Int.self)
            onTimeStarts = try row.decode(column: "on_time_starts", as: Int.self)
            points = try row.decode(column: "points", as: Int.self)
        }

        var goalMet: Bool { goalMs > 0 && productiveMs >= goalMs }
    }

    static func replaceBadges(_ employeeID: String, _ awards: [Badges.Award], _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM gamification_badges WHERE employee_id = \(bind: employeeID)").run()
        for start in stride(from: 0, to: awards.count, by: 300) {
            var insert: SQLQueryString = "INSERT INTO gamification_badges (employee_id, badge_id, period, awarded_on) VALUES "
            for (index, award) in awards[start..<min(start + 300, awards.count)].enumerated() {
                if index > 0 { insert += ", " }
                insert += "(\(bind: employeeID), \(bind: award.badgeId), \(bind: award.period), \(bind: award.awardedOn))"
            }
            try await db.raw(insert).run()
        }
    }

    static func badges(_ employeeID: String, _ db: any SQLDatabase) async throws -> [Badges.Award] {
        try await db.raw("""
            SELECT badge_id, period, awarded_on FROM gamification_badges WHERE employee_id = \(bind: employeeID) ORDER BY awarded_on, badge_id
            """).all().map {
            Badges.Award(badgeId: try $0.decode(column: "badge_id", as: String.self), period: try $0.decode(column: "period", as: String.self),
                         awardedOn: try $0.decode(column: "awarded_on", as: String.self))
        }
    }

    static func ledger(_ employeeID: String, from: String, to: String, limit: Int, _ db: any SQLDatabase) async throws -> [LedgerEntry] {
        try await db.raw("""
            SELECT day, entry_key, kind, at_ms, earned, points, detail FROM gamification_points
            WHERE employee_id = \(bind: employeeID) AND day >= \(bind: from) AND day <= \(bind: to)
            ORDER BY day, at_ms, entry_key LIMIT \(literal: limit)
            """).all().map {
            LedgerEntry(day: try $0.decode(column: "day", as: String.self), key: try $0.decode(column: "entry_key", as: String.self),
                        kind: try $0.decode(column: "kind", as: String.self), at: Date(epochMillis: try $0.decode(column: "at_ms", as: Int64.self)),
                        earned: try $0.decode(column: "earned", as: Int.self), points: try $0.decode(column: "points", as: Int.self),
                        detail: try $0.decode(column: "detail", as: String.self))
        }
    }

    /// Points per person over `[from, to]`.
    static func points(from: String, to: String, _ db: any SQLDatabase) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT employee_id, SUM(points) AS p FROM gamification_days WHERE day >= \(bind: from) AND day <= \(bind: to) GROUP BY employee_id
            """).all() {
            result[try row.decode(column: "employee_id", as: String.self)] = try row.decode(column: "p", as: Int?.self) ?? 0
        }
        return result
    }
}

/// One entry of the points ledger as the API shows it.
public struct LedgerEntry: Codable, Sendable, Equatable {
    public var day: String
    public var key: String
    public var kind: String
    public var at: Date
    public var earned: Int
    public var points: Int
    public var detail: String
}
