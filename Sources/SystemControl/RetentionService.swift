import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TrackerCore
import TrackerStore

/// Deletes what is older than its retention period, part by part (raw events, idle periods, idle notes, the access
/// log — each owned and deleted by its feature), once an interval and on demand. Rollups are never purged: the
/// dashboards of last year keep working after their raw events are gone. A background `Service`: it first waits an
/// interval, so a server started with the database down does not touch it at start-up.
public final class RetentionService: Service {
    /// What one part of a run (or a preview) covers.
    public struct Item: Codable, Sendable, Equatable {
        public var name: String
        /// Days kept; null = kept forever (nothing is deleted).
        public var keepDays: Int?
        /// Everything that ended at or before this goes.
        public var cutoff: Date?
        /// Rows deleted (a run) or that a run now would delete (a preview).
        public var rows: Int
    }

    /// One run: when, what went, how long it took, and whether it was stopped early (graceful shutdown).
    public struct Run: Codable, Sendable, Equatable {
        public var startedAt: Date
        public var seconds: Double
        public var items: [Item]
        public var complete: Bool
    }

    private let parts: [any RetentionPart]
    private let interval: Duration
    private let time: TimeSource
    private let logger: Logger
    private let last = Mutex<Run?>(nil)

    public init(parts: [any RetentionPart], interval: Duration = .seconds(3600), time: TimeSource, logger: Logger) {
        self.parts = parts
        self.interval = interval
        self.time = time
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(every: interval) {
            await PeriodicWork.attempt("retention run", logger: self.logger) { _ = try await self.runOnce() }
        }
    }

    /// Now, by the service's clock.
    public var now: Date { time.now }

    /// The last run this process made, if any.
    public var lastRun: Run? { last.withLock { $0 } }

    /// The cutoff of `part` as of `now`: the instant `keepDays` days before it (nil: kept forever).
    func cutoff(of part: any RetentionPart, now: Date) -> Int64? {
        guard part.keepDays > 0 else { return nil }
        return now.epochMillis - Int64(part.keepDays) * 86_400_000
    }

    /// What a run now would delete, part by part.
    public func preview() async throws -> [Item] {
        let now = time.now
        var items: [Item] = []
        for part in parts {
            let cutoff = cutoff(of: part, now: now)
            var rows = 0
            if let cutoff { rows = try await part.count(before: cutoff) }
            items.append(Item(name: part.name, keepDays: cutoff == nil ? nil : part.keepDays, cutoff: cutoff.map(Date.init(epochMillis:)),
                              rows: rows))
        }
        return items
    }

    /// One run over every part; logs and remembers its counts.
    public func runOnce() async throws -> Run {
        let started = time.now
        let clock = ContinuousClock.now
        var items: [Item] = []
        let stop: @Sendable () -> Bool = { Task.isCancelled || Task.isShuttingDownGracefully }
        for part in parts {
            guard let cutoff = cutoff(of: part, now: started) else {
                items.append(Item(name: part.name, keepDays: nil, cutoff: nil, rows: 0))
                continue
            }
            let rows = try await part.purge(before: cutoff, shouldStop: stop)
            items.append(Item(name: part.name, keepDays: part.keepDays, cutoff: Date(epochMillis: cutoff), rows: rows))
        }
        let elapsed = ContinuousClock.now - clock
        let run = Run(startedAt: started, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      items: items, complete: !stop())
        last.withLock { $0 = run }
        var metadata: Logger.Metadata = ["seconds": "\(String(format: "%.2f", run.seconds))", "complete": "\(run.complete)"]
        for item in items { metadata[item.name.replacingOccurrences(of: " ", with: "_")] = "\(item.rows)" }
        logger.info("retention run", metadata: metadata)
        return run
    }
}
