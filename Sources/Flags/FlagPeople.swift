import Auth
import TrackerCore

/// Everyone the rules apply to: the active people (of some teams, or all), read page by page.
enum FlagPeople {
    static let page = 1_000

    static func active(_ directory: any DirectoryRepository, teamIDs: Set<String>?) async throws -> [Employee] {
        var people: [Employee] = []
        var after: [String]?
        while true {
            let batch = try await directory.employees(teamIDs: teamIDs, includeArchived: false, after: after, limit: page)
            people += batch
            guard batch.count == page, let last = batch.last else { return people }
            after = [FieldValidation.emailKey(last.email), last.id]
        }
    }
}
