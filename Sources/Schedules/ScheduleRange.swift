import Foundation
import TrackerCore
import TrackerHTTP

/// The `from`/`to` of a schedule request: RFC 3339 instants (`[from, to)`), or local dates `YYYY-MM-DD` in the
/// view's time zone (both days included). Bounded to `maxDays`.
struct ScheduleRange: Sendable, Equatable {
    var from: Int64
    var to: Int64
    /// The local days covered (only when given as dates).
    var period: LocalPeriod?

    static func parse(from: String?, to: String?, zone: TimeZone, maxDays: Int) throws -> ScheduleRange {
        guard let from, !from.isEmpty else { throw SimpleAppError.invalid("from", "is required (a date YYYY-MM-DD or an RFC 3339 time)") }
        guard let to, !to.isEmpty else { throw SimpleAppError.invalid("to", "is required (a date YYYY-MM-DD or an RFC 3339 time)") }
        if from.utf8.count == 10 {
            let period = try LocalPeriod.make(kind: .custom, anchor: from, through: to, timeZone: zone, maxDays: maxDays, anchorField: "from")
            return ScheduleRange(from: period.start.epochMillis, to: period.end.epochMillis, period: period)
        }
        let start = try RFC3339.parameter(from, name: "from"), end = try RFC3339.parameter(to, name: "to")
        guard end > start else { throw SimpleAppError.invalid("to", "must be after from") }
        guard end.timeIntervalSince(start) <= Double(maxDays) * 86_400 else {
            throw SimpleAppError.invalid("to", "range must be at most \(maxDays) days")
        }
        return ScheduleRange(from: start.epochMillis, to: end.epochMillis, period: nil)
    }

    /// The local days of the range in `zone` (dates given: those days; instants: the days they touch).
    func days(_ zone: TimeZone, maxDays: Int) throws -> LocalPeriod {
        if let period, period.timeZone == zone { return period }
        let first = ScheduleFormat.date(Date(epochMillis: from), zone), last = ScheduleFormat.date(Date(epochMillis: to - 1), zone)
        return try LocalPeriod.make(kind: .custom, anchor: first, through: last, timeZone: zone, maxDays: maxDays + 1, anchorField: "from")
    }
}

/// Bounds of what one request may ask for.
public struct ScheduleLimits: Sendable {
    /// Longest range of a schedule view or publish, in days.
    public var viewDays = 62
    /// Longest range of an attendance report, in days.
    public var attendanceDays = 92
    /// Most shifts one view returns; a wider request is refused (narrow the range or filter by team).
    public var maxShiftsPerView = 20_000
    /// Most shifts one attendance report covers (1,000 people × 92 days of weekday shifts fit).
    public var maxShiftsPerReport = 100_000
    public init() {}
}
