import Foundation

public enum ShiftStatus: String, Codable, Sendable, CaseIterable {
    /// Visible to managers only; the planner may change it.
    case draft
    /// Visible to the people on it (and, when open, to those who may claim it).
    case published
}

/// A planned stretch of work of one team, at most 24 hours long; an absent `employeeId` is an open shift.
/// Stored in UTC; `localStart`/`localEnd` are the same instants as wall-clock time in `timeZone` (the location's,
/// else the team's, else the organisation's).
public struct Shift: Codable, Sendable, Equatable {
    public var id: String
    public var teamId: String
    public var locationId: String?
    public var employeeId: String?
    public var start: Date
    public var end: Date
    public var timeZone: String
    public var localStart: String
    public var localEnd: String
    public var skillId: String?
    /// Unpaid break, in minutes.
    public var breakMinutes: Int
    public var notes: String?
    public var status: ShiftStatus
    /// Bumped by every change; an update naming an older version is refused with `409`.
    public var version: Int64
    public var source: String
    public var externalId: String?
    public var templateId: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Rules in warning mode that this save breaks (only in the answer to a create, update or claim).
    public var warnings: [RuleViolation]?

    /// Paid minutes: the length less the unpaid break (never negative).
    public var paidMinutes: Int {
        max(0, Int((end.timeIntervalSince(start) / 60).rounded()) - breakMinutes)
    }
}
