import TrackerCore

/// Errors of the gamification area.
public enum GamificationError: AppError, Equatable {
    case off
    case notParticipating

    public var kind: ErrorKind {
        switch self {
        case .off: .conflict
        case .notParticipating: .notFound
        }
    }

    public var code: String {
        switch self {
        case .off: "gamification_off"
        case .notParticipating: "not_participating"
        }
    }

    public var message: String {
        switch self {
        case .off: "Gamification is off for this organisation; an administrator can turn it on."
        case .notParticipating: "This person does not take part in gamification."
        }
    }
}
