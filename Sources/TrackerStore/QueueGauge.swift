import SQLKit

/// One queue of background work (rebuild jobs, person-days to evaluate, webhook deliveries…), counted for
/// `GET /api/system/status`. The feature that owns the table defines the count; the status reads no table itself.
public struct QueueGauge: Sendable {
    public let name: String
    private let database: any Database
    /// `SELECT COUNT(*) AS n …`: a constant of the owning feature, never input.
    private let countQuery: String

    public init(_ name: String, database: any Database, counting countQuery: String) {
        self.name = name
        self.database = database
        self.countQuery = countQuery
    }

    public func count() async throws -> Int {
        let query = countQuery
        return try await database.withConnection { db in
            try await db.raw("\(unsafeRaw: query)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
