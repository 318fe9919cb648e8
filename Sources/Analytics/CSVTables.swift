import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// The CSV form of each analytics answer: the same numbers as the JSON (seconds as plain numbers, so a
/// spreadsheet or script gets exactly what the API returned), one table per download.
enum CSVTables {
    static func wantsCSV(_ request: Request) throws -> Bool { try CSVDownload.wanted(request) }
    static func response(_ document: String, filename: String) -> Response { CSVDownload.response(document, filename: filename) }
    static func number(_ value: Double?) -> String { CSVDownload.number(value) }

    // MARK: dashboard

    enum DashboardTable: String, CaseIterable { case days, apps, categories, heatmap }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func dashboard(_ d: Dashboard, table: DashboardTable) -> (document: String, filename: String) {
        let document: String
        switch table {
        case .days:
            document = CSV.document(header: ["date", "hours", "active_seconds", "score"],
                                    rows: d.days.map { [$0.date, String($0.hours), number($0.activeSeconds), number($0.score)] })
        case .apps:
            document = CSV.document(header: ["app", "category", "seconds"],
                                    rows: d.topApps.map { [$0.app, $0.category.rawValue, number($0.seconds)] })
        case .categories:
            document = CSV.document(header: ["category", "seconds"], rows: d.categories.map { [$0.category, number($0.seconds)] })
        case .heatmap:
            document = CSV.document(header: ["weekday"] + (0..<24).map { String(format: "%02d", $0) },
                                    rows: d.heatmap.enumerated().map { [weekdays[$0.offset]] + $0.element.map { number($0) } })
        }
        let scope = d.scope.type + (d.scope.id.map { "-" + $0.prefix(8) } ?? "")
        return (document, "dashboard-\(scope)-\(d.period.from)-\(d.period.to)-\(table.rawValue)")
    }

    // MARK: team metrics and trends

    static func teamMetrics(_ m: TeamMetricsService.Metrics) -> (document: String, filename: String) {
        let document = CSV.document(
            header: ["employee_id", "employee", "active_seconds", "productive_seconds", "idle_seconds", "score", "idle_share",
                     "first_activity_seconds", "last_activity_seconds", "days_active"],
            rows: m.rows.map { r in
                [r.employeeId, r.name, number(r.activeSeconds), number(r.productiveSeconds), number(r.idleSeconds), number(r.score),
                 number(r.idleShare), number(r.firstActivity), number(r.lastActivity), String(r.daysActive)]
            }
        )
        return (document, "team-metrics-\(m.teamId.prefix(8))-\(m.from)-\(m.to)")
    }

    static func trends(_ t: TrendsService.Trends) -> (document: String, filename: String) {
        let document = CSV.document(
            header: ["period", "start", "value", "moving_average"],
            rows: t.points.map { [$0.key, RFC3339.format($0.start), number($0.value), number($0.movingAverage)] }
        )
        return (document, "trend-\(t.metric)-\(t.points.first?.key ?? "")-\(t.points.last?.key ?? "")")
    }
}
