import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Productivity rules: who may change which (admins: all; managers: overrides for teams they manage), validation,
/// preview, and the rebuild that re-scores history after every change.
public struct RuleService: Sendable {
    private let database: any Database
    private let repository: SQLRuleRepository
    private let jobs: SQLRebuildJobRepository
    private let rules: RuleSet
    private let time: TimeSource

    init(database: any Database, rules: RuleSet, doorbell: Doorbell, time: TimeSource) {
        self.database = database
        self.repository = SQLRuleRepository(database: database)
        self.jobs = SQLRebuildJobRepository(database: database, doorbell: doorbell)
        self.rules = rules
        self.time = time
    }

    public struct Saved: Codable, Sendable {
        public var rule: ProductivityRule
        /// The job re-scoring history with the changed rules.
        public var rebuildJob: RebuildJob
    }

    public func list(for user: UserIdentity) async throws -> [ProductivityRule] {
        switch user.role {
        case .admin: return try await repository.all(teamIDs: nil)
        case .manager: return try await repository.all(teamIDs: user.managedTeams.union(user.teamID.map { [$0] } ?? []))
        case .employee: return try await repository.all(teamIDs: user.teamID.map { [$0] } ?? [])
        }
    }

    /// Rules in the whole organisation: each is checked against every activity value, so their number is bounded
    /// (with `LinearRegex.maxProgramSize` this bounds the work per value).
    public static let maxRules = 500

    public func create(_ input: RuleInput, by user: UserIdentity) async throws -> Saved {
        let teamID = try input.teamId.map { try FieldValidation.id($0, field: "teamId") }
        try authorizeScope(teamID, user: user)
        if let teamID { try await ensureTeamExists(teamID) }
        guard try await repository.count() < Self.maxRules else {
            throw SimpleAppError(.conflict, code: "too_many_rules", message: "At most \(Self.maxRules) rules; delete or merge some first.")
        }
        let now = time.now
        let rule = try validated(ProductivityRule(
            id: UUID().uuidString.lowercased(), teamId: teamID, field: input.field, match: input.match, pattern: input.pattern,
            category: input.category, priority: input.priority ?? 0, createdAt: now, updatedAt: now
        ))
        _ = try await repository.save(rule, createdBy: user.employeeID, isNew: true)
        return Saved(rule: rule, rebuildJob: try await enqueueRebuild(reason: "rule \(rule.id) created"))
    }

    public func update(id: String, _ input: RuleInput, by user: UserIdentity) async throws -> Saved {
        guard var rule = try await repository.rule(id: id) else { throw Self.notFound }
        try authorizeScope(rule.teamId, user: user)
        // A `teamId` moves the rule to that team (the caller must be allowed both scopes); absent keeps its scope.
        if let moved = try input.teamId.map({ try FieldValidation.id($0, field: "teamId") }), moved != rule.teamId {
            try authorizeScope(moved, user: user)
            try await ensureTeamExists(moved)
            rule.teamId = moved
        }
        rule.field = input.field
        rule.match = input.match
        rule.pattern = input.pattern
        rule.category = input.category
        rule.priority = input.priority ?? rule.priority
        rule.updatedAt = time.now
        rule = try validated(rule)
        _ = try await repository.save(rule, createdBy: user.employeeID, isNew: false)
        return Saved(rule: rule, rebuildJob: try await enqueueRebuild(reason: "rule \(rule.id) changed"))
    }

    public func delete(id: String, by user: UserIdentity) async throws -> RebuildJob {
        guard let rule = try await repository.rule(id: id) else { throw Self.notFound }
        try authorizeScope(rule.teamId, user: user)
        _ = try await repository.delete(id: id)
        return try await enqueueRebuild(reason: "rule \(rule.id) deleted")
    }

    public struct PreviewMatch: Codable, Sendable {
        public var value: String
        /// Seconds of the last 7 days' activity with this value.
        public var seconds: Double
        /// What the current rules make of it.
        public var currentCategory: ProductivityCategory
    }

    /// Which apps / titles / URLs / domains of the last 7 days the rule would match (up to 100, most time first).
    public func preview(_ input: RuleInput, by user: UserIdentity) async throws -> [PreviewMatch] {
        let teamID = try input.teamId.map { try FieldValidation.id($0, field: "teamId") }
        try authorizeScope(teamID, user: user)
        let candidate = try validated(ProductivityRule(
            id: "preview", teamId: teamID, field: input.field, match: input.match, pattern: input.pattern,
            category: input.category, priority: input.priority ?? 0, createdAt: time.now, updatedAt: time.now
        )).compiled()
        let since = time.now.epochMillis - 7 * 24 * HourBucket.millis
        let scopeTeams: Set<String>? = user.role == .admin ? (teamID.map { [$0] }) : (teamID.map { [$0] } ?? user.managedTeams)
        let rules = self.rules
        return try await database.withConnection { db in
            // SUM over BIGINT is NUMERIC on PostgreSQL: cast so both engines return an integer.
            let rows: [any SQLRow]
            if let scopeTeams {
                rows = try await db.raw("""
                    SELECT a.value AS app, t.value AS title, u.value AS url, g.ms FROM (
                        SELECT e.app_id, e.title_id, e.url_id, CAST(SUM(e.end_ms - e.start_ms) AS BIGINT) AS ms
                        FROM employees m JOIN activity_people p ON p.employee_id = m.id JOIN activity_events e ON e.person_no = p.no
                        WHERE e.start_ms >= \(bind: since) AND m.team_id IN (\(binds: Array(scopeTeams)))
                        GROUP BY e.app_id, e.title_id, e.url_id LIMIT 20000
                    ) g JOIN activity_texts a ON a.id = g.app_id JOIN activity_texts t ON t.id = g.title_id
                    LEFT JOIN activity_texts u ON u.id = g.url_id
                    """).all()
            } else {
                rows = try await db.raw("""
                    SELECT a.value AS app, t.value AS title, u.value AS url, g.ms FROM (
                        SELECT e.app_id, e.title_id, e.url_id, CAST(SUM(e.end_ms - e.start_ms) AS BIGINT) AS ms
                        FROM activity_events e WHERE e.start_ms >= \(bind: since)
                        GROUP BY e.app_id, e.title_id, e.url_id LIMIT 20000
                    ) g JOIN activity_texts a ON a.id = g.app_id JOIN activity_texts t ON t.id = g.title_id
                    LEFT JOIN activity_texts u ON u.id = g.url_id
                    """).all()
            }
            let (_, matcher) = try await rules.current(db)
            var totals: [String: (ms: Int64, category: ProductivityCategory)] = [:]
            for row in rows {
                let facts = ActivityFacts(
                    app: try row.decode(column: "app", as: String.self), title: try row.decode(column: "title", as: String.self),
                    url: try row.decode(column: "url", as: String?.self)
                )
                let value: String?
                switch candidate.field {
                case .app: value = facts.app
                case .title: value = facts.title
                case .url: value = facts.url
                case .domain: value = facts.domain
                }
                guard let value, candidate.pattern.matches(value) else { continue }
                let ms = try row.decode(column: "ms", as: Int64.self)
                totals[value, default: (0, matcher.categorize(facts, teamID: teamID))].ms += ms
            }
            return totals.sorted { $0.value.ms > $1.value.ms }.prefix(100).map {
                PreviewMatch(value: $0.key, seconds: Double($0.value.ms) / 1000, currentCategory: $0.value.category)
            }
        }
    }

    static let notFound = SimpleAppError(.notFound, code: "rule_not_found", message: "No such rule.")

    private func validated(_ rule: ProductivityRule) throws -> ProductivityRule {
        guard rule.category != .uncategorized else {
            throw SimpleAppError.invalid("category", "must be productive, neutral or unproductive")
        }
        guard (-1000...1000).contains(rule.priority) else { throw SimpleAppError.invalid("priority", "must be from -1000 to 1000") }
        _ = try rule.compiled()  // validates the pattern (regex safety included)
        return rule
    }

    private func authorizeScope(_ teamID: String?, user: UserIdentity) throws {
        switch user.role {
        case .admin: return
        case .manager:
            guard let teamID, user.managedTeams.contains(teamID) else {
                throw AccessError.forbidden("Managers may only manage rules scoped to teams they manage (set teamId).")
            }
        case .employee:
            throw AccessError.forbidden("Only managers and administrators may manage rules.")
        }
    }

    private func ensureTeamExists(_ teamID: String) async throws {
        let exists = try await database.withConnection { db in
            try await db.select().column("id").from("teams").where("id", .equal, teamID).first() != nil
        }
        guard exists else { throw SimpleAppError(.unprocessable, code: "unknown_team", message: "teamId: no team \(teamID).") }
    }

    private func enqueueRebuild(reason: String) async throws -> RebuildJob {
        // The whole history: work() only visits hours that have data.
        try await jobs.enqueue(employeeID: nil, fromHour: 0, toHour: time.now.epochMillis + 48 * HourBucket.millis, reason: reason, at: time.now)
    }
}
