import SQLKit
import TrackerCore
import TrackerStore

/// The fast path of the rollups: time appended at the end of one event changes its hour by exactly that time when
/// nothing else in the hour reaches past where it was appended — the heartbeat's common case. Constant work per
/// beat, however many events the hour already holds; anything else recomputes the hour from its raw rows.
extension RollupWriter {
    /// Applies `change` to the person's rollups with `rules` (read in the caller's transaction, which this joins);
    /// returns how it was applied.
    static func apply(_ change: RollupChange, _ db: any SQLDatabase, employeeID: String, rules: RuleSet.Snapshot) async throws -> RollupPath {
        switch change {
        case .none:
            return .unchanged
        case .hours(let hours):
            guard !hours.isEmpty else { return .unchanged }
            try await recompute(db, employeeID: employeeID, teamID: rules.team, hours: hours, matcher: rules.matcher, rulesVersion: rules.version)
            return .recomputed
        case .appended(let time):
            let category = rules.matcher.categorize(time.facts, teamID: rules.team)
            if try await appendDelta(db, employeeID: employeeID, time: time, category: category, rulesVersion: rules.version) {
                return .delta
            }
            try await recompute(db, employeeID: employeeID, teamID: rules.team, hours: [time.hour], matcher: rules.matcher, rulesVersion: rules.version)
            return .recomputed
        }
    }

    /// Adds `time` to its hour when the hour's row is current (same rules version) and nothing in the hour reaches
    /// past `time.from` (`covered_until_ms`): then only the appended event covers `[from, to)`, so that time is
    /// active, in the event's category and app, and the hour's last active instant becomes `to`. The check and
    /// the update are one statement; false (nothing changed) means the caller must recompute.
    static func appendDelta(
        _ db: any SQLDatabase, employeeID: String, time: AppendedTime, category: ProductivityCategory, rulesVersion: Int64
    ) async throws -> Bool {
        let length = time.to - time.from
        let column = categoryColumn(category)
        let applied = try await db.raw("""
            UPDATE hourly_rollups SET active_ms = active_ms + \(bind: length),
                \(ident: column) = \(ident: column) + \(bind: length),
                first_active_ms = COALESCE(first_active_ms, \(bind: time.from)),
                last_active_ms = \(bind: time.to), covered_until_ms = \(bind: time.to)
            WHERE employee_id = \(bind: employeeID) AND hour_start = \(bind: time.hour)
              AND rules_version = \(bind: rulesVersion) AND covered_until_ms <= \(bind: time.from)
            RETURNING hour_start
            """).first()
        guard applied != nil else { return false }
        try await RollupMarks.hour(db, employeeID: employeeID, hour: time.hour)
        try await db.raw("""
            INSERT INTO hourly_app_rollups (employee_id, hour_start, app, category, ms)
            VALUES (\(bind: employeeID), \(bind: time.hour), \(bind: time.facts.app), \(bind: category.rawValue), \(bind: length))
            ON CONFLICT (employee_id, hour_start, app, category) DO UPDATE SET ms = hourly_app_rollups.ms + excluded.ms
            """).run()
        var delta = HourRollup()
        delta.active = length
        switch category {
        case .productive: delta.productive = length
        case .neutral: delta.neutral = length
        case .unproductive: delta.unproductive = length
        case .uncategorized: delta.uncategorized = length
        }
        try await addOrganizationDelta(db, employeeID: employeeID, hour: time.hour, delta: measures(delta))
        let key = HourRollup.AppKey(app: time.facts.app, category: category)
        try await applyDailyAppDelta(db, employeeID: employeeID, hour: time.hour, old: [], new: [key: length])
        return true
    }

    static func categoryColumn(_ category: ProductivityCategory) -> String {
        switch category {
        case .productive: "productive_ms"
        case .neutral: "neutral_ms"
        case .unproductive: "unproductive_ms"
        case .uncategorized: "uncategorized_ms"
        }
    }
}

/// How a write reached the rollups (counted in `tracker_rollup_updates_total{path}`).
enum RollupPath: String, Sendable {
    case delta, recomputed, unchanged
}
