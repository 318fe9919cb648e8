import Foundation
import TrackerCore
import TrackerHTTP

/// The rules a flag can come from. Day rules judge one local day, week rules one ISO week (Monday first), shift
/// rules one published shift (they switch on where schedules exist: no shifts, no shift flags).
public enum FlagRule: String, Codable, Sendable, CaseIterable {
    /// A workday's active time below `percent` % of the person's own median for that weekday over the 4 weeks
    /// before (days with activity, not on time off; at least `minSamples` of them). Never against colleagues.
    case lowActivity = "low_activity"
    /// Active time outside the person's published shifts (or, in a week without shifts, outside the work hours on
    /// workdays and all of it on other days) above `minutes` on a day, on `days` or more days of a week.
    case afterHours = "after_hours"
    /// More than `hours` of active time in a week.
    case excessiveHours = "excessive_hours"
    /// Unproductive time above `percent` % of a day's active time (days with at least `minActiveMinutes`).
    case unproductiveShare = "unproductive_share"
    /// A published shift started `minutes` or more late (attendance's first activity).
    case lateStart = "late_start"
    /// A published shift left `minutes` or more early (attendance's last activity).
    case earlyLeave = "early_leave"
    /// No activity inside a published shift that has ended.
    case absent
    /// An unclassified idle period of `minutes` or more inside a published shift (in a week without shifts: inside
    /// the work hours of a working day).
    case longIdle = "long_idle"
    /// No data (events or idle reports) from any of the person's devices for `minutes` or more during a published
    /// shift; raised while the shift runs.
    case agentSilent = "agent_silent"

    public enum Period: String, Sendable { case day, week, shift }

    public var period: Period {
        switch self {
        case .lowActivity, .unproductiveShare, .longIdle: .day
        case .afterHours, .excessiveHours: .week
        case .lateStart, .earlyLeave, .absent, .agentSilent: .shift
        }
    }

    /// A threshold a rule reads: its name in `thresholds`, the values allowed and the default.
    public struct Parameter: Sendable {
        public var name: String
        public var range: ClosedRange<Double>
        public var defaultValue: Double
        public var unit: String
    }

    public var parameters: [Parameter] {
        switch self {
        case .lowActivity: [.init(name: "percent", range: 1...100, defaultValue: 50, unit: "percent"),
                            .init(name: "minSamples", range: 3...4, defaultValue: 3, unit: "days")]
        case .afterHours: [.init(name: "minutes", range: 1...1440, defaultValue: 60, unit: "minutes"),
                           .init(name: "days", range: 1...7, defaultValue: 2, unit: "days"),
                           .init(name: "workStartHour", range: 0...24, defaultValue: 8, unit: "hour"),
                           .init(name: "workEndHour", range: 0...24, defaultValue: 19, unit: "hour")]
        case .excessiveHours: [.init(name: "hours", range: 1...168, defaultValue: 50, unit: "hours")]
        case .unproductiveShare: [.init(name: "percent", range: 1...100, defaultValue: 40, unit: "percent"),
                                  .init(name: "minActiveMinutes", range: 0...1440, defaultValue: 60, unit: "minutes")]
        case .lateStart: [.init(name: "minutes", range: 1...720, defaultValue: 15, unit: "minutes")]
        // Leaving a little early is common and often agreed; half an hour is worth a look.
        case .earlyLeave: [.init(name: "minutes", range: 1...720, defaultValue: 30, unit: "minutes")]
        case .absent: []
        // An hour: a lunch break (unclassified idle inside the shift) is not a finding.
        case .longIdle: [.init(name: "minutes", range: 5...600, defaultValue: 60, unit: "minutes"),
                         .init(name: "workStartHour", range: 0...24, defaultValue: 8, unit: "hour"),
                         .init(name: "workEndHour", range: 0...24, defaultValue: 19, unit: "hour")]
        case .agentSilent: [.init(name: "minutes", range: 5...720, defaultValue: 30, unit: "minutes")]
        }
    }

    /// For people: messages and notifications.
    public var title: String {
        switch self {
        case .lowActivity: "Low activity"
        case .afterHours: "Work after hours"
        case .excessiveHours: "Excessive hours"
        case .unproductiveShare: "High unproductive share"
        case .lateStart: "Late start"
        case .earlyLeave: "Early leave"
        case .absent: "Absent from a shift"
        case .longIdle: "Long idle"
        case .agentSilent: "Agent silent"
        }
    }

    public var defaultSeverity: FlagSeverity {
        switch self {
        case .lowActivity, .unproductiveShare, .lateStart, .earlyLeave, .longIdle: .info
        case .afterHours, .excessiveHours, .absent, .agentSilent: .warning
        }
    }
}

public enum FlagSeverity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, critical

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: FlagSeverity, b: FlagSeverity) -> Bool { a.rank < b.rank }
}

/// A rule's settings: on or off, how severe its flags are, and its thresholds (missing ones take the default).
public struct FlagRuleSettings: Codable, Sendable, Equatable {
    public var enabled: Bool
    public var severity: FlagSeverity
    public var thresholds: [String: Double]

    public init(enabled: Bool, severity: FlagSeverity, thresholds: [String: Double]) {
        self.enabled = enabled
        self.severity = severity
        self.thresholds = thresholds
    }

    /// Built-in: every rule on, with its default severity and thresholds.
    public static func builtIn(_ rule: FlagRule) -> FlagRuleSettings {
        FlagRuleSettings(enabled: true, severity: rule.defaultSeverity,
                         thresholds: Dictionary(rule.parameters.map { ($0.name, $0.defaultValue) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The threshold `name` of `rule` (the default when unset).
    public func value(_ name: String, of rule: FlagRule) -> Double {
        thresholds[name] ?? rule.parameters.first { $0.name == name }?.defaultValue ?? 0
    }

    /// Checks every threshold against `rule`'s parameters; a `400` naming `thresholds.<name>` otherwise.
    public func validated(for rule: FlagRule) throws -> FlagRuleSettings {
        var complete = FlagRuleSettings.builtIn(rule).thresholds
        for (name, value) in thresholds {
            guard let parameter = rule.parameters.first(where: { $0.name == name }) else {
                let known = rule.parameters.map(\.name)
                throw SimpleAppError.invalid("thresholds.\(name)", known.isEmpty ? "\(rule.rawValue) has no thresholds"
                                             : "is not a threshold of \(rule.rawValue) (\(known.joined(separator: ", ")))")
            }
            guard value.isFinite, parameter.range.contains(value) else {
                throw SimpleAppError.invalid("thresholds.\(name)", "must be from \(CSVDownload.number(parameter.range.lowerBound)) to \(CSVDownload.number(parameter.range.upperBound))")
            }
            complete[name] = value
        }
        if rule == .afterHours || rule == .longIdle, (complete["workEndHour"] ?? 0) <= (complete["workStartHour"] ?? 0) {
            throw SimpleAppError.invalid("thresholds.workEndHour", "must be after workStartHour")
        }
        return FlagRuleSettings(enabled: enabled, severity: severity, thresholds: complete)
    }
}
