/// Where `query_bucket` and friends read: the buckets the caller may read, nothing else.
public protocol QuerySource: Sendable {
    func prepare(from: Int64, to: Int64, periods: Int) async
    /// Bucket ids with their hostnames, in creation order.
    func bucketNames() async throws -> [(id: String, hostname: String)]
    /// The events of `bucket` overlapping [from, to), cut to it, newest first — at most `limit`; nil when there is
    /// no such bucket.
    func events(bucket: String, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent]?
}

extension QuerySource {
    /// Told the whole span of a request's periods before they run (a source may read each bucket once for all).
    public func prepare(from: Int64, to: Int64, periods: Int) async {}
}
