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

    static func version(_ db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column("version").from("rules_version").where("id", .equal, 1).first()?
            .decode(column: "version", as: Int64.self) ?? 0
    }
}
