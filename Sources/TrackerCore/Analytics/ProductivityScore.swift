/// The productivity score, defined so a person can check it by hand:
///
///     score = 100 × (productive + ½ × neutral + ½ × workAway) / (productive + neutral + unproductive + workAway)
///
/// Uncategorized time is left out of both sides (the rules do not know what it was, so it neither helps nor hurts).
/// No categorized time → no score (nil), never a made-up 0.
public struct ProductivityScore: Sendable, Equatable, Codable {
    public var score: Double?
    public var productiveSeconds: Double
    public var neutralSeconds: Double
    public var unproductiveSeconds: Double
    public var uncategorizedSeconds: Double
    public var workAwaySeconds: Double
    public var idleSeconds: Double

    public init(productive: Double, neutral: Double, unproductive: Double, uncategorized: Double, workAway: Double, idle: Double) {
        productiveSeconds = productive
        neutralSeconds = neutral
        unproductiveSeconds = unproductive
        uncategorizedSeconds = uncategorized
        workAwaySeconds = workAway
        idleSeconds = idle
        let denominator = productive + neutral + unproductive + workAway
        score = denominator > 0 ? ((100 * (productive + 0.5 * neutral + 0.5 * workAway) / denominator) * 10).rounded() / 10 : nil
    }
}
