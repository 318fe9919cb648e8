import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// The hourly rollups summed per person per local day by the database, so a 90-day team trend reads one row per
/// person-day instead of one per person-hour. An hour belongs to the local day of its start: day number
/// = (hour_start + UTC offset) ÷ 1 day, with the offset from a CASE over the zone's DST transitions in the range
/// (a 23- or 25-hour day then gets exactly its own hours).
extension RollupReader {
    public struct DayRow: Sendable {
        public var employee: String
        /// Index into the requested days.
        public var day: Int
        public var totals: HourTotals
        /// First and last active instant of the day (epoch ms).
        public var first: Int64?
        public var last: Int64?
    }

    /// Rows for `days` (consecutive local days of `zone`) of `subjects` (the organisation: everyone not archived,
    /// selected in the database rather than bound one by one); days without rollups have no row.
    /// With `perPerson` false the database sums everyone per day (rows carry an empty `employee`): an organisation
    /// trend then reads one row per day whatever its size.
    public func dayRows(_ subjects: Subjects, days: [LocalPeriod.Day], zone: TimeZone, perPerson: Bool = true) async throws -> [DayRow] {
        guard let firstDay = days.first, let lastDay = days.last, let people = Self.currentPeople(subjects) else { return [] }
        let lo = firstDay.start.epochMillis, hi = lastDay.end.epochMillis
        let localDay = LocalDays.localDayExpression(from: firstDay.start, to: lastDay.end, zone: zone)
        let index = LocalDays.dayIndex(days, zone: zone)
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: perPerson ? "employee_id" : "''") AS person, \(localDay) AS local_day, \(unsafeRaw: Self.summedMeasures),
              MIN(first_active_ms) AS f, MAX(last_active_ms) AS l
            FROM hourly_rollups
            WHERE \(people) AND hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
            GROUP BY \(unsafeRaw: perPerson ? "employee_id, " : "")local_day
            """
        return try await database.withConnection { db in
            try await db.raw(query).all().compactMap { row in
                guard let day = index[try row.decode(column: "local_day", as: Int64.self)] else { return nil }
                return DayRow(
                    employee: try row.decode(column: "person", as: String.self), day: day,
                    totals: try Self.measures(row, hour: 0),
                    first: try row.decode(column: "f", as: Int64?.self), last: try row.decode(column: "l", as: Int64?.self)
                )
            }
        }
    }
}

/// Local days in SQL: an hour's local day number from its UTC start and the zone's offsets over a range.
enum LocalDays {
    static let dayMs: Int64 = 86_400_000

    /// `(hour_start + offset) / 86400000` with the offset in force at each hour: the local day number.
    static func localDayExpression(from: Date, to: Date, zone: TimeZone) -> SQLQueryString {
        localTimeExpression(from: from, to: to, zone: zone) + " / \(literal: dayMs)"
    }

    /// `(hour_start + offset)`: the hour's start in local wall-clock milliseconds, the offset taken from a CASE over
    /// the zone's transitions between `from` and `to` (literals, so the expression can be grouped by).
    static func localTimeExpression(from: Date, to: Date, zone: TimeZone) -> SQLQueryString {
        var changes: [(at: Int64, offset: Int64)] = []
        var cursor = from
        var offset = Int64(zone.secondsFromGMT(for: from)) * 1000
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < to {
            changes.append((next.epochMillis, offset))
            offset = Int64(zone.secondsFromGMT(for: next)) * 1000
            cursor = next
        }
        guard !changes.isEmpty else { return "(hour_start + \(literal: offset))" }
        var expression: SQLQueryString = "(hour_start + CASE"
        for change in changes { expression += " WHEN hour_start < \(literal: change.at) THEN \(literal: change.offset)" }
        expression += " ELSE \(literal: offset) END)"
        return expression
    }

    /// Local day number → index into `days`. Consecutive local days have distinct numbers in every real zone; should
    /// a calendar ever say otherwise, the first day keeps the number rather than the process trapping.
    static func dayIndex(_ days: [LocalPeriod.Day], zone: TimeZone) -> [Int64: Int] {
        Dictionary(days.enumerated().map { i, day in
            ((day.start.epochMillis + Int64(zone.secondsFromGMT(for: day.start)) * 1000) / dayMs, i)
        }, uniquingKeysWith: { first, _ in first })
    }
}
