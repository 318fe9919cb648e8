import Auth
import CoreMetrics
import Hummingbird
import Logging
import ServiceLifecycle
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Activity ingestion, idle time, productivity rules and the rollups, assembled from the one `Database`.
public struct ActivityModule: Sendable {
    public let ingest: IngestService
    public let reader: ActivityReader
    public let rules: RuleService
    public let cache: CacheService
    public let idle: IdleService
    /// The rollups as other features read them (they never name Activities' tables).
    public let rollups: RollupReader
    /// A person's day as classified activity and idle (for features that read its shape).
    public let timeline: ActivityTimeline
    /// Each device's events as a numbered stream (ActivityWatch's window buckets).
    public var streams: DeviceStream { DeviceStream(database: database, ingest: ingest) }
    /// Background service running rebuild jobs; register it with the application's services.
    public let rebuildService: RebuildService
    /// Rollup rebuilds not finished yet, for the system status.
    public let queues: [QueueGauge]
    /// Rung when this process committed rollup changes (and so change marks): a consumer's loop waits on it.
    public let rollupsChanged = Chime()
    let access: AccessControl
    let time: TimeSource
    let database: any Database

    public init(
        database: any Database, access: AccessControl, settings: ActivitySettings, time: TimeSource, logger: Logger,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance, shifts: (any ShiftWindows)? = nil
    ) {
        let ruleSet = RuleSet()
        let doorbell = Doorbell()
        self.ingest = IngestService(database: database, rules: ruleSet, settings: settings, time: time, metrics: metrics,
                                    rollupsChanged: rollupsChanged, shifts: shifts)
        self.reader = ActivityReader(database: database)
        self.rules = RuleService(database: database, rules: ruleSet, doorbell: doorbell, time: time)
        self.cache = CacheService(database: database, doorbell: doorbell, time: time)
        self.idle = IdleService(database: database, rules: ruleSet)
        self.rollups = RollupReader(database: database)
        self.timeline = ActivityTimeline(database: database, rules: ruleSet, reader: reader)
        self.rebuildService = RebuildService(database: database, rules: ruleSet, doorbell: doorbell, time: time, logger: logger,
                                             rollupsChanged: rollupsChanged)
        queues = [QueueGauge("rollup rebuilds", database: database,
                             counting: "SELECT COUNT(*) AS n FROM rebuild_jobs WHERE status IN ('pending', 'running')")]
        self.access = access
        self.time = time
        self.database = database
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        ActivityController(ingest: ingest, reader: reader, access: access, time: time).addRoutes(to: api.group("activities"))
        IdleController(ingest: ingest, idle: idle, reader: reader, access: access, time: time).addRoutes(to: api.group("idle"))
        RuleController(rules: rules).addRoutes(to: api.group("rules"))
        CacheController(cache: cache, access: access).addRoutes(to: api.group("cache"))
    }
}
