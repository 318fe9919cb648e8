import Foundation
import TrackerCore
import TrackerHTTP

/// How instants and wall-clock times are written in this area's answers and messages.
enum ScheduleFormat {
    static func instant(_ date: Date) -> String { RFC3339.format(date) }

    /// Local wall-clock time with its UTC offset, e.g. `2026-03-29T22:00:00+01:00` (RFC 3339 with an offset).
    static func local(_ date: Date, _ zone: TimeZone) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        let shifted = RFC3339.format(date.addingTimeInterval(TimeInterval(seconds)))
        let sign = seconds < 0 ? "-" : "+"
        let offset = abs(seconds) / 60
        return String(shifted.dropLast()) + String(format: "%@%02d:%02d", sign, offset / 60, offset % 60)
    }

    /// The local date `YYYY-MM-DD` of an instant (arithmetic on the zone's offset: Calendar is slow per row).
    static func date(_ instant: Date, _ zone: TimeZone) -> String {
        String(RFC3339.format(instant.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: instant)))).prefix(10))
    }
}
