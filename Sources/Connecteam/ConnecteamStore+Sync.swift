import Foundation
import SQLKit
import TrackerCore
import TrackerStore

extension ConnecteamStore {
    /// What a page of Connecteam users is to us (one transaction): matched to a person, unmatched, or a conflict.
    func recordPeople(_ rows: [(user: CT.User, employeeID: String?, state: String, detail: String?)], at now: Date) async throws {
        guard !rows.isEmpty else { return }
        try await database.withTransaction { db in
            for row in rows {
                try await db.raw("""
                    INSERT INTO connecteam_people (user_id, name, email, employee_id, state, detail, seen_at)
                    VALUES (\(bind: row.user.userId), \(bind: String(row.user.name.prefix(200))), \(bind: row.user.email.map { String($0.prefix(254)) }),
                            \(bind: row.employeeID), \(bind: row.state), \(bind: row.detail), \(bind: now.epochMillis))
                    ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, email = excluded.email, employee_id = excluded.employee_id,
                        state = excluded.state, detail = excluded.detail, seen_at = excluded.seen_at
                    """).run()
            }
        }
    }

    /// Connecteam users not matched to anyone here, or in conflict.
    func unmatchedPeople(limit: Int) async throws -> [UnmatchedUser] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT user_id, name, email, state, detail FROM connecteam_people WHERE state <> 'matched' ORDER BY state, name, user_id
                LIMIT \(literal: limit)
                """).all().map { row in
                UnmatchedUser(userId: try row.decode(column: "user_id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                              email: try row.decode(column: "email", as: String?.self), state: try row.decode(column: "state", as: String.self),
                              detail: try row.decode(column: "detail", as: String?.self))
            }
        }
    }

    /// Replaces one time clock's clocked time that starts in `[from, to)` with what Connecteam answered for that window,
    /// in one transaction: activities upserted by id, those no longer there removed. Returns (written, removed).
    func replaceClocked(clock: Int, from: Int64, to: Int64, activities: [CT.UserActivities], people: [Int: String], at now: Date)
        async throws -> (Int, Int) {
        try await database.withTransaction { db in
            var seen = Set<String>()
            var written = 0
            for user in activities {
                for activity in user.shifts ?? [] {
                    let start = activity.start.timestamp * 1000
                    let end = activity.end.map { $0.timestamp * 1000 }
                    guard activity.id.count <= 100, end.map({ $0 >= start }) ?? true, !seen.contains(activity.id) else { continue }
                    seen.insert(activity.id)
                    try await db.raw("""
                        INSERT INTO connecteam_clocked (id, time_clock_id, user_id, employee_id, start_ms, end_ms, scheduler_shift_id, job_id,
                            modified_at, synced_at)
                        VALUES (\(bind: activity.id), \(bind: clock), \(bind: user.userId), \(bind: people[user.userId]), \(bind: start), \(bind: end),
                            \(bind: activity.schedulerShiftId.map { String($0.prefix(100)) }), \(bind: activity.jobId.map { String($0.prefix(100)) }),
                            \(bind: activity.modifiedAt), \(bind: now.epochMillis))
                        ON CONFLICT (id) DO UPDATE SET time_clock_id = excluded.time_clock_id, user_id = excluded.user_id,
                            employee_id = excluded.employee_id, start_ms = excluded.start_ms, end_ms = excluded.end_ms,
                            scheduler_shift_id = excluded.scheduler_shift_id, job_id = excluded.job_id, modified_at = excluded.modified_at,
                            synced_at = excluded.synced_at
                        """).run()
                    written += 1
                }
            }
            let old = try await db.raw("""
                SELECT id FROM connecteam_clocked WHERE time_clock_id = \(bind: clock) AND start_ms >= \(bind: from) AND start_ms < \(bind: to)
                """).all().map { try $0.decode(column: "id", as: String.self) }
            var removed = 0
            for id in old where !seen.contains(id) {
                try await db.raw("DELETE FROM connecteam_clocked WHERE id = \(bind: id)").run()
                removed += 1
            }
            return (written, removed)
        }
    }
}

/// A Connecteam user we could not place: no one here has their id or email, or their email belongs to someone linked
/// to another Connecteam user (never merged silently).
public struct UnmatchedUser: Codable, Sendable, Equatable {
    public var userId: Int
    public var name: String
    public var email: String?
    /// `unmatched` or `conflict`.
    public var state: String
    public var detail: String?
}
