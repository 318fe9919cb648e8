import Foundation
import SQLKit
import TrackerCore

/// Presence per person-hour, published for features that must join it with their own tables in one query
/// (attendance joins shifts with it: one query per view instead of one per shift). The columns are a contract:
/// `employee_id`, `hour_start` (epoch ms), `active_ms` (work away included), `first_active_ms`, `last_active_ms`
/// (the first and last active instant of the hour, null when it had none). The table behind it stays Activities'.
extension RollupReader {
    public static let presenceSource: SQLQueryString =
        "(SELECT employee_id, hour_start, active_ms, first_active_ms, last_active_ms FROM hourly_rollups)"

    /// The local day number (days since 1970-01-01 in `zone`) of a presence row's `hour_start`, for grouping by local
    /// day in the database; offsets are literal per DST transition between `from` and `to`.
    public static func localDayNumber(from: Date, to: Date, zone: TimeZone) -> SQLQueryString {
        LocalDays.localDayExpression(from: from, to: to, zone: zone)
    }

    /// Local day number → index into `days`, matching `localDayNumber`.
    public static func dayIndex(_ days: [LocalPeriod.Day], zone: TimeZone) -> [Int64: Int] {
        LocalDays.dayIndex(days, zone: zone)
    }
}
