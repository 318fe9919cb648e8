import Foundation

/// SplitMix64: small, fast and the same on every platform, so a seed gives the same sequence anywhere — demo data
/// (`--seed S`) and property tests. (Swift's `SystemRandomNumberGenerator` cannot be seeded.)
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the data (a person, a day), so changing one part's draws does not
    /// shift every later part.
    public init(seed: UInt64, stream: UInt64...) {
        var mixer = SeededRandom(seed: seed)
        for value in stream { mixer.state ^= value &* 0x9E37_79B9_7F4A_7C15; _ = mixer.next() }
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Normal by Box–Muller.
    public mutating func normal(mean: Double, sd: Double) -> Double {
        let u1 = max(unit(), 1e-12), u2 = unit()
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    public mutating func exponential(mean: Double) -> Double { -mean * log(max(unit(), 1e-12)) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Uniform in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Picks by weight.
    public mutating func pick<T>(weighted items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var target = unit() * total
        for (item, weight) in items {
            target -= weight
            if target < 0 { return item }
        }
        return items[items.count - 1].0
    }
}
