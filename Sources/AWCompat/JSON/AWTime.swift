import TrackerCore

/// ActivityWatch's timestamps: ISO 8601 as Python's `isoformat()` writes them (`2026-12-03T09:30:00.123456+00:00`,
/// also `Z`, any offset, any fraction, or none: then UTC). Held as epoch milliseconds, like every other event here.
public enum AWTime {
    /// `text` as epoch milliseconds, or a `400` naming `field`.
    public static func parse(_ text: String, field: String) throws -> Int64 {
        guard let ms = millis(text), DateBounds.millis.contains(ms) else {
            throw SimpleAppError.invalid(field, "must be an ISO 8601 timestamp with a time zone \(DateBounds.description) (e.g. 2026-12-03T09:30:00+00:00)")
        }
        return ms
    }

    static func millis(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 19, b.count <= 40 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<from + count {
                guard (48...57).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard let year = number(0, 4), b[4] == UInt8(ascii: "-"), let month = number(5, 2), b[7] == UInt8(ascii: "-"),
              let day = number(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let hour = number(11, 2), b[13] == UInt8(ascii: ":"), let minute = number(14, 2), b[16] == UInt8(ascii: ":"),
              let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, (48...57).contains(b[i]) {
                if digits < 3 { fraction = fraction * 10 + Int64(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if digits < 3 { for _ in digits..<3 { fraction *= 10 } }
        }
        var offsetMinutes = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                guard i + 6 == b.count || i + 5 == b.count, let h = number(i + 1, 2) else { return nil }
                let colon = b[i + 3] == UInt8(ascii: ":")
                guard let m = number(i + (colon ? 4 : 3), 2), h < 24, m < 60 else { return nil }
                offsetMinutes = sign * (h * 60 + m)
                i += colon ? 6 : 5
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + fraction
    }

    /// `2026-12-03T09:30:00.123000+00:00`: what aw-server (Python) writes and every aw client reads. Written digit
    /// by digit (a month's per-day query answers thousands of them).
    public static func format(_ ms: Int64) -> String {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = Int(ms - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let ofDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilDays.date(Int(days))
        var out = [UInt8]()
        out.reserveCapacity(32)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            for _ in 0..<count {
                out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
                if divisor == 0 { divisor = 1 }
            }
        }
        digits(year, 4); out.append(UInt8(ascii: "-")); digits(month, 2); out.append(UInt8(ascii: "-")); digits(day, 2)
        out.append(UInt8(ascii: "T")); digits(ofDay / 3600, 2); out.append(UInt8(ascii: ":")); digits(ofDay % 3600 / 60, 2)
        out.append(UInt8(ascii: ":")); digits(ofDay % 60, 2)
        if millis != 0 {
            out.append(UInt8(ascii: "."))
            digits(millis, 3)
            out.append(contentsOf: "000".utf8)
        }
        out.append(contentsOf: "+00:00".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Seconds as aw-server writes durations: a JSON number (`12.5`, `3600.0`).
    public static func seconds(_ ms: Int64) -> AWJSON {
        if ms % 1000 == 0 { return .number("\(ms / 1000).0") }
        var text = String(Double(ms) / 1000)
        if text.contains("e") { text = "\(ms / 1000)" }
        return .number(text)
    }
}
