/// Rollups are kept per employee per UTC hour. Times inside the server are epoch milliseconds.
public enum HourBucket {
    public static let millis: Int64 = 3_600_000

    /// The start of the hour containing `ms`.
    public static func floor(_ ms: Int64) -> Int64 {
        let r = ms % millis
        return r >= 0 ? ms - r : ms - r - millis
    }

    /// The hours `[start, end)` touches, as hour starts.
    public static func hours(from start: Int64, to end: Int64) -> [Int64] {
        guard end > start else { return [floor(start)] }
        var result: [Int64] = []
        var hour = floor(start)
        while hour < end {
            result.append(hour)
            hour += millis
        }
        return result
    }

    /// `[start, end)` cut at hour boundaries: one piece per hour it touches.
    public static func split(start: Int64, end: Int64) -> [(hour: Int64, start: Int64, end: Int64)] {
        guard end > start else { return [] }
        return hours(from: start, to: end).map { hour in (hour, max(start, hour), min(end, hour + millis)) }
    }
}
