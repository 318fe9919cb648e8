import Activities
import Auth
import Foundation
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Reading and changing rule settings, and queueing a re-evaluation. Admins set the organisation's rules and any
/// team's overrides; a manager reads them and sets overrides for the teams they manage.
public struct FlagRuleService: Sendable {
    let store: FlagRuleStore
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let time: TimeSource
    /// Wakes this process's evaluator (it also wakes on rollup changes).
    let doorbell: Doorbell

    /// Most days one re-evaluation may cover, and most person-days one may queue.
    static let maxEvaluationPersonDays = 500_000
    static let maxEvaluationDays = 92

    public struct Parameter: Codable, Sendable {
        var name: String
        var min: Double
        var max: Double
        var defaultValue: Double
        var unit: String
    }

    public struct RuleView: Codable, Sendable {
        var rule: FlagRule
        var period: String
        var enabled: Bool
        var severity: FlagSeverity
        var thresholds: [String: Double]
        var parameters: [Parameter]
    }

    public struct TeamRules: Codable, Sendable {
        var teamId: String
        /// Only the rules the team overrides.
        var rules: [RuleView]
    }

    public struct Rules: Codable, Sendable {
        var organization: [RuleView]
        var teams: [TeamRules]
    }

    public struct Input: Decodable, Sendable {
        var enabled: Bool
        var severity: FlagSeverity
        var thresholds: [String: Double]?
    }

    static func view(_ rule: FlagRule, _ settings: FlagRuleSettings) -> RuleView {
        RuleView(rule: rule, period: rule.period.rawValue, enabled: settings.enabled, severity: settings.severity,
                 thresholds: settings.thresholds,
                 parameters: rule.parameters.map { .init(name: $0.name, min: $0.range.lowerBound, max: $0.range.upperBound, defaultValue: $0.defaultValue, unit: $0.unit) })
    }

    func rules(by user: UserIdentity) async throws -> Rules {
        guard user.role != .employee else { throw AccessError.forbidden("Only managers and administrators may see flag rules.") }
        let book = try await store.all()
        let organization = FlagRule.allCases.map { Self.view($0, book.organization[$0] ?? .builtIn($0)) }
        let teams = book.stored.keys.filter { $0 != FlagRuleStore.organization && (user.role == .admin || user.managedTeams.contains($0)) }.sorted()
        return Rules(organization: organization, teams: teams.map { team in
            TeamRules(teamId: team, rules: FlagRule.allCases.compactMap { rule in book.stored[team]?[rule].map { Self.view(rule, $0) } })
        })
    }

    func save(rule: FlagRule, teamID: String?, input: Input, by user: UserIdentity) async throws -> RuleView {
        try await authorize(teamID: teamID, by: user)
        let settings = try FlagRuleSettings(enabled: input.enabled, severity: input.severity, thresholds: input.thresholds ?? [:]).validated(for: rule)
        try await store.save(scope: teamID ?? FlagRuleStore.organization, rule: rule, settings: settings, by: user.employeeID, at: time.now)
        return Self.view(rule, settings)
    }

    func removeOverride(rule: FlagRule, teamID: String, by user: UserIdentity) async throws {
        try await authorize(teamID: teamID, by: user)
        guard try await store.remove(scope: teamID, rule: rule) else { throw SimpleAppError(.notFound, code: "override_not_found", message: "The team does not override this rule.") }
    }

    private func authorize(teamID: String?, by user: UserIdentity) async throws {
        guard let teamID else {
            guard user.role == .admin else { throw AccessError.forbidden("Only administrators may change the organisation's rules.") }
            return
        }
        try access.authorizeTeam(teamID, by: user)
        guard try await directory.team(id: teamID) != nil else { throw SimpleAppError.invalid("teamId", "no such team") }
    }

    public struct EvaluateInput: Decodable, Sendable {
        var from: String
        var to: String
        var teamId: String?
    }

    public struct Queued: Codable, Sendable {
        var queued: Int
    }

    /// Queues every person-day of `[from, to]` (local dates) for the team or, for admins, everyone.
    func evaluate(_ input: EvaluateInput, by user: UserIdentity) async throws -> Queued {
        if let team = input.teamId { try access.authorizeTeam(team, by: user) } else if user.role != .admin {
            throw SimpleAppError.invalid("teamId", "is required for managers")
        }
        let period = try LocalPeriod.make(kind: .custom, anchor: input.from, through: input.to, timeZone: .gmt,
                                          maxDays: Self.maxEvaluationDays, anchorField: "from")
        let teams = input.teamId.map { Set([$0]) }
        var items = Set<PersonDayQueue.Item>()
        for person in try await directory.activeEmployees(teamIDs: teams) {
            for day in period.days { items.insert(.init(employeeID: person.id, day: day.date)) }
        }
        guard items.count <= Self.maxEvaluationPersonDays else {
            throw SimpleAppError.invalid("to", "more than \(Self.maxEvaluationPersonDays) person-days; evaluate a shorter range or one team")
        }
        let queued = items
        try await database.withTransaction { db in try await PersonDayQueue.flags.enqueue(queued, lane: .background, db) }
        await doorbell.ring()
        return Queued(queued: queued.count)
    }

    public struct Backlog: Codable, Sendable {
        /// Person-days waiting for evaluation (being evaluated included).
        var queued: Int
        /// Whether rollup changes wait to be turned into person-days.
        var changesPending: Bool
    }

    /// What waits for the evaluator: an empty backlog means every flag reflects the data.
    func backlog(by user: UserIdentity) async throws -> Backlog {
        guard user.role != .employee else { throw AccessError.forbidden("Only managers and administrators may see this.") }
        // Marks first: a mark seen gone was drained into the queue before the count reads it (the other order could
        // miss a drain that happened between the two reads).
        let pending = try await database.withConnection { db in try await RollupMarks.pending(db, consumer: RollupMarks.flags) }
        let queued = try await PersonDayQueue.flags.count(database)
        return Backlog(queued: queued, changesPending: pending)
    }
}
