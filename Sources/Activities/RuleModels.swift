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
}

extension ProductivityRule {
    func compiled() throws -> CompiledRule {
        CompiledRule(
            id: id, teamID: teamId, field: field, pattern: try RulePattern(kind: match, pattern: pattern),
            category: category == .uncategorized ? .neutral : category, priority: priority
        )
    }
}
