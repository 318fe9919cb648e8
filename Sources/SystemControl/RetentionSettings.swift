/// How long raw data is kept (`TRACKER_RETENTION_*`; 0 keeps it forever). Rollups — hourly totals per person and
/// app — are kept whatever these say, so dashboards, trends and timesheets of purged periods still answer.
public struct RetentionSettings: Sendable, Equatable {
    /// Days raw events and idle periods are kept (default 395: a year and a month, so a year-on-year look at a
    /// day still has its events). Must exceed the ingest backfill window: an event accepted late must not land
    /// in hours already purged.
    public var rawDays = 395
    /// Days the free-text notes on idle periods are kept (default 365); the classification stays.
    public var idleNoteDays = 365
    /// How often a run happens (default hourly).
    public var interval: Duration = .seconds(3600)

    public init() {}
}
