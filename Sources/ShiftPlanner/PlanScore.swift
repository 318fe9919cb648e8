/// A plan's score: hard points (0 is feasible, higher is better) first, then medium (minus the open shifts), then
/// soft (the weighted preferences minus the load-balance unfairness). Compared lexicographically.
public struct PlanScore: Sendable, Comparable, CustomStringConvertible {
    public var hard: Int64
    public var medium: Int64
    public var soft: Double

    public init(hard: Int64, medium: Int64 = 0, soft: Double) {
        self.hard = hard
        self.medium = medium
        self.soft = soft
    }

    /// Soft scores closer than this are equal (sums of whole minutes and one square root).
    static let tolerance = 1e-9

    public static func < (a: PlanScore, b: PlanScore) -> Bool {
        a.hard != b.hard ? a.hard < b.hard : a.medium != b.medium ? a.medium < b.medium : a.soft < b.soft - tolerance
    }

    public static func == (a: PlanScore, b: PlanScore) -> Bool {
        a.hard == b.hard && a.medium == b.medium && abs(a.soft - b.soft) <= tolerance
    }

    public var description: String { "\(hard)hard/\(medium)medium/\(soft)soft" }
}

/// Timefold's `LoadBalance.unfairness()`: sqrt(Σc² − (Σc)²/n) over every employee's shift count (those without
/// shifts count with 0), the radicand computed in double as Java does.
public enum LoadBalance {
    public static func unfairness(sum: Int, squares: Int, employees: Int) -> Double {
        guard employees > 1 else { return 0 }
        let radicand = Double(-(sum * sum)) / Double(employees) + Double(squares)
        return radicand > 0 ? radicand.squareRoot() : 0
    }

    /// The unfairness as Timefold reports it (six significant digits, half-even): `(digits, decimals)` meaning
    /// digits × 10^-decimals.
    public static func reported(_ value: Double) -> (digits: Int64, decimals: Int) {
        guard value > 0, value.isFinite else { return (0, 0) }
        var magnitude = 0
        var probe = value
        while probe >= 10 { probe /= 10; magnitude += 1 }
        while probe < 1 { probe *= 10; magnitude -= 1 }
        guard magnitude <= 5 else {
            var unit: Double = 1
            for _ in 0..<(magnitude - 5) { unit *= 10 }
            return (Int64((value / unit).rounded(.toNearestOrEven) * unit), 0)
        }
        let decimals = 5 - magnitude
        var scaled = value
        for _ in 0..<decimals { scaled *= 10 }
        return (Int64(scaled.rounded(.toNearestOrEven)), decimals)
    }

    /// "-1hard/5638.45081soft": hard, and desired − undesired − unfairness written exactly in decimal.
    public static func scoreText(hard: Int64, softMinutes: Int64, unfairness: Double) -> String {
        let (digits, decimals) = reported(unfairness)
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let total = softMinutes * scale - digits
        let negative = total < 0, magnitude = negative ? -total : total
        var text = String(magnitude / scale)
        if decimals > 0 {
            let fraction = String(magnitude % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return "\(hard)hard/\(negative ? "-" : "")\(text)soft"
    }
}
