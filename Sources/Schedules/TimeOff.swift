import Foundation

/// A request to be away. Approved time off makes the person unavailable for shifts it overlaps.
public struct TimeOff: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, approved, denied, cancelled
    }

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case vacation, sick, personal, unpaid, other
    }

    public var id: String
    public var employeeId: String
    /// The instants it covers, `[from, to)`. For all-day time off: the start of `firstDay` to the end of `lastDay` in
    /// the person's time zone.
    public var from: Date
    public var to: Date
    public var allDay: Bool
    /// All-day time off: the first and last local dates (`YYYY-MM-DD`, inclusive).
    public var firstDay: String?
    public var lastDay: String?
    public var kind: Kind
    public var reason: String?
    public var status: Status
    public var decidedBy: String?
    public var decidedAt: Date?
    public var decisionNote: String?
    public var source: String
    public var externalId: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// In the answer to an approval: shifts of the person that the approved time off overlaps (to re-plan).
    public var conflictingShiftIds: [String]?
}
