import TrackerStore

extension DemoGenerator {
    /// Retries a write the database answered "busy, retry later" to (the acquire deadline under load), as an agent
    /// does on a 503: ingest is idempotent (event and idle ids dedupe), so a retry never counts twice.
    static func retryingWhileBusy<T: Sendable>(attempts: Int = 30, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as DatabaseError {
                guard case .unavailable = error, attempt < attempts else { throw error }
                attempt += 1
                try await Task.sleep(for: .milliseconds(200 * min(attempt, 10)))
            }
        }
    }
}
