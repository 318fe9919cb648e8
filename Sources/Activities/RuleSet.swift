import Foundation
import SQLKit
import Synchronization
import TrackerCore
import TrackerStore

/// The compiled productivity rules, reloaded when `rules_version` changes (any instance may change rules;
/// each checks the version inside the transaction that uses the rules, so it never scores with stale ones).
final class RuleSet: Sendable {
    private let cached = Mutex<(version: Int64, matcher: RuleMatcher)?>(nil)

    /// The current version and matcher, read within `db` (a transaction).
    func current(_ db: any SQLDatabase) async throws -> (version: Int64, matcher: RuleMatcher) {
        let version = try await Self.version(db)
        if let hit = cached.withLock({ $0 }), hit.version == version { return hit }
        let rules = try await SQLRuleRepository.load(db).map { try $0.compiled() }
        let fresh = (version, RuleMatcher(rules: rules))
        cached.withLock { $0 = fresh }
        return fresh
    }

    /// The current rules and the employee's team, in one round trip (this runs on every ingest).
    func current(_ db: any SQLDatabase, employeeID: String) async throws -> Snapshot {
        try await snapshot(db, """
            SELECT (SELECT version FROM rules_version WHERE id = 1) AS version,
                   (SELECT team_id FROM employees WHERE id = \(bind: employeeID)) AS team_id
            """)
    }

    /// `current(_:employeeID:)` that also takes the person's row lock (PostgreSQL: `FOR UPDATE`, which serialises
    /// every write of theirs across instances — see `IngestService.write`), in the same round trip.
    func lockingPerson(_ db: any SQLDatabase, employeeID: String, engine: DatabaseEngineKind) async throws -> Snapshot {
        let lock: SQLQueryString = engine == .postgres ? " FOR UPDATE" : ""
        return try await snapshot(db, "SELECT (SELECT version FROM rules_version WHERE id = 1) AS version, team_id FROM employees WHERE id = \(bind: employeeID)" + lock)
    }

    private func snapshot(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Snapshot {
        try await snapshot(row: try await db.raw(query).first(), db)
    }

    /// The snapshot for the `version` and `team_id` columns of `row` (a caller's combined query).
    func snapshot(row: (any SQLRow)?, _ db: any SQLDatabase) async throws -> Snapshot {
        let version = try row?.decode(column: "version", as: Int64?.self) ?? 0
        let team = try row?.decode(column: "team_id", as: String?.self)
        if let hit = cached.withLock({ $0 }), hit.version == version { return Snapshot(version: version, matcher: hit.matcher, team: team) }
        let (fresh, matcher) = try await current(db)
        return Snapshot(version: fresh, matcher: matcher, team: team)
    }

    /// The rules (by version) and the team they are applied for.
    struct Snapshot: Sendable {
        let version: Int64
        let matcher: RuleMatcher
        let team: String?
    }

    static func version(_ db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column("version").from("rules_version").where("id", .equal, 1).first()?
            .decode(column: "version", as: Int64.self) ?? 0
    }
}
