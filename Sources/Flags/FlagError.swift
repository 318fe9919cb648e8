import TrackerCore

/// Errors of the flags area.
public enum FlagError: AppError, Equatable {
    case notFound
    case illegalTransition(from: FlagState, step: FlagService.Step)

    public var kind: ErrorKind {
        switch self {
        case .notFound: .notFound
        case .illegalTransition: .conflict
        }
    }

    public var code: String {
        switch self {
        case .notFound: "flag_not_found"
        case .illegalTransition: "illegal_transition"
        }
    }

    public var message: String {
        switch self {
        case .notFound: "No such flag."
        case .illegalTransition(let from, let step):
            "state: a flag that is \(from.rawValue) cannot be \(step.target.rawValue) (open → acknowledged → resolved or dismissed)."
        }
    }
}
