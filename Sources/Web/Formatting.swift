import Foundation

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

    /// A moment as local date and time in `zone`.
    static func moment(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// The local clock time `HH:MM` of a moment in `zone`.
    static func clock(_ date: Date, zone: TimeZone) -> String { String(moment(date, zone: zone).suffix(5)) }
}
