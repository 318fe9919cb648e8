import Foundation
import SQLKit
import TrackerCore
import TrackerStore

extension RollupReader {
    /// One person-hour's active time and when in the hour it happened, in epoch milliseconds.
    public struct HourPresence: Sendable, Equatable {
        public var hour: Int64
        /// Active time (work away included).
        public var activeMs: Int64
        /// The first and last active instant of the hour (nil when it had none).
        public var firstMs: Int64?
        public var lastMs: Int64?

        public init(hour: Int64, activeMs: Int64, firstMs: Int64?, lastMs: Int64?) {
            self.hour = hour
            self.activeMs = activeMs
            self.firstMs = firstMs
            self.lastMs = lastMs
        }
    }

    /// The hours of `[from, to)` in which `employeeID` was active, in order (features that judge time against their
    /// own windows — shifts, work hours — read these rather than summing).
    public func activeHours(employeeID: String, from: Date, to: Date) async throws -> [HourPresence] {
        let query: SQLQueryString = """
            SELECT hour_start, active_ms, first_active_ms, last_active_ms FROM hourly_rollups
            WHERE employee_id = \(bind: employeeID) AND hour_start >= \(bind: from.epochMillis) AND hour_start < \(bind: to.epochMillis)
              AND active_ms > 0
            ORDER BY hour_start
            """
        return try await database.withConnection { db in
            try await db.raw(query).all().map { row in
                HourPresence(
                    hour: try row.decode(column: "hour_start", as: Int64.self), activeMs: try row.decode(column: "active_ms", as: Int64.self),
                    firstMs: try row.decode(column: "first_active_ms", as: Int64?.self), lastMs: try row.decode(column: "last_active_ms", as: Int64?.self)
                )
            }
        }
    }
}
