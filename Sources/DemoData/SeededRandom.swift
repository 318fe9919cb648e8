import Foundation

/// SplitMix64: small, fast and the same on every platform, so `--seed S` gives the same organisation anywhere.
/// (Swift's `SystemRandomNumberGenerator` cannot be seeded.)
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the data (a person, a day), so changing one part's draws does not
    /// shift every later part.
    init(seed: UInt64, stream: UInt64...) {
        var mixer = SeededRandom(seed: seed)
        for value in stream { mixer.state ^= value &* 0x9E37_79B9_7F4A_7C15; _ = mixer.next() }
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Normal by Box–Muller.
    mutating func normal(mean: Double, sd: Double) -> Double {
        let u1 = max(unit(), 1e-12), u2 = unit()
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    mutating func exponential(mean: Double) -> Double { -mean * log(max(unit(), 1e-12)) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// Picks by weight.
    mutating func pick<T>(weighted items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var target = unit() * total
        for (item, weight) in items {
            target -= weight
            if target < 0 { return item }
        }
        return items[items.count - 1].0
    }

    /// A UUID from this stream (valid version-4 layout).
    mutating func uuid() -> String {
        let a = next(), b = next()
        return String(format: "%08x-%04x-4%03x-%04x-%012llx",
                      UInt32(truncatingIfNeeded: a >> 32), UInt16(truncatingIfNeeded: a >> 16), UInt16(truncatingIfNeeded: a) & 0x0fff,
                      (UInt16(truncatingIfNeeded: b >> 48) & 0x3fff) | 0x8000, b & 0xffff_ffff_ffff)
    }
}
