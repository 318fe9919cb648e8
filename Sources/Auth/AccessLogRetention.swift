import Foundation
import TrackerStore

/// Retention of the access log (who looked at whose data): entries last read at or before the cutoff go, a batch per
/// transaction, with team-membership history closed before it. Kept `TRACKER_ACCESS_LOG_RETENTION_DAYS` (default
/// 400): long enough for a person to ask about last year's reads.
public struct AccessLogRetention: RetentionPart {
    let log: any AccessLogRepository
    public let keepDays: Int
    public var name: String { "access log" }

    static let batch = 5_000

    public init(log: any AccessLogRepository, keepDays: Int) {
        self.log = log
        self.keepDays = keepDays
    }

    public func count(before cutoff: Int64) async throws -> Int {
        try await log.count(before: Date(epochMillis: cutoff))
    }

    public func purge(before cutoff: Int64, shouldStop: @Sendable () -> Bool) async throws -> Int {
        var total = 0
        while !shouldStop() {
            let gone = try await log.prune(before: Date(epochMillis: cutoff), limit: Self.batch)
            total += gone
            if gone < Self.batch { break }
        }
        return total
    }
}
