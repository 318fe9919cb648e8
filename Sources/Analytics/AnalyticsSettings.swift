/// Limits of the analytics views. TrackerApp sets them from configuration.
public struct AnalyticsSettings: Sendable {
    /// Longest range a dashboard, trend or team-metrics request may ask for, in local days (`400` above it).
    public var maxRangeDays = 400
    /// Longest daily timesheet, in local days (a row per person per day).
    public var maxTimesheetDays = 92

    public init() {}
}
