import Foundation

/// A recurring shift: on `weekdays`, from `startTime` local wall-clock for `durationMinutes` of wall-clock time, in
/// the location's zone (else the team's, else the organisation's), `headcount` open shifts at a time.
public struct ShiftTemplate: Codable, Sendable, Equatable {
    public var id: String
    public var teamId: String
    public var name: String
    public var locationId: String?
    public var skillId: String?
    /// `mon` … `sun`.
    public var weekdays: [String]
    /// `HH:MM`, local.
    public var startTime: String
    public var durationMinutes: Int
    public var breakMinutes: Int
    public var headcount: Int
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
}
