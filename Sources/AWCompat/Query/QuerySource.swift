/// Where `query_bucket` and friends read: the buckets the caller may read, nothing else.
public protocol QuerySource: Sendable {
    /// Bucket ids with their hostnames, in creation order.
    func bucketNames() async throws -> [(id: String, hostname: String)]
    /// The events of `bucket` overlapping [from, to), cut to it, newest first — at most `limit`; nil when there is
    /// no such bucket.
    func events(bucket: String, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent]?
}
