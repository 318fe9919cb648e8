import TrackerCore

extension DirectoryRepository {
    /// Every active person (of some teams, or all), read page by page: who rules, scores and boards apply to.
    public func activeEmployees(teamIDs: Set<String>?) async throws -> [Employee] {
        let page = 1_000
        var people: [Employee] = []
        var after: [String]?
        while true {
            let batch = try await employees(teamIDs: teamIDs, includeArchived: false, after: after, limit: page)
            people += batch
            guard batch.count == page, let last = batch.last else { return people }
            after = [FieldValidation.emailKey(last.email), last.id]
        }
    }
}
