/// Ingest limits. Defaults are the documented ones; TrackerApp may override them from configuration.
public struct ActivitySettings: Sendable {
    /// Most events in one batch (`413` above it).
    public var maxBatchEvents = 5_000
    /// How far back events and idle periods are accepted (out-of-order and backfilled data), in seconds.
    public var backfillWindowSeconds: Int64 = 30 * 24 * 3600
    /// How far in the future a timestamp may lie (clock skew), in seconds.
    public var futureToleranceSeconds: Int64 = 5 * 60
    /// How far ahead of the server's clock a heartbeat may be (device clock skew).
    public var heartbeatSkewSeconds: Int64 = 10
    /// Longest single event or idle period, in seconds.
    public var maxDurationSeconds: Int64 = 24 * 3600
    public static let maxAppLength = 256
    public static let maxTitleLength = 1024
    public static let maxURLLength = 2048

    public init() {}
}
