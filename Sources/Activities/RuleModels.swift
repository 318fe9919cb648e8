import Foundation
import Hummingbird
import TrackerCore

/// A productivity rule as stored and listed.
public struct ProductivityRule: ResponseCodable, Sendable, Equatable {
    public var id: String
    /// nil: organisation default; otherwise a team override.
    public var teamId: String?
    public var field: RuleField
    public var match: MatchKind
    public var pattern: String
    public var category: ProductivityCategory
    public var priority: Int
    public var createdAt: Date
    public var updatedAt: Date
}

public struct RuleInput: Decodable, Sendable {
    public var teamId: String?
    public var field: RuleField
    public var match: MatchKind
    public var pattern: String
    public var category: ProductivityCategory
    public var priority: Int?

    public init(teamId: String? = nil, field: RuleField, match: MatchKind, pattern: String, category: ProductivityCategory, priority: Int? = nil) {
        self.teamId = teamId
        self.field = field
        self.match = match
        self.pattern = pattern
        self.category = category
        self.priority = priority
    }
}

extension ProductivityRule {
    func compiled() throws -> CompiledRule {
        CompiledRule(
            id: id, teamID: teamId, field: field, pattern: try RulePattern(kind: match, pattern: pattern),
            category: category == .uncategorized ? .neutral : category, priority: priority
        )
    }
}
