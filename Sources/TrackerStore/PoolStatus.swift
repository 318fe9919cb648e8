/// A point-in-time view of the connection pool, served by the health and system-status endpoints.
public struct PoolStatus: Sendable, Equatable, Codable {
    public var engine: String
    /// Connections open now (leased + idle).
    public var total: Int
    public var idle: Int
    public var leased: Int
    /// Requests waiting for a connection.
    public var waiting: Int
    /// Configured maximum number of connections.
    public var maximum: Int
    /// Requests that gave up after the acquire timeout, since start.
    public var acquireTimeouts: Int
    /// Requests rejected at once because the waiting bound was full, since start.
    public var rejectedWaiters: Int
    /// Failed attempts to open a connection, since start.
    public var createFailures: Int
    /// Leases currently held longer than the lease-warning threshold.
    public var longLeases: Int

    public init(
        engine: String, total: Int, idle: Int, leased: Int, waiting: Int, maximum: Int,
        acquireTimeouts: Int, rejectedWaiters: Int, createFailures: Int, longLeases: Int
    ) {
        self.engine = engine
        self.total = total
        self.idle = idle
        self.leased = leased
        self.waiting = waiting
        self.maximum = maximum
        self.acquireTimeouts = acquireTimeouts
        self.rejectedWaiters = rejectedWaiters
        self.createFailures = createFailures
        self.longLeases = longLeases
    }
}
