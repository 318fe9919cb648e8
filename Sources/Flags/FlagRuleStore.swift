import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Rule settings: the organisation's (scope `organization`) and teams' overrides, over the built-in defaults.
struct FlagRuleStore: Sendable {
    static let organization = "organization"
    let database: any Database

    /// Every stored setting: scope → rule → settings.
    func all() async throws -> RuleBook {
        let rows = try await database.withConnection { db in
            try await db.raw("SELECT scope, rule, settings FROM flag_rules").all()
        }
        var book = RuleBook()
        for row in rows {
            guard let rule = FlagRule(rawValue: try row.decode(column: "rule", as: String.self)) else { continue }
            let text = try row.decode(column: "settings", as: String.self)
            guard let settings = try? JSONCoding.decoder.decode(FlagRuleSettings.self, from: Data(text.utf8)) else { continue }
            book.stored[try row.decode(column: "scope", as: String.self), default: [:]][rule] = settings
        }
        return book
    }

    func save(scope: String, rule: FlagRule, settings: FlagRuleSettings, by actor: String, at: Date) async throws {
        let text = String(decoding: try JSONCoding.encoder.encode(settings), as: UTF8.self)
        try await database.withSingleStatementWrite { db in
            try await db.raw("""
                INSERT INTO flag_rules (scope, rule, settings, updated_by, updated_at)
                VALUES (\(bind: scope), \(bind: rule.rawValue), \(bind: text), \(bind: actor), \(bind: at.epochMillis))
                ON CONFLICT (scope, rule) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at
                """).run()
        }
    }

    /// Drops a team's override; true when there was one.
    func remove(scope: String, rule: FlagRule) async throws -> Bool {
        try await database.withSingleStatementWrite { db in
            try await db.raw("DELETE FROM flag_rules WHERE scope = \(bind: scope) AND rule = \(bind: rule.rawValue) RETURNING rule").all().count > 0
        }
    }

    /// The stored settings, and what applies to whom.
    struct RuleBook: Sendable {
        var stored: [String: [FlagRule: FlagRuleSettings]] = [:]

        /// The organisation's settings of every rule.
        var organization: [FlagRule: FlagRuleSettings] {
            Dictionary(FlagRule.allCases.map { ($0, stored[FlagRuleStore.organization]?[$0] ?? .builtIn($0)) }, uniquingKeysWith: { a, _ in a })
        }

        /// What applies to a person of `teamID`: the team's override, else the organisation's, else built in.
        func effective(teamID: String?) -> [FlagRule: FlagRuleSettings] {
            var rules = organization
            if let teamID, let overrides = stored[teamID] {
                for (rule, settings) in overrides { rules[rule] = settings }
            }
            return rules
        }
    }
}
