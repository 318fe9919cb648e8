/// How an activity counts. `uncategorized` is what no rule matched.
public enum ProductivityCategory: String, Sendable, Codable, CaseIterable, Equatable {
    case productive
    case neutral
    case unproductive
    case uncategorized
}

/// What a person decided an idle period was.
public enum IdleClassification: String, Sendable, Codable, CaseIterable, Equatable {
    /// A break: idle time (the default for an unclassified period).
    case `break`
    /// Work away from the computer (meeting, call): counted as active work.
    case workAway = "work_away"
    /// Not to be counted at all (neither idle nor active).
    case discard
}
