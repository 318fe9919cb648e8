import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// The hourly rollups summed per person per local day by the database, so a 90-day team trend reads one row per
/// person-day instead of one per person-hour. An hour belongs to the local day of its start: day number
/// = (hour_start + UTC offset) ÷ 1 day, with the offset from a CASE over the zone's DST transitions in the range
/// (a 23- or 25-hour day then gets exactly its own hours).
struct DailyRollups: Sendable {
    struct Row: Sendable {
        var employee: String
        /// Index into the requested days.
        var day: Int
        var totals: RollupQueries.HourTotals
        var first: Int64?
        var last: Int64?
    }

    let database: any Database

    /// Rows for `days` (consecutive local days of `zone`) of `subjects` (the organisation: everyone not archived,
    /// selected in the database rather than bound one by one); days without rollups have no row.
    /// With `perPerson` false the database sums everyone per day (rows carry an empty `employee`): an organisation
    /// trend then reads one row per day whatever its size.
    func rows(_ subjects: RollupQueries.Subjects, days: [LocalPeriod.Day], zone: TimeZone, perPerson: Bool = true) async throws -> [Row] {
        guard let firstDay = days.first, let lastDay = days.last, let people = RollupQueries.currentPeople(subjects) else { return [] }
        let lo = firstDay.start.epochMillis, hi = lastDay.end.epochMillis
        let localDay = Self.localDayExpression(from: firstDay.start, to: lastDay.end, zone: zone)
        let index = Self.dayIndex(days, zone: zone)
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: perPerson ? "employee_id" : "''") AS person, \(localDay) AS local_day, \(unsafeRaw: RollupQueries.summedMeasures),
              MIN(first_active_ms) AS f, MAX(last_active_ms) AS l
            FROM hourly_rollups
            WHERE \(people) AND hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
            GROUP BY \(unsafeRaw: perPerson ? "employee_id, " : "")local_day
            """
        return try await database.withConnection { db in
            try await db.raw(query).all().compactMap { row in
                guard let day = index[try row.decode(column: "local_day", as: Int64.self)] else { return nil }
                return Row(
                    employee: try row.decode(column: "person", as: String.self), day: day,
                    totals: try RollupQueries.measures(row, hour: 0),
                    first: try row.decode(column: "f", as: Int64?.self), last: try row.decode(column: "l", as: Int64?.self)
                )
            }
        }
    }

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

    // MARK: metrics over day rows

    /// Rows grouped by day index (`count` days).
    static func byDay(_ rows: [Row], count: Int) -> [[Row]] {
        var result = Array(repeating: [Row](), count: count)
        for row in rows where row.day < count { result[row.day].append(row) }
        return result
    }

    /// The metric over the days `range`: sums for durations, the score of the summed components, and for first/last
    /// activity the mean over active days of the time after local midnight.
    static func value(_ metric: TrendsService.Metric, days range: Range<Int>, byDay: [[Row]], dayStarts: [Int64]) -> Double? {
        switch metric {
        case .firstActivity, .lastActivity:
            var perDay: [Double] = []
            for day in range {
                let rows = byDay[day]
                let instant = metric == .firstActivity ? rows.compactMap(\.first).min() : rows.compactMap(\.last).max()
                if let instant { perDay.append(Double(instant - dayStarts[day]) / 1000) }
            }
            return perDay.isEmpty ? nil : TrendsService.round(perDay.reduce(0, +) / Double(perDay.count))
        default:
            let totals = DashboardService.totals(range.flatMap { byDay[$0].map(\.totals) })
            switch metric {
            case .score: return totals.score.score
            case .active: return totals.activeSeconds
            case .productive: return totals.score.productiveSeconds
            case .idle: return totals.idleSeconds
            case .unproductive: return totals.score.unproductiveSeconds
            case .firstActivity, .lastActivity: return nil
            }
        }
    }
}
