/// A set of instants as sorted, disjoint, non-touching half-open ranges (epoch ms): the algebra for comparing
/// planned, clocked and tracked time. Built from any ranges (overlapping, touching, unsorted, empty ones ignored).
public struct IntervalSet: Sendable, Equatable {
    public private(set) var ranges: [Range<Int64>]

    public init(_ ranges: [Range<Int64>] = []) {
        var merged: [Range<Int64>] = []
        for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    /// Total length, ms.
    public var total: Int64 { ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    public func union(_ other: IntervalSet) -> IntervalSet { IntervalSet(ranges + other.ranges) }

    /// What both hold (a linear merge of the two sorted lists).
    public func intersection(_ other: IntervalSet) -> IntervalSet {
        var result: [Range<Int64>] = []
        var i = 0, j = 0
        while i < ranges.count && j < other.ranges.count {
            let a = ranges[i], b = other.ranges[j]
            let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
            if lo < hi { result.append(lo..<hi) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return IntervalSet(result)
    }

    /// What this holds and `other` does not.
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        var result: [Range<Int64>] = []
        var j = 0
        for range in ranges {
            var lo = range.lowerBound
            while j < other.ranges.count && other.ranges[j].upperBound <= lo { j += 1 }
            var k = j
            while k < other.ranges.count && other.ranges[k].lowerBound < range.upperBound {
                if other.ranges[k].lowerBound > lo { result.append(lo..<other.ranges[k].lowerBound) }
                lo = max(lo, other.ranges[k].upperBound)
                k += 1
            }
            if lo < range.upperBound { result.append(lo..<range.upperBound) }
        }
        return IntervalSet(result)
    }

    /// Clipped to `bounds`.
    public func clipped(to bounds: Range<Int64>) -> IntervalSet { intersection(IntervalSet([bounds])) }
}
