import Foundation
import Logging
import ServiceLifecycle
import TrackerCore
import TrackerStore

/// Deletes access-log entries older than the retention period (default 400 days), a batch at a time, once an
/// interval. A background `Service`: it first waits an interval, so a server started with the database down does
/// not touch it at start-up; a failed sweep is logged and tried again next time.
public final class AccessLogRetention: Service {
    private let log: any AccessLogRepository
    private let retention: Duration
    private let interval: Duration
    private let time: TimeSource
    private let logger: Logger

    static let batch = 5_000

    public init(log: any AccessLogRepository, retention: Duration, interval: Duration = .seconds(3600), time: TimeSource, logger: Logger) {
        self.log = log
        self.retention = retention
        self.interval = interval
        self.time = time
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(every: interval) { await self.sweep() }
    }

    /// One sweep: batches until nothing older than the cutoff is left. Returns how many entries went.
    @discardableResult
    public func sweep() async -> Int {
        let cutoff = time.now.addingTimeInterval(-Double(retention.components.seconds))
        var total = 0
        await PeriodicWork.attempt("access-log retention sweep", logger: logger) {
            while !Task.isCancelled {
                let gone = try await log.prune(before: cutoff, limit: Self.batch)
                total += gone
                if gone < Self.batch { break }
            }
            if total > 0 { logger.info("access log pruned", metadata: ["entries": "\(total)", "before": "\(LocalPeriod.localDate(cutoff, in: TimeZone(identifier: "UTC") ?? .current))"]) }
        }
        return total
    }
}
