import Foundation

/// An employee's request to give up a published shift (`drop`: it becomes open) or hand it to a colleague (`swap`,
/// optionally taking one of theirs in return). A swap needs the colleague's acceptance; both need a manager's approval.
public struct ShiftRequest: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case drop, swap }

    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Drop: waiting for a manager. Swap: waiting for the colleague.
        case pending
        /// Swap accepted by the colleague, waiting for a manager.
        case accepted
        case approved, denied, declined, cancelled
    }

    public var id: String
    public var kind: Kind
    public var shiftId: String
    public var requesterId: String
    public var targetEmployeeId: String?
    public var targetShiftId: String?
    public var status: Status
    public var note: String?
    public var decidedBy: String?
    public var decisionNote: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// In the answer to an approval: rules in warning mode the new assignments break.
    public var warnings: [RuleViolation]?
}
