import Logging
import ServiceLifecycle
import TrackerCore
import TrackerStore

/// Keeps attendance's rows current between reports: once an interval it applies the marks ingest and shift writes
/// left (`AttendanceCache.refresh`), so they never pile up while nobody reads attendance and a report seldom has
/// more than a minute of changes to apply first. A background `Service`: it first waits an interval (a server
/// started with the database down does not touch it at start-up); a failed refresh is logged and tried next time.
public final class AttendanceRefresher: Service {
    private let database: any Database
    private let settings: ScheduleSettingsStore
    private let interval: Duration
    private let time: TimeSource
    private let logger: Logger

    public init(database: any Database, settings: ScheduleSettingsStore, interval: Duration = .seconds(60), time: TimeSource, logger: Logger) {
        self.database = database
        self.settings = settings
        self.interval = interval
        self.time = time
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(every: interval) { await self.refresh() }
    }

    /// One refresh with the organisation's current windows.
    public func refresh() async {
        let clock = ContinuousClock(), started = clock.now
        await PeriodicWork.attempt("attendance refresh", logger: logger) {
            let current = try await settings.organization()
            let whole = try await AttendanceCache.refresh(database, window: .init(current), at: Int64(time.now.timeIntervalSince1970))
            if whole { logger.info("attendance recomputed from scratch", metadata: ["seconds": "\(clock.now - started)"]) }
        }
    }
}
