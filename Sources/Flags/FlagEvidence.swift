import Foundation

/// The numbers behind a flag, and what to open to see them. Units: `hours`, `minutes`, `percent` or `days`.
public struct FlagEvidence: Codable, Sendable, Equatable {
    public struct Period: Codable, Sendable, Equatable {
        /// `2026-11-30`, `2026-W48`, or the shift's local date and times.
        public var label: String
        /// Local time with offset, in `timeZone`.
        public var from: String
        public var to: String
        public var timeZone: String
    }

    /// A number per local day or sample day behind the observation (the baseline's samples, per-day minutes).
    public struct DayValue: Codable, Sendable, Equatable {
        public var date: String
        public var value: Double
    }

    public var observed: Double
    public var baseline: Double?
    public var threshold: Double
    public var unit: String
    public var period: Period
    public var days: [DayValue]?
    /// One sentence saying what happened, with the numbers.
    public var summary: String
    /// The API query that shows the data (the dashboard or the attendance view of the period).
    public var open: String
}
