import Foundation

/// Attendance over a range: each published shift that has started, compared with the person's tracked activity, and
/// plan vs tracked per person per local day. Minutes are whole minutes (rounded).
public struct AttendanceReport: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case onTime = "on_time", late, absent, earlyLeave = "early_leave", overtime
    }

    public struct ShiftRow: Codable, Sendable {
        public var shiftId: String
        public var employeeId: String
        public var employee: String
        public var teamId: String
        /// Local date of the shift's start in the report's zone.
        public var date: String
        public var start: Date
        public var end: Date
        public var scheduledMinutes: Int
        /// Tracked active minutes inside the shift (work away included).
        public var activeMinutes: Int
        public var firstActivity: Date?
        public var lastActivity: Date?
        /// The most telling status: absent, late, early_leave, overtime, on_time (in that order).
        public var status: Status
        /// Every status that applies (late and early_leave can both hold).
        public var statuses: [Status]
        public var lateMinutes: Int
        public var earlyLeaveMinutes: Int
        public var overtimeMinutes: Int
        /// The shift has not ended yet: leaving early and overtime are not judged.
        public var inProgress: Bool
    }

    public struct DayRow: Codable, Sendable {
        public var employeeId: String
        public var employee: String
        public var date: String
        public var scheduledMinutes: Int
        public var trackedMinutes: Int
        /// Tracked minus scheduled.
        public var differenceMinutes: Int
        /// Active minutes outside every shift (and its arrival and overtime windows), when at least the threshold.
        public var unscheduledMinutes: Int
    }

    public struct Totals: Codable, Sendable {
        public var shifts = 0, onTime = 0, late = 0, absent = 0, earlyLeave = 0, overtime = 0
        public var scheduledMinutes = 0, trackedMinutes = 0, unscheduledMinutes = 0
    }

    public var from: String
    public var to: String
    public var timeZone: String
    public var shifts: [ShiftRow]
    public var days: [DayRow]
    public var totals: Totals
}
