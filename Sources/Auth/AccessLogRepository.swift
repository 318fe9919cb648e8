import Foundation

public protocol AccessLogRepository: Sendable {
    /// Stores the entries in one transaction (a team view logs one entry per member).
    func record(_ entries: [AccessLogEntry]) async throws
    /// Newest first. Filters are optional; `after` is the (at, id) of the last entry of the previous page.
    func entries(subjectID: String?, actorID: String?, from: Date?, to: Date?, after: [String]?, limit: Int) async throws -> [AccessLogEntry]
}
