import Foundation

/// What the planner (and the rules) know about a person: skills, contract limits, weekly availability and day
/// preferences. Limits left out fall back to the organisation's settings (min rest) or no limit.
public struct ScheduleProfile: Codable, Sendable, Equatable {
    /// One window of a weekday, local wall-clock `HH:MM`; `to` may be `24:00`; a window with `to` before `from`
    /// runs past midnight.
    public struct Window: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public var employeeId: String
    public var skills: [Skill]
    public var maxHoursPerWeek: Double?
    public var maxShiftsPerWeek: Int?
    public var minRestHours: Double?
    /// Windows per weekday (`mon` … `sun`) in the person's time zone; nil: available any time. A weekday left out
    /// or with no window is a day off.
    public var availability: [String: [Window]]?
    public var desiredDates: [String]
    public var undesiredDates: [String]
    public var unavailableDates: [String]
    /// The zone the windows and dates are read in (the person's own, else their team's, else the organisation's).
    public var timeZone: String
}
