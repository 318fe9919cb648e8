import Foundation
import Activities
import TrackerCore

/// Trend and team metrics over the per-day rows Activities publishes (`RollupReader.dayRows`).
enum DailyRollups {
    typealias Row = RollupReader.DayRow

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
