import Foundation
import TrackerCore

/// How numbers read on pages.
enum Formatting {
    /// `3 h 05 min`, `12 min`, `40 s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let total = Int(max(0, min(seconds, 1e12)).rounded())
        let hours = total / 3_600, minutes = (total % 3_600) / 60
        if hours > 0 { return "\(hours) h " + String(format: "%02d", minutes) + " min" }
        if minutes > 0 { return "\(minutes) min" }
        return "\(total) s"
    }

    /// A signed change: `+1 h 02 min` / `−12 min`.
    static func change(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds.rounded() != 0 else { return "±0" }
        return (seconds > 0 ? "+" : "−") + duration(abs(seconds))
    }

    static func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.1f", value)
    }

    static func points(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return (value >= 0 ? "+" : "−") + String(format: "%.1f", abs(value))
    }

    /// A moment as local date and time in `zone`: `2026-12-04 09:15`.
    static func moment(_ date: Date, zone: TimeZone) -> String {
        String(LocalCalendar.local(date, zone).prefix(10)) + " " + LocalCalendar.clock(date, zone)
    }

    /// The local clock time `HH:MM` of a moment in `zone`.
    static func clock(_ date: Date, zone: TimeZone) -> String { LocalCalendar.clock(date, zone) }

    /// Seconds after local midnight (first and last activity) as `HH:MM`.
    static func clock(secondsAfterMidnight seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        let minutes = Int(max(0, min(seconds, 86_400)) / 60)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
