import Synchronization

/// One productivity rule, compiled.
public struct CompiledRule: Sendable {
    public let id: String
    /// nil: organisation-wide; otherwise the team it overrides for.
    public let teamID: String?
    public let field: RuleField
    public let pattern: RulePattern
    public let category: ProductivityCategory
    public let priority: Int

    public init(id: String, teamID: String?, field: RuleField, pattern: RulePattern, category: ProductivityCategory, priority: Int) {
        self.id = id
        self.teamID = teamID
        self.field = field
        self.pattern = pattern
        self.category = category
        self.priority = priority
    }
}

/// What a rule can look at for one activity.
public struct ActivityFacts: Sendable, Hashable {
    public var app: String
    public var title: String
    public var url: String?

    public init(app: String, title: String, url: String?) {
        self.app = app
        self.title = title
        self.url = url
    }

    /// The URL's host, lower-cased, without a leading `www.`.
    public var domain: String? {
        guard let url, !url.isEmpty else { return nil }
        var rest = Substring(url)
        if let range = rest.range(of: "://") { rest = rest[range.upperBound...] }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        let lowered = host.lowercased()
        guard !lowered.isEmpty else { return nil }
        return lowered.hasPrefix("www.") ? String(lowered.dropFirst(4)) : lowered
    }

    public func value(of field: RuleField) -> String? {
        switch field {
        case .app: app
        case .title: title
        case .url: url
        case .domain: domain
        }
    }
}

/// Decides a category: the team's rules first (an override), then the organisation's; within each, higher
/// priority first, then the older rule (by id order). Nothing matched → `uncategorized`.
public struct RuleMatcher: Sendable {
    private let rules: [CompiledRule]
    /// Categories already decided, per team and facts: an hour's rollup is recomputed from its events on every
    /// write, so the same app/title/URL is categorised over and over; with the memo each distinct value pays for
    /// the rules once per rule-set version (a new version builds a new matcher). Bounded: cleared when full.
    private let memo = Memo()

    /// Distinct (team, facts) decided so far (tests observe the memo through it).
    var memoCount: Int { memo.entries.withLock { $0.count } }

    public static let memoCapacity = 50_000

    final class Memo: Sendable {
        struct Key: Hashable { var teamID: String?; var facts: ActivityFacts }
        let entries = Mutex<[Key: ProductivityCategory]>([:])
    }

    public init(rules: [CompiledRule]) {
        self.rules = rules.sorted { a, b in
            if (a.teamID != nil) != (b.teamID != nil) { return a.teamID != nil }
            if a.priority != b.priority { return a.priority > b.priority }
            return a.id < b.id
        }
    }

    public func categorize(_ facts: ActivityFacts, teamID: String?) -> ProductivityCategory {
        let key = Memo.Key(teamID: teamID, facts: facts)
        if let hit = memo.entries.withLock({ $0[key] }) { return hit }
        let category = matchingRule(facts, teamID: teamID)?.category ?? .uncategorized
        memo.entries.withLock { entries in
            if entries.count >= Self.memoCapacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = category
        }
        return category
    }

    public func matchingRule(_ facts: ActivityFacts, teamID: String?) -> CompiledRule? {
        for rule in rules where rule.teamID == nil || rule.teamID == teamID {
            if let value = facts.value(of: rule.field), rule.pattern.matches(value) { return rule }
        }
        return nil
    }
}
