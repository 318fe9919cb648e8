import Foundation

public protocol AccessLogRepository: Sendable {
    /// Counts one read of `scope` by `actorID` at `at`: one upsert into the entry of its hour.
    func recordView(actorID: String, resource: String, scope: AccessScope, at: Date) async throws
    /// Newest first. With `subjectID`: every entry whose scope covered that person when it was read (their own
    /// reads excluded). Filters are optional; `after` is the (at, id) of the last entry of the previous page.
    func entries(subjectID: String?, actorID: String?, from: Date?, to: Date?, after: [String]?, limit: Int) async throws -> [AccessLogEntry]
    /// Deletes up to `limit` entries last read before `cutoff` (and membership history closed before it); returns
    /// how many entries went.
    func prune(before cutoff: Date, limit: Int) async throws -> Int
    /// How many entries `prune` would delete at `cutoff`.
    func count(before cutoff: Date) async throws -> Int
}
