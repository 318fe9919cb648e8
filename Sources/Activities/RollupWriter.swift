import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Recomputes hourly rollups from the raw rows of those hours, inside the caller's transaction.
/// The same function serves ingest and rebuilds, so the two cannot disagree.
enum RollupWriter {
    /// Recomputes `hours` of `employeeID` with the current rules (the common tail of every write path).
    static func refresh(_ db: any SQLDatabase, employeeID: String, hours: Set<Int64>, rules: RuleSet) async throws {
        guard !hours.isEmpty else { return }
        let rules = try await rules.current(db, employeeID: employeeID)
        try await recompute(db, employeeID: employeeID, teamID: rules.team, hours: hours, matcher: rules.matcher, rulesVersion: rules.version)
    }

    static func recompute(
        _ db: any SQLDatabase, employeeID: String, teamID: String?, hours: Set<Int64>,
        matcher: RuleMatcher, rulesVersion: Int64
    ) async throws {
        for hour in hours.sorted() {
            let activities = try await activities(db, employeeID: employeeID, hour: hour, teamID: teamID, matcher: matcher)
            let idle = try await idlePeriods(db, employeeID: employeeID, hour: hour)
            let rollup = RollupCalculator.compute(hourStart: hour, activities: activities, idle: idle)
            try await write(db, employeeID: employeeID, hour: hour, rollup: rollup, rulesVersion: rulesVersion)
        }
    }

    static func activities(
        _ db: any SQLDatabase, employeeID: String, hour: Int64, teamID: String?, matcher: RuleMatcher
    ) async throws -> [ActivityInterval] {
        // The events starting in the hour (a range of the events' own key), then those reaching in from earlier hours.
        let rows = try await db.raw("""
            SELECT e.device_no, e.seq, e.start_ms, e.end_ms, a.value AS app, t.value AS title, u.value AS url
            FROM (
                SELECT e.* FROM activity_people p JOIN activity_events e ON e.person_no = p.no
                WHERE p.employee_id = \(bind: employeeID) AND e.start_ms >= \(bind: hour) AND e.start_ms < \(bind: hour + HourBucket.millis)
                UNION ALL
                SELECT e.* FROM activity_people p
                JOIN activity_event_hours h ON h.person_no = p.no AND h.hour_start = \(bind: hour)
                JOIN activity_events e ON e.person_no = h.person_no AND e.start_ms = h.start_ms AND e.device_no = h.device_no AND e.seq = h.seq
                WHERE p.employee_id = \(bind: employeeID)
            ) e
            JOIN activity_texts a ON a.id = e.app_id JOIN activity_texts t ON t.id = e.title_id
            LEFT JOIN activity_texts u ON u.id = e.url_id
            """).all()
        var categories: [ActivityFacts: ProductivityCategory] = [:]
        return try rows.map { row in
            let facts = ActivityFacts(
                app: try row.decode(column: "app", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                url: try row.decode(column: "url", as: String?.self)
            )
            let category: ProductivityCategory
            if let known = categories[facts] {
                category = known
            } else {
                category = matcher.categorize(facts, teamID: teamID)
                categories[facts] = category
            }
            return ActivityInterval(
                start: try row.decode(column: "start_ms", as: Int64.self),
                end: try row.decode(column: "end_ms", as: Int64.self),
                app: facts.app, category: category,
                tieBreaker: Self.tieBreaker(device: try row.decode(column: "device_no", as: Int64.self), seq: try row.decode(column: "seq", as: Int64.self))
            )
        }
    }

    /// Orders events that start at the same instant: by device, then by sequence (fixed width, so text order is
    /// number order).
    static func tieBreaker(device: Int64, seq: Int64) -> String {
        let device = String(device), seq = String(seq)
        return String(repeating: "0", count: max(0, 19 - device.count)) + device + "/" + String(repeating: "0", count: max(0, 19 - seq.count)) + seq
    }

    static func idlePeriods(_ db: any SQLDatabase, employeeID: String, hour: Int64) async throws -> [IdleInterval] {
        let rows = try await db.raw("""
            SELECT p.start_ms, p.end_ms, p.classification
            FROM idle_segments s JOIN idle_periods p ON p.device_id = s.device_id AND p.id = s.idle_id
            WHERE s.employee_id = \(bind: employeeID) AND s.hour_start = \(bind: hour)
            """).all()
        return try rows.map { row in
            IdleInterval(
                start: try row.decode(column: "start_ms", as: Int64.self),
                end: try row.decode(column: "end_ms", as: Int64.self),
                classification: try row.decode(column: "classification", as: String?.self).flatMap(IdleClassification.init(rawValue:))
            )
        }
    }

    static let rollupColumns = ["active_ms", "idle_ms", "work_away_ms", "productive_ms", "neutral_ms", "unproductive_ms",
                                "uncategorized_ms", "first_active_ms", "last_active_ms", "covered_until_ms", "rules_version"]

    private static func write(_ db: any SQLDatabase, employeeID: String, hour: Int64, rollup: HourRollup, rulesVersion: Int64) async throws {
        try await applyOrganizationDelta(db, employeeID: employeeID, hour: hour, new: rollup)
        try await RollupMarks.hour(db, employeeID: employeeID, hour: hour)
        let oldApps = try await db.raw("""
            DELETE FROM hourly_app_rollups WHERE employee_id = \(bind: employeeID) AND hour_start = \(bind: hour)
            RETURNING app, category, ms
            """).all()
        try await applyDailyAppDelta(db, employeeID: employeeID, hour: hour, old: oldApps, new: rollup.apps)
        guard !rollup.isEmpty else {
            try await db.delete(from: "hourly_rollups").where("employee_id", .equal, employeeID).where("hour_start", .equal, hour).run()
            return
        }
        // One upsert instead of delete + insert: this runs on every heartbeat.
        try await db.insert(into: "hourly_rollups")
            .columns(["employee_id", "hour_start"] + Self.rollupColumns)
            .values(
                SQLBind(employeeID), SQLBind(hour), SQLBind(rollup.active), SQLBind(rollup.idle), SQLBind(rollup.workAway),
                SQLBind(rollup.productive), SQLBind(rollup.neutral), SQLBind(rollup.unproductive), SQLBind(rollup.uncategorized),
                SQLBind(rollup.firstActive), SQLBind(rollup.lastActive), SQLBind(rollup.coveredUntil), SQLBind(rulesVersion)
            )
            .onConflict(with: ["employee_id", "hour_start"]) { update in
                var update = update
                for column in Self.rollupColumns { update = update.set(excludedValueOf: column) }
                return update
            }
            .run()
        guard !rollup.apps.isEmpty else { return }
        var insert = db.insert(into: "hourly_app_rollups").columns("employee_id", "hour_start", "app", "category", "ms")
        for (key, ms) in rollup.apps.sorted(by: { $0.key < $1.key }) {
            insert = insert.values(SQLBind(employeeID), SQLBind(hour), SQLBind(key.app), SQLBind(key.category.rawValue), SQLBind(ms))
        }
        try await insert.run()
    }
}

extension RollupWriter {
    static let measureColumns = OrganizationRollupSchema.measures

    static func measures(_ r: HourRollup) -> [Int64] {
        [r.active, r.idle, r.workAway, r.productive, r.neutral, r.unproductive, r.uncategorized]
    }

    /// Adds (new − old) of this employee-hour to the organisation's row for the hour, in the same transaction, so
    /// the organisation totals always equal the sum of the employee rollups.
    static func applyOrganizationDelta(_ db: any SQLDatabase, employeeID: String, hour: Int64, new: HourRollup) async throws {
        let old = try await db.raw("""
            SELECT \(unsafeRaw: measureColumns.joined(separator: ", ")) FROM hourly_rollups
            WHERE employee_id = \(bind: employeeID) AND hour_start = \(bind: hour)
            """).first()
        let before = try old.map { row in try measureColumns.map { try row.decode(column: $0, as: Int64.self) } } ?? Array(repeating: 0, count: measureColumns.count)
        try await addOrganizationDelta(db, employeeID: employeeID, hour: hour, delta: zip(measures(new), before).map { $0 - $1 })
    }

    /// Adds `delta` (one value per `measureColumns`) to the organisation's row for the hour.
    static func addOrganizationDelta(_ db: any SQLDatabase, employeeID: String, hour: Int64, delta: [Int64]) async throws {
        guard delta.contains(where: { $0 != 0 }) else { return }
        let shard = String(employeeID.prefix(1))
        let updates = measureColumns.map { "\($0) = org_hourly_rollups.\($0) + excluded.\($0)" }.joined(separator: ", ")
        try await db.raw("""
            INSERT INTO org_hourly_rollups (hour_start, shard, \(unsafeRaw: measureColumns.joined(separator: ", ")))
            VALUES (\(bind: hour), \(bind: shard), \(binds: delta))
            ON CONFLICT (hour_start, shard) DO UPDATE SET \(unsafeRaw: updates)
            """).run()
    }
}

extension RollupWriter {
    /// Adds (new − old) of this hour's per-app time to the person's row for the UTC day, in the same transaction.
    static func applyDailyAppDelta(
        _ db: any SQLDatabase, employeeID: String, hour: Int64, old: [any SQLRow], new: [HourRollup.AppKey: Int64]
    ) async throws {
        var delta = new
        for row in old {
            let key = HourRollup.AppKey(
                app: try row.decode(column: "app", as: String.self),
                category: ProductivityCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .uncategorized
            )
            delta[key, default: 0] -= try row.decode(column: "ms", as: Int64.self)
        }
        let changes = delta.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        guard !changes.isEmpty else { return }
        let day = hour / dayMillis * dayMillis
        let deltas = changes.map { ($0.key, $0.value) }
        try await addAppDelta(db, table: "daily_app_rollups", key: [("employee_id", employeeID), ("day_start", day)], changes: deltas)
        try await addOrganizationAppDelta(db, employeeID: employeeID, day: day, changes: deltas)
    }

    /// Adds per-app changes of one person's UTC day to the organisation's rows for that day (their shard).
    static func addOrganizationAppDelta(_ db: any SQLDatabase, employeeID: String, day: Int64, changes: [(key: HourRollup.AppKey, ms: Int64)]) async throws {
        try await addAppDelta(db, table: "org_daily_app_rollups", key: [("day_start", day), ("shard", String(employeeID.prefix(1)))], changes: changes)
    }

    /// Adds `ms` to the rows `(key…, app, category)` of an additive per-app table (inserted at `ms` when absent).
    private static func addAppDelta(_ db: any SQLDatabase, table: String, key: [(column: String, value: any Encodable & Sendable)],
                                    changes: [(key: HourRollup.AppKey, ms: Int64)]) async throws {
        guard !changes.isEmpty else { return }
        let columns = key.map(\.column) + ["app", "category"]
        var insert = db.insert(into: table).columns(columns + ["ms"])
        for (app, ms) in changes {
            insert = insert.values(key.map { SQLBind($0.value) } + [SQLBind(app.app), SQLBind(app.category.rawValue), SQLBind(ms)])
        }
        try await insert.onConflict(with: columns) { update in
            update.set("ms", to: SQLRaw("\(table).ms + excluded.ms"))
        }.run()
    }

    static let dayMillis: Int64 = 86_400_000
}

extension ActivityFacts: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(app)
        hasher.combine(title)
        hasher.combine(url)
    }
}
