import TrackerCore

/// The organisation's gamification settings: off until an administrator turns it on; individual leaderboards off
/// until they are turned on too (team averages are shown whenever it is on).
public struct GamificationSettings: Codable, Sendable, Equatable {
    public var enabled: Bool
    public var individualLeaderboards: Bool
    /// Most points a person earns in a day.
    public var dailyCap: Int
    /// The daily goal in productive minutes for whoever has not set their own.
    public var defaultGoalMinutes: Int

    static let capRange = 0...1_000
    static let goalRange = 15...960

    /// A partial update, checked field by field.
    public struct Input: Decodable, Sendable {
        var enabled: Bool?
        var individualLeaderboards: Bool?
        var dailyCap: Int?
        var defaultGoalMinutes: Int?

        init(enabled: Bool? = nil, individualLeaderboards: Bool? = nil, dailyCap: Int? = nil, defaultGoalMinutes: Int? = nil) {
            self.enabled = enabled
            self.individualLeaderboards = individualLeaderboards
            self.dailyCap = dailyCap
            self.defaultGoalMinutes = defaultGoalMinutes
        }
    }

    func applying(_ input: Input) throws -> GamificationSettings {
        var next = self
        if let value = input.enabled { next.enabled = value }
        if let value = input.individualLeaderboards { next.individualLeaderboards = value }
        if let cap = input.dailyCap {
            guard Self.capRange.contains(cap) else { throw SimpleAppError.invalid("dailyCap", "must be 0–1000 points") }
            next.dailyCap = cap
        }
        if let goal = input.defaultGoalMinutes {
            guard Self.goalRange.contains(goal) else { throw SimpleAppError.invalid("defaultGoalMinutes", "must be 15–960 minutes") }
            next.defaultGoalMinutes = goal
        }
        return next
    }
}

/// A person's own choices: opting out hides everything of theirs from everyone else; their own goal replaces the
/// organisation's default.
public struct GamificationMember: Codable, Sendable, Equatable {
    public var optedOut: Bool
    public var goalMinutes: Int?

    public struct Input: Decodable, Sendable {
        var optedOut: Bool?
        var goalMinutes: Int?
        /// Set true to go back to the organisation's default goal.
        var useDefaultGoal: Bool?
    }

    func applying(_ input: Input) throws -> GamificationMember {
        var next = self
        if let value = input.optedOut { next.optedOut = value }
        if let goal = input.goalMinutes {
            guard GamificationSettings.goalRange.contains(goal) else { throw SimpleAppError.invalid("goalMinutes", "must be 15–960 minutes") }
            next.goalMinutes = goal
        }
        if input.useDefaultGoal == true { next.goalMinutes = nil }
        return next
    }

    static let `default` = GamificationMember(optedOut: false, goalMinutes: nil)
}
