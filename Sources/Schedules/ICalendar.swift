import Foundation
import TrackerCore

/// RFC 5545 text: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped,
/// times in UTC (`…Z`, so no VTIMEZONE is needed).
enum ICalendar {
    struct Event {
        var uid: String
        var stamp: Date
        var start: Date
        var end: Date
        var summary: String
        var location: String?
        var description: String?
        var sequence: Int64
    }

    static func document(name: String, events: [Event]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Productivity Tracker//Schedule//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name)]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + utc(event.stamp), "DTSTART:" + utc(event.start),
                      "DTEND:" + utc(event.end), "SUMMARY:" + escape(event.summary), "SEQUENCE:\(event.sequence)", "STATUS:CONFIRMED"]
            if let location = event.location { lines.append("LOCATION:" + escape(location)) }
            if let description = event.description { lines.append("DESCRIPTION:" + escape(description)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20260302T080000Z`.
    static func utc(_ date: Date) -> String {
        let text = ScheduleFormat.instant(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        return String(text.filter { $0 != "-" && $0 != ":" })
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Splits a content line into 75-octet pieces, continuation lines starting with one space.
    static func fold(_ line: String) -> String {
        var pieces: [String] = [], current = "", octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
