import Foundation
import TrackerCore

/// Organisation-wide scheduling settings (admins), with a per-team override of the attendance grace.
public struct ScheduleSettings: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable {
        /// The change is refused with `422` naming the rule.
        case refuse
        /// The change is saved and the answer lists the rule under `warnings`.
        case warn
    }

    /// What each rule does when broken.
    public struct RuleModes: Codable, Sendable, Equatable {
        public var skill: Mode = .refuse
        public var timeOff: Mode = .refuse
        public var minRest: Mode = .refuse
        public var maxHoursPerWeek: Mode = .refuse
        public var maxShiftsPerWeek: Mode = .refuse
        public var availability: Mode = .warn

        public init() {}

        public func mode(_ rule: ScheduleRule) -> Mode {
            switch rule {
            case .skill: skill
            case .timeOff: timeOff
            case .minRest: minRest
            case .maxHoursPerWeek: maxHoursPerWeek
            case .maxShiftsPerWeek: maxShiftsPerWeek
            case .availability: availability
            }
        }
    }

    public var rules = RuleModes()
    /// Minimum rest between two shifts of one person unless their profile says otherwise, in hours.
    public var minRestHours: Double = 10
    /// Attendance: minutes after a shift's start before the person counts as late (and after its end before
    /// activity counts as overtime, before its end before leaving counts as early).
    public var graceMinutes: Int = 5
    /// Attendance: activity up to this many minutes before a shift's start counts as arriving for it.
    public var earlyArrivalMinutes: Int = 60
    /// Attendance: activity up to this many minutes after a shift's end counts as staying on (overtime).
    public var overtimeWindowMinutes: Int = 240
    /// Attendance: active minutes a day outside any shift below this are not reported as unscheduled work.
    public var unscheduledThresholdMinutes: Int = 15

    public init() {}

    public var minRestMinutes: Int { Int((minRestHours * 60).rounded()) }
}

extension ScheduleSettings {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case rules, minRestHours, graceMinutes, earlyArrivalMinutes, overtimeWindowMinutes, unscheduledThresholdMinutes
    }

    /// Fields left out keep their defaults, so settings stored before a field existed still load.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decodeIfPresent(RuleModes.self, forKey: .rules) ?? RuleModes()
        minRestHours = try c.decodeIfPresent(Double.self, forKey: .minRestHours) ?? 10
        graceMinutes = try c.decodeIfPresent(Int.self, forKey: .graceMinutes) ?? 5
        earlyArrivalMinutes = try c.decodeIfPresent(Int.self, forKey: .earlyArrivalMinutes) ?? 60
        overtimeWindowMinutes = try c.decodeIfPresent(Int.self, forKey: .overtimeWindowMinutes) ?? 240
        unscheduledThresholdMinutes = try c.decodeIfPresent(Int.self, forKey: .unscheduledThresholdMinutes) ?? 15
    }

    /// The widest attendance windows a setting may ask for: a changed shift marks its time widened by these, so its
    /// attendance is recomputed whatever the windows are.
    static let maxEarlyArrivalMinutes = 720
    static let maxOvertimeWindowMinutes = 1440

    /// Each value within its bounds, else a `400` naming it.
    func validated() throws -> ScheduleSettings {
        func check(_ value: Double, _ range: ClosedRange<Double>, _ field: String) throws {
            guard value.isFinite, range.contains(value) else {
                throw SimpleAppError.invalid(field, "must be from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            }
        }
        try check(minRestHours, 0...48, "minRestHours")
        try check(Double(graceMinutes), 0...240, "graceMinutes")
        try check(Double(earlyArrivalMinutes), 0...Double(Self.maxEarlyArrivalMinutes), "earlyArrivalMinutes")
        try check(Double(overtimeWindowMinutes), 0...Double(Self.maxOvertimeWindowMinutes), "overtimeWindowMinutes")
        try check(Double(unscheduledThresholdMinutes), 0...1440, "unscheduledThresholdMinutes")
        return self
    }
}

extension ScheduleSettings.RuleModes {
    enum CodingKeys: String, CodingKey {
        case skill, timeOff, minRest, maxHoursPerWeek, maxShiftsPerWeek, availability
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        skill = try c.decodeIfPresent(ScheduleSettings.Mode.self, forKey: .skill) ?? .refuse
        timeOff = try c.decodeIfPresent(ScheduleSettings.Mode.self, forKey: .timeOff) ?? .refuse
        minRest = try c.decodeIfPresent(ScheduleSettings.Mode.self, forKey: .minRest) ?? .refuse
        maxHoursPerWeek = try c.decodeIfPresent(ScheduleSettings.Mode.self, forKey: .maxHoursPerWeek) ?? .refuse
        maxShiftsPerWeek = try c.decodeIfPresent(ScheduleSettings.Mode.self, forKey: .maxShiftsPerWeek) ?? .refuse
        availability = try c.decodeIfPresent(ScheduleSettings.Mode.self, forKey: .availability) ?? .warn
    }
}
