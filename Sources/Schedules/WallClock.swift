import Foundation
import TrackerCore

/// Local wall-clock time in an IANA zone ↔ instants, with the two DST cases decided once:
/// - a wall time that does not exist (the spring gap, e.g. 02:30 in Berlin on the last Sunday of March) moves forward
///   by the gap (03:30);
/// - a wall time that occurs twice (the autumn overlap) means its first occurrence (summer time).
/// Shift templates are wall-clock: 22:00 + 8 h ends at 06:00 local, which is 7 real hours across the spring change
/// and 9 across the autumn one.
struct WallClock: Sendable {
    let zone: TimeZone

    /// Milliseconds of the wall clock as if it were UTC: `date` `YYYY-MM-DD` plus `minutes` (may exceed a day).
    static func local(date: String, minutes: Int) -> Int64? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Int64(CivilDays.days(year: y, month: m, day: d)) * 86_400_000 + Int64(minutes) * 60_000
    }

    /// The instant showing `local` (wall-clock ms, as from `local(date:minutes:)`) on this zone's clocks.
    func instant(_ local: Int64) -> Int64 {
        let before = offset(local - 86_400_000), after = offset(local + 86_400_000)
        let candidates = [local - before, local - after].filter { $0 + offset($0) == local }
        // In the gap neither offset shows the time: the earlier offset lands the same distance past the gap.
        return candidates.min() ?? local - before
    }

    /// Wall-clock ms of an instant.
    func local(_ instant: Int64) -> Int64 { instant + offset(instant) }

    func offset(_ instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(epochMillis: instant))) * 1000
    }
}
