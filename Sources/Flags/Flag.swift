import Foundation

/// Where a flag stands in review. `withdrawn`: the evaluator found, after late data, that its condition no longer
/// holds (it comes back `open` if the condition holds again).
public enum FlagState: String, Codable, Sendable, CaseIterable {
    case open, acknowledged, resolved, dismissed, withdrawn

    /// Still waiting for someone: the evaluator may withdraw these.
    var isUnsettled: Bool { self == .open || self == .acknowledged }
}

/// One flag: a rule that held for a person over a period, with its evidence and review state.
public struct Flag: Codable, Sendable, Equatable {
    public var id: String
    public var rule: FlagRule
    public var employeeId: String
    public var teamId: String?
    public var periodKey: String
    public var periodFrom: Date
    public var periodTo: Date
    public var severity: FlagSeverity
    public var state: FlagState
    public var evidence: FlagEvidence
    public var assigneeId: String?
    public var raisedAt: Date
    public var updatedAt: Date
    /// Counts the history's entries; a review step may name the version it saw.
    public var version: Int64
    /// The full history, oldest first (on a single flag's view).
    public var history: [FlagEvent]?
}

/// One entry of a flag's history: who (nil: the evaluator), what, when.
public struct FlagEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case raised, withdrawn, raisedAgain = "raised_again", acknowledged, resolved, dismissed, assigned, comment
    }

    public var version: Int64
    public var at: Date
    public var actorId: String?
    public var kind: Kind
    public var fromState: FlagState?
    public var toState: FlagState?
    public var note: String?
}
