import Foundation

/// What evaluating one rule for one period found: whether the rule holds (nil: not decidable yet — a day not over,
/// a shift still running), and the evidence either way.
public struct FlagOutcome: Sendable, Equatable {
    public var rule: FlagRule
    /// `2026-11-30`, `2026-W48` or `shift:<id>`.
    public var periodKey: String
    public var periodFrom: Date
    public var periodTo: Date
    public var holds: Bool?
    public var evidence: FlagEvidence
}
