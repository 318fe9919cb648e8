import Foundation

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

    public var start: Date { days.first!.start }
    public var end: Date { days.last!.end }

    /// The period of `kind` containing the local date `anchor` (`YYYY-MM-DD`); for `custom`, `anchor…through`.
    public static func make(kind: Kind, anchor: String, through: String? = nil, timeZone: TimeZone, maxDays: Int = 400) throws -> LocalPeriod {
        let calendar = Self.calendar(timeZone)
        guard let anchorDate = parse(anchor, calendar) else { throw SimpleAppError.invalid("date", "must be YYYY-MM-DD") }
        let first: Date
        let dayCount: Int
        switch kind {
        case .day:
            first = anchorDate
            dayCount = 1
        case .week:
            first = calendar.dateInterval(of: .weekOfYear, for: anchorDate)!.start
            dayCount = 7
        case .month:
            let interval = calendar.dateInterval(of: .month, for: anchorDate)!
            first = interval.start
            dayCount = calendar.range(of: .day, in: .month, for: anchorDate)!.count
        case .custom:
            guard let through, let last = parse(through, calendar) else { throw SimpleAppError.invalid("to", "must be YYYY-MM-DD") }
            guard last >= anchorDate else { throw SimpleAppError.invalid("to", "must not be before from") }
            first = anchorDate
            dayCount = (calendar.dateComponents([.day], from: anchorDate, to: last).day ?? 0) + 1
        }
        guard dayCount <= maxDays else { throw SimpleAppError.invalid("to", "range must be at most \(maxDays) days") }
        return LocalPeriod(kind: kind, timeZone: timeZone, days: Self.days(from: first, count: dayCount, calendar))
    }

    /// The period just before this one, of the same length in days.
    public func previous() -> LocalPeriod {
        let calendar = Self.calendar(timeZone)
        let count = kind == .month
            ? calendar.range(of: .day, in: .month, for: calendar.date(byAdding: .day, value: -1, to: start)!)!.count
            : days.count
        let first = calendar.date(byAdding: .day, value: -count, to: start)!
        return LocalPeriod(kind: kind, timeZone: timeZone, days: Self.days(from: first, count: count, calendar))
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    static func parse(_ text: String, _ calendar: Calendar) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard text.count == 10, parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }

    static func days(from first: Date, count: Int, _ calendar: Calendar) -> [Day] {
        (0..<count).map { offset in
            let start = calendar.date(byAdding: .day, value: offset, to: first)!
            let end = calendar.date(byAdding: .day, value: 1, to: start)!
            let c = calendar.dateComponents([.year, .month, .day], from: start)
            let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            return Day(date: date, start: start, end: end)
        }
    }
}
