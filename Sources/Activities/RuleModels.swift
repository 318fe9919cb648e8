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

    private enum CodingKeys: String, CodingKey { case teamId, field, match, pattern, category, priority }

    /// `priority` is read as any JSON number so that one too large for an integer (2^63) is a `400` naming
    /// `priority`, not a body Foundation calls invalid JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        teamId = try c.decodeIfPresent(String.self, forKey: .teamId)
        field = try c.decode(RuleField.self, forKey: .field)
        match = try c.decode(MatchKind.self, forKey: .match)
        pattern = try c.decode(String.self, forKey: .pattern)
        category = try c.decode(ProductivityCategory.self, forKey: .category)
        if let number = try c.decodeIfPresent(Double.self, forKey: .priority) {
            guard number.rounded() == number, (-1000...1000).contains(number) else {
                throw SimpleAppError.invalid("priority", "must be a whole number from -1000 to 1000")
            }
            priority = Int(number)
        } else {
            priority = nil
        }
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
