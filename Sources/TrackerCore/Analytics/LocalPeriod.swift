import Foundation
import Synchronization

/// A span of local calendar days in one IANA time zone, with each day's real UTC bounds: days with a DST change
/// have 23 or 25 hours. Weeks are ISO weeks (Monday first).
public struct LocalPeriod: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case day, week, month, custom
    }

    public struct Day: Sendable, Equatable {
        /// `YYYY-MM-DD` in the period's time zone.
        public let date: String
        public let start: Date
        public let end: Date
        public var hours: Int { Int((end.timeIntervalSince(start) / 3600).rounded()) }
    }

    public let kind: Kind
    public let timeZone: TimeZone
    public let days: [Day]

    /// Never empty: every constructor makes at least one day.
    public var start: Date { days.first?.start ?? .distantPast }
    public var end: Date { days.last?.end ?? .distantPast }

    /// The period of `kind` containing the local date `anchor` (`YYYY-MM-DD`, within `DateBounds`); for `custom`,
    /// `anchor…through`. A bad date is a `400` naming `anchorField` or `to`.
    public static func make(
        kind: Kind, anchor: String, through: String? = nil, timeZone: TimeZone, maxDays: Int = 400, anchorField: String = "date"
    ) throws -> LocalPeriod {
        let calendar = Self.calendar(timeZone)
        let anchorDate = try parse(anchor, calendar, field: anchorField)
        let first: Date?
        let dayCount: Int?
        switch kind {
        case .day:
            first = anchorDate
            dayCount = 1
        case .week:
            first = calendar.dateInterval(of: .weekOfYear, for: anchorDate)?.start
            dayCount = 7
        case .month:
            first = calendar.dateInterval(of: .month, for: anchorDate)?.start
            dayCount = calendar.range(of: .day, in: .month, for: anchorDate)?.count
        case .custom:
            guard let through else { throw SimpleAppError.invalid("to", "is required for a custom period (YYYY-MM-DD)") }
            let last = try parse(through, calendar, field: "to")
            guard last >= anchorDate else { throw SimpleAppError.invalid("to", "must not be before \(anchorField)") }
            first = anchorDate
            dayCount = calendar.dateComponents([.day], from: anchorDate, to: last).day.map { $0 + 1 }
        }
        guard let first, let dayCount else { throw SimpleAppError.invalid(anchorField, "is not a date this calendar can place") }
        guard dayCount <= maxDays else { throw SimpleAppError.invalid("to", "range must be at most \(maxDays) days") }
        return try LocalPeriod(kind: kind, timeZone: timeZone, days: Self.days(from: first, count: dayCount, calendar))
    }

    /// The period just before this one, of the same length in days (a month: the previous month).
    public func previous() throws -> LocalPeriod {
        let calendar = Self.calendar(timeZone)
        let count = kind == .month
            ? calendar.date(byAdding: .day, value: -1, to: start).flatMap { calendar.range(of: .day, in: .month, for: $0)?.count }
            : days.count
        guard let count, let first = calendar.date(byAdding: .day, value: -count, to: start) else {
            throw SimpleAppError.invalid("date", "has no previous period")
        }
        return try LocalPeriod(kind: kind, timeZone: timeZone, days: Self.days(from: first, count: count, calendar))
    }

    /// The ISO-8601 calendar (Monday first, weeks as ISO weeks) in `zone`: the one every local-time rule uses.
    public static func calendar(_ zone: TimeZone) -> Calendar {
        // Building an ICU calendar is costly and evaluators ask for one per day judged: one per zone, kept.
        if let known = calendars.withLock({ $0[zone.identifier] }) { return known }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        calendars.withLock { cache in
            if cache.count >= 1_000 { cache.removeAll() }
            cache[zone.identifier] = calendar
        }
        return calendar
    }

    private static let calendars = Mutex<[String: Calendar]>([:])

    /// `YYYY-MM-DD` within `DateBounds.years`, else a `400` naming `field`.
    static func parse(_ text: String, _ calendar: Calendar, field: String) throws -> Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw SimpleAppError.invalid(field, "must be a date YYYY-MM-DD") }
        guard DateBounds.years.contains(year) else { throw SimpleAppError.invalid(field, "must be \(DateBounds.description)") }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw SimpleAppError.invalid(field, "is not a calendar date")
        }
        return date
    }

    /// The local date `YYYY-MM-DD` of `instant` in `zone`.
    public static func localDate(_ instant: Date, in zone: TimeZone) -> String { localDate(instant, calendar(zone)) }

    static func localDate(_ instant: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    init(kind: Kind, timeZone: TimeZone, days: [Day]) throws {
        guard !days.isEmpty else { throw SimpleAppError.invalid("date", "gives an empty period") }
        self.kind = kind
        self.timeZone = timeZone
        self.days = days
    }

    static func days(from first: Date, count: Int, _ calendar: Calendar) throws -> [Day] {
        try (0..<max(0, count)).map { offset in
            guard let start = calendar.date(byAdding: .day, value: offset, to: first),
                  let end = calendar.date(byAdding: .day, value: 1, to: start)
            else { throw SimpleAppError.invalid("date", "is not a date this calendar can place") }
            return Day(date: localDate(start, calendar), start: start, end: end)
        }
    }
}
