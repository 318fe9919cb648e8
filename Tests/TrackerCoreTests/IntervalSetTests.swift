import Testing
import TrackerCore

@Suite("Interval sets")
struct IntervalSetTests {
    @Test("building merges overlapping and touching ranges, drops empty ones, sorts")
    func building() {
        #expect(IntervalSet([5..<7, 0..<2, 2..<3, 6..<9, 4..<4]).ranges == [0..<3, 5..<9])
        #expect(IntervalSet([]).total == 0 && IntervalSet([0..<10, 5..<15]).total == 15)
    }

    @Test("intersection, subtraction and clipping, edges included", arguments: [
        ([0..<10], [5..<15], [5..<10], [0..<5]),
        ([0..<10], [10..<20], [], [0..<10]),                       // touching: nothing shared
        ([0..<10, 20..<30], [5..<25], [5..<10, 20..<25], [0..<5, 25..<30]),
        ([0..<30], [5..<10, 15..<20], [5..<10, 15..<20], [0..<5, 10..<15, 20..<30]),
        ([0..<10], [], [], [0..<10]),
        ([], [0..<10], [], []),
        ([0..<10], [0..<10], [0..<10], []),
    ] as [([Range<Int64>], [Range<Int64>], [Range<Int64>], [Range<Int64>])])
    func algebra(a: [Range<Int64>], b: [Range<Int64>], both: [Range<Int64>], aOnly: [Range<Int64>]) {
        let x = IntervalSet(a), y = IntervalSet(b)
        #expect(x.intersection(y).ranges == both && y.intersection(x).ranges == both)
        #expect(x.subtracting(y).ranges == aOnly)
        #expect(x.subtracting(y).total + x.intersection(y).total == x.total)
        #expect(x.union(y).total == x.total + y.total - x.intersection(y).total)
    }

    @Test("clipping to a day")
    func clipping() {
        #expect(IntervalSet([-5..<5, 8..<20]).clipped(to: 0..<10).ranges == [0..<5, 8..<10])
    }
}
