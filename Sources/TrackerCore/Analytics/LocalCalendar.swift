import Foundation
import TrackerCore

/// Local-calendar arithmetic for features that judge a person's days (flags, gamification), in the person's zone
/// (ISO weeks, Monday first).
public enum LocalCalendar {
    public static func calendar(_ zone: TimeZone) -> Calendar { LocalPeriod.calendar(zone) }

    /// The local day `date` (`YYYY-MM-DD`) with its real bounds.
    public static func day(_ date: String, _ zone: TimeZone) -> LocalPeriod.Day? {
        try? LocalPeriod.make(kind: .day, anchor: date, timeZone: zone).days.first
    }

    /// `date` moved by whole calendar days.
    public static func date(_ date: String, plusDays days: Int) -> String? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (y, m, d) = CivilDays.date(CivilDays.days(year: parts[0], month: parts[1], day: parts[2]) + days)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(_ instant: Date, _ zone: TimeZone) -> Int {
        (calendar(zone).component(.weekday, from: instant) + 5) % 7
    }

    public static func weekdayName(_ instant: Date, _ zone: TimeZone) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday(instant, zone)]
    }

    /// The ISO week of `instant`, e.g. `2026-W48`.
    public static func isoWeek(_ instant: Date, _ zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.yearForWeekOfYear, .weekOfYear], from: instant)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
    }

    /// The local days of the ISO week holding `day`.
    public static func week(of day: LocalPeriod.Day, _ zone: TimeZone) -> [LocalPeriod.Day] {
        (try? LocalPeriod.make(kind: .week, anchor: day.date, timeZone: zone).days) ?? [day]
    }

    /// The instant of local clock time `hour` (fractional: 8.5 is 08:30) on `day`; 24 is the day's end.
    public static func instant(_ day: LocalPeriod.Day, hour: Double, _ zone: TimeZone) -> Date? {
        if hour >= 24 { return day.end }
        let minutes = Int((hour * 60).rounded())
        return calendar(zone).date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day.start)
    }

    /// `2026-11-30T09:00:00+01:00`.
    public static func local(_ instant: Date, _ zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: instant)
    }

    /// `09:00` local.
    public static func clock(_ instant: Date, _ zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.hour, .minute], from: instant)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
