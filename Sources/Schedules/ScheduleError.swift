import Foundation
import TrackerCore

/// Errors of the schedule area. Every message names the field or rule at fault.
public enum ScheduleError: AppError, Equatable {
    case notFound(String)
    /// A referenced thing does not exist: `field` names the request field (`locationId`, `skillId`, …).
    case unknown(field: String, what: String)
    case nameTaken(field: String)
    /// The shift changed since the client read it.
    case staleVersion(current: Int64)
    /// The person already has a shift that overlaps.
    case overlap(shiftID: String, start: Date, end: Date)
    /// A scheduling rule refuses the change; `rule` is its settings key.
    case rule(rule: ScheduleRule, message: String)
    case conflict(code: String, message: String)

    public var kind: ErrorKind {
        switch self {
        case .notFound: .notFound
        case .unknown, .rule: .unprocessable
        case .nameTaken, .staleVersion, .overlap, .conflict: .conflict
        }
    }

    public var code: String {
        switch self {
        case .notFound(let what): "\(what)_not_found"
        case .unknown(_, let what): "unknown_\(what)"
        case .nameTaken: "name_taken"
        case .staleVersion: "stale_version"
        case .overlap: "shift_overlap"
        case .rule(let rule, _): "rule_\(rule.code)"
        case .conflict(let code, _): code
        }
    }

    public var message: String {
        switch self {
        case .notFound(let what): "No such \(what.replacingOccurrences(of: "_", with: " "))."
        case .unknown(let field, let what): "\(field): no such \(what.replacingOccurrences(of: "_", with: " "))."
        case .nameTaken(let field): "\(field): another one already has this name."
        case .staleVersion(let current):
            "version: the shift has changed since you read it; it is now at version \(current). Reload it and apply your change again."
        case .overlap(let id, let start, let end):
            "start: overlaps shift \(id) of the same person (\(ScheduleFormat.instant(start)) to \(ScheduleFormat.instant(end)))."
        case .rule(_, let message): message
        case .conflict(_, let message): message
        }
    }
}
