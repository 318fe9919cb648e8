import Foundation
import SQLKit
import TrackerCore
import TrackerStore

extension RollupReader {
    /// Active and productive seconds per local hour of the week (0 = Monday 00:00 … 167), summed over a range.
    public struct WeekdayHours: Sendable, Equatable {
        public var active = [Double](repeating: 0, count: 168)
        public var productive = [Double](repeating: 0, count: 168)
        public init() {}

        /// Productive share of active time per hour of the week (0 where there was no activity).
        public var productiveShare: [Double] { zip(productive, active).map { $1 > 0 ? min(1, $0 / $1) : 0 } }
        public var totalActive: Double { active.reduce(0, +) }
    }

    /// Per person, active and productive seconds by local weekday × hour of `[from, to)`, grouped by the database
    /// (168 rows a person at most, whatever the range).
    public func weekdayHours(_ employeeIDs: [String], from: Date, to: Date, zone: TimeZone) async throws -> [String: WeekdayHours] {
        guard !employeeIDs.isEmpty, to > from else { return [:] }
        let local = LocalDays.localTimeExpression(from: from, to: to, zone: zone)
        // 1970-01-01 was a Thursday: (day number + 3) mod 7 is 0 on Mondays.
        let query: SQLQueryString = """
            SELECT employee_id, (\(local) / \(literal: LocalDays.dayMs) + 3) % 7 AS weekday, (\(local) / 3600000) % 24 AS hour,
              CAST(SUM(active_ms) AS BIGINT) AS a, CAST(SUM(productive_ms) AS BIGINT) AS p
            FROM hourly_rollups
            WHERE employee_id IN (\(binds: employeeIDs)) AND hour_start >= \(bind: from.epochMillis) AND hour_start < \(bind: to.epochMillis)
            GROUP BY employee_id, weekday, hour
            """
        return try await database.withConnection { db in
            var result: [String: WeekdayHours] = [:]
            for row in try await db.raw(query).all() {
                let weekday = Int(try row.decode(column: "weekday", as: Int64.self)), hour = Int(try row.decode(column: "hour", as: Int64.self))
                guard (0..<7).contains(weekday), (0..<24).contains(hour) else { continue }
                let person = try row.decode(column: "employee_id", as: String.self)
                result[person, default: WeekdayHours()].active[weekday * 24 + hour] += Double(try row.decode(column: "a", as: Int64.self)) / 1000
                result[person, default: WeekdayHours()].productive[weekday * 24 + hour] += Double(try row.decode(column: "p", as: Int64.self)) / 1000
            }
            return result
        }
    }
}
