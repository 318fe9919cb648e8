import Foundation

/// The instants and calendar dates the API accepts from clients: 1970-01-01 to 2100-12-31. Bounding dates at the
/// edge keeps calendar arithmetic (time-zone transitions, local days, epoch milliseconds) in the range where it is
/// exact: year 1 in a zone with a local-mean-time offset produced duplicate local days and killed the process.
public enum DateBounds {
    public static let years = 1970...2100

    /// The same bound as epoch milliseconds: [1970-01-01T00:00Z, 2101-01-01T00:00Z).
    public static let millis: Range<Int64> = 0..<4_133_980_800_000

    public static func contains(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSince1970
        return seconds.isFinite && seconds >= 0 && seconds < Double(millis.upperBound / 1000)
    }

    /// Client-facing wording for the bound, used in every `400` it causes.
    public static let description = "between 1970-01-01 and 2100-12-31"
}
