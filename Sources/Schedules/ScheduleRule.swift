/// The rules checked when a person is put on a shift. Each can refuse the change or only warn
/// (`ScheduleSettings.rules`); overlapping shifts are always refused.
public enum ScheduleRule: String, Codable, Sendable, CaseIterable {
    case skill
    case timeOff
    case minRest
    case maxHoursPerWeek
    case maxShiftsPerWeek
    case availability

    /// snake_case for error codes (`rule_min_rest`).
    var code: String {
        switch self {
        case .skill: "skill"
        case .timeOff: "time_off"
        case .minRest: "min_rest"
        case .maxHoursPerWeek: "max_hours_per_week"
        case .maxShiftsPerWeek: "max_shifts_per_week"
        case .availability: "availability"
        }
    }
}

/// One rule a change breaks, with what is wrong in words.
public struct RuleViolation: Codable, Sendable, Equatable {
    public var rule: ScheduleRule
    public var message: String
}
