import Foundation
import TrackerCore

/// The one JSON convention of the API: camelCase keys, timestamps as RFC 3339 (`2026-03-01T09:30:00Z`),
/// accepted with any offset and with or without fractional seconds, always written in UTC.
public enum JSONCoding {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: RFC3339.expectation)
            }
            return date
        }
        return decoder
    }()
}

/// RFC 3339 timestamps, parsed and formatted with plain arithmetic: Foundation's ISO8601DateFormatter goes through
/// ICU and cost more than half of a 1,000-event batch's CPU (measured with perf in scripts/bench ingest).
public enum RFC3339 {
    /// What a client is told when a timestamp does not parse.
    public static let expectation = "must be an RFC 3339 timestamp such as 2026-03-01T09:30:00Z, \(DateBounds.description)"

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` within `DateBounds`; nil for anything else (including
    /// impossible dates).
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 20, b.count <= 40 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for index in at..<(at + count) {
                let c = b[index]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45, let day = digits(8, 2),
              b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58, let second = digits(17, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 46 {  // '.'
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index - start <= 9 else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case 90, 122:  // 'Z', 'z'
            index += 1
        case 43, 45:   // '+', '-'
            let sign = b[index] == 45 ? -1 : 1
            guard index + 6 == b.count, let h = digits(index + 1, 2), b[index + 3] == 58, let m = digits(index + 4, 2),
                  h <= 23, m <= 59
            else { return nil }
            offset = sign * (h * 3600 + m * 60)
            index += 6
        default:
            return nil
        }
        guard index == b.count else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        let date = Date(timeIntervalSince1970: Double(seconds) + fraction)
        return DateBounds.contains(date) ? date : nil
    }

    /// `2026-03-01T09:30:00Z`, with `.mmm` only when the instant has milliseconds.
    public static func format(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = totalMillis / 86_400_000
        var millisOfDay = totalMillis % 86_400_000
        if millisOfDay < 0 { millisOfDay += 86_400_000; days -= 1 }
        let (y, m, d) = CivilDays.date(Int(days))
        let secondsOfDay = Int(millisOfDay / 1000), millis = Int(millisOfDay % 1000)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
        if millis != 0 { out += ".\(pad(millis, 3))" }
        return out + "Z"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
