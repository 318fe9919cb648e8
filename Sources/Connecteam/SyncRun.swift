import Foundation

/// One sync as `GET /api/connecteam/runs` shows it: what started it, when, how it ended, what it did per kind, and the
/// errors and retries it met on the way.
public struct SyncRun: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case running, done, failed }

    public var id: String
    /// `schedule`, `manual` or `webhook`.
    public var trigger: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: Status
    /// E.g. `users.matched`, `shifts.upserted`, `shifts.removed`, `clocked.upserted`, `retries.rateLimited`.
    public var counts: [String: Int]
    /// What went wrong (a failed run's cause last), each a short line without secrets.
    public var errors: [String]
}
