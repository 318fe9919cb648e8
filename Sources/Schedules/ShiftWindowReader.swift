import Activities
import SQLKit
import TrackerStore

/// A person's published shifts as time windows, for ingest's "track only during shifts" (Activities' `ShiftWindows`).
public struct ShiftWindowReader: ShiftWindows {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func windows(employeeID: String, from: Int64, to: Int64) async throws -> [Range<Int64>] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT start_ms, end_ms FROM shifts WHERE employee_id = \(bind: employeeID) AND status = 'published'
                AND start_ms < \(bind: to) AND end_ms > \(bind: from) ORDER BY start_ms
                """).all().compactMap { row in
                let start = try row.decode(column: "start_ms", as: Int64.self), end = try row.decode(column: "end_ms", as: Int64.self)
                return end > start ? start..<end : nil
            }
        }
    }
}
