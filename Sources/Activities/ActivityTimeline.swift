import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// A person's day as a sequence of classified activity and idle reports, for features that read its shape rather
/// than its hourly totals (gamification's focus blocks and breaks). Categories come from the current productivity
/// rules for the person's team, as the rollups' do.
public struct ActivityTimeline: Sendable {
    let database: any Database
    let rules: RuleSet
    let reader: ActivityReader

    /// Most events one read returns (a day of heartbeats is a few thousand).
    static let limit = 50_000

    /// Activity and idle within `[from, to)`, clipped to it, in start order.
    public func day(employeeID: String, from: Date, to: Date) async throws -> (activity: [DayHabits.ActivitySpan], idle: [DayHabits.IdleSpan]) {
        let lo = from.epochMillis, hi = to.epochMillis
        guard hi > lo else { return ([], []) }
        let rules = self.rules
        let activity = try await database.withConnection { db in
            let snapshot = try await rules.current(db, employeeID: employeeID)
            // Events start at most their longest duration (24 h) before `from`; the key (person, start) bounds the scan.
            let rows = try await db.raw("""
                SELECT e.start_ms, e.end_ms, a.value AS app, t.value AS title, u.value AS url
                FROM activity_people p JOIN activity_events e ON e.person_no = p.no
                JOIN activity_texts a ON a.id = e.app_id JOIN activity_texts t ON t.id = e.title_id
                LEFT JOIN activity_texts u ON u.id = e.url_id
                WHERE p.employee_id = \(bind: employeeID) AND e.start_ms > \(bind: lo - 86_400_000) AND e.start_ms < \(bind: hi)
                  AND e.end_ms > \(bind: lo)
                ORDER BY e.start_ms LIMIT \(literal: Self.limit)
                """).all()
            return try rows.map { row in
                let facts = ActivityFacts(app: try row.decode(column: "app", as: String.self), title: try row.decode(column: "title", as: String.self),
                                          url: try row.decode(column: "url", as: String?.self))
                return DayHabits.ActivitySpan(start: max(lo, try row.decode(column: "start_ms", as: Int64.self)),
                                              end: min(hi, try row.decode(column: "end_ms", as: Int64.self)),
                                              category: snapshot.matcher.categorize(facts, teamID: snapshot.team))
            }
        }
        let idle = try await reader.idlePeriods(employeeID: employeeID, from: from, to: to, revealPrivateNotes: false).map {
            DayHabits.IdleSpan(start: max(lo, $0.start.epochMillis), end: min(hi, $0.end.epochMillis), classification: $0.classification)
        }
        return (activity, idle)
    }
}
