import Foundation

public protocol AccessLogRepository: Sendable {
    func record(_ entry: AccessLogEntry) async throws
    /// Newest first. Filters are optional; `after` is the (at, id) of the last entry of the previous page.
    func entries(subjectID: String?, actorID: String?, from: Date?, to: Date?, after: [String]?, limit: Int) async throws -> [AccessLogEntry]
}
