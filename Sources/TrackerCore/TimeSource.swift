import Foundation

/// Where "now" comes from. Production uses the system clock; tests inject a fixed or stepping one
/// so that everything that depends on time is deterministic.
public struct TimeSource: Sendable {
    private let nowProvider: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        self.nowProvider = now
    }

    public var now: Date { nowProvider() }

    /// The real wall clock.
    public static let system = TimeSource { Date() }

    /// Always the same instant.
    public static func fixed(_ date: Date) -> TimeSource { TimeSource { date } }
}
