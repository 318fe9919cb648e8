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
        return "\(pad(y, 4))-\(pad(m))-\(pad(d))"
    }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(_ instant: Date, _ zone: TimeZone) -> Int {
        let day = civil(instant, zone).days
        return ((day % 7) + 7 + 3) % 7
    }

    public static func weekdayName(_ instant: Date, _ zone: TimeZone) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday(instant, zone)]
    }

    /// The ISO week of `instant`, e.g. `2026-W48` (the week belongs to the year of its Thursday).
    public static func isoWeek(_ instant: Date, _ zone: TimeZone) -> String {
        let day = civil(instant, zone).days
        let thursday = day - (((day % 7) + 7 + 3) % 7) + 3
        let year = CivilDays.date(thursday).year
        let week = (thursday - CivilDays.days(year: year, month: 1, day: 1)) / 7 + 1
        return "\(pad(year, 4))-W\(pad(week))"
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

    /// `2026-11-30T09:00:00+01:00` (`Z` for a zero offset). Integer arithmetic on the zone's offset: evidence texts
    /// are built for every rule of every evaluated day, and a date formatter per call dominated re-evaluations.
    public static func local(_ instant: Date, _ zone: TimeZone) -> String {
        let (days, seconds, offset) = civil(instant, zone)
        let (y, m, d) = CivilDays.date(days)
        let date = "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(seconds / 3600)):\(pad(seconds % 3600 / 60)):\(pad(seconds % 60))"
        guard offset != 0 else { return date + "Z" }
        let sign = offset < 0 ? "-" : "+", magnitude = abs(offset)
        return date + sign + "\(pad(magnitude / 3600)):\(pad(magnitude % 3600 / 60))"
    }

    /// `09:00` local.
    public static func clock(_ instant: Date, _ zone: TimeZone) -> String {
        let seconds = civil(instant, zone).seconds
        return "\(pad(seconds / 3600)):\(pad(seconds % 3600 / 60))"
    }

    /// `value` with leading zeros to `width` digits (non-negative values).
    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// The local day number (days since 1970-01-01), seconds into that day, and the zone's offset at `instant`.
    static func civil(_ instant: Date, _ zone: TimeZone) -> (days: Int, seconds: Int, offset: Int) {
        let offset = zone.secondsFromGMT(for: instant)
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (days, local - days * 86_400, offset)
    }
}
