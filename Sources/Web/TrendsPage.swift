import Analytics
import Foundation
import TrackerCore

/// A trend as a page: the metric per day or week with its 7-period moving average, the change against the previous
/// range, the score's components, and per-person sparklines for a team.
struct TrendsPage {
    let trends: TrendsService.Trends
    let scope: DashboardService.ScopeKind
    let id: String?
    let metric: TrendsService.Metric
    let granularity: TrendsService.Granularity
    let names: [String: String]

    static let labels: [(TrendsService.Metric, String)] = [
        (.score, "Score"), (.active, "Active time"), (.productive, "Productive time"), (.idle, "Idle time"),
        (.unproductive, "Unproductive time"), (.firstActivity, "First activity"), (.lastActivity, "Last activity"),
    ]

    var label: String { Self.labels.first { $0.0 == metric }?.1 ?? metric.rawValue }

    /// Scores as points, first/last activity as a local clock time, everything else as a duration.
    func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        switch metric {
        case .score: return Formatting.score(value)
        case .firstActivity, .lastActivity: return Formatting.clock(secondsAfterMidnight: value)
        default: return Formatting.duration(value)
        }
    }

    var body: HTML {
        let first = trends.points.first?.key ?? "", last = trends.points.last?.key ?? ""
        let change: HTML = trends.change.map { change in
            let text = metric == .score ? Formatting.points(change) + " points" : (metric == .firstActivity || metric == .lastActivity
                ? (change >= 0 ? "+" : "−") + Formatting.duration(abs(change)) : Formatting.change(change))
            return "<div class=\"muted\">\(text) against the previous \(trends.points.count) \(granularity == .day ? "days" : "weeks")</div>"
        } ?? ""
        let rows = trends.points.map { point -> HTML in
            "<tr><td>\(point.key)</td><td class=\"num\">\(format(point.value))</td><td class=\"num\">\(format(point.movingAverage))</td></tr>"
        }
        return """
        <h1>\(label) <span class="muted">· \(first) – \(last)</span></h1>
        \(form)
        <div class="cards">
        <div class="card"><div class="label">\(label), this range</div><div class="value" data-trend="current">\(format(trends.current))</div>\(change)</div>
        <div class="card"><div class="label">Previous range</div><div class="value">\(format(trends.previous))</div></div>
        <div class="card"><div class="label">Score over the range</div><div class="value">\(Formatting.score(trends.components.score))</div></div>
        </div>
        <section class="panel" aria-labelledby="trend-h"><h2 id="trend-h">\(label) per \(granularity.rawValue)</h2>
        <p class="legend"><span class="key-series">━ \(label)</span><span class="key-average">╌ 7-\(granularity.rawValue) moving average</span></p>
        \(Charts.line(trends.points.map { ($0.key, $0.value, $0.movingAverage) }, title: "\(label) per \(granularity.rawValue)", format: { format($0) }))
        <details><summary>As a table</summary><table><thead><tr><th>\(granularity == .day ? "Day" : "Week")</th><th class="num">\(label)</th>
        <th class="num">Moving average</th></tr></thead><tbody>\(rows)</tbody></table></details></section>
        \(people)
        <section class="panel"><h2>Download</h2><p><a class="button secondary" href="/api/trends?\(DashboardPage.queryString(query + [("format", "csv")]))" download>CSV: trend</a></p></section>
        """
    }

    private var query: [(String, String)] {
        var items: [(String, String)] = [("scope", scope.rawValue), ("metric", metric.rawValue), ("granularity", granularity.rawValue)]
        if let id { items.append(("id", id)) }
        if let first = trends.points.first?.start, let zone = TimeZone(identifier: trends.timeZone) {
            items.append(("from", LocalPeriod.localDate(first, in: zone)))
        }
        if let last = trends.points.last?.key, granularity == .day { items.append(("to", last)) }
        return items
    }

    private var form: HTML {
        let metrics = FormControls.options(Self.labels.map { ($0.0.rawValue, $0.1) }, selected: metric.rawValue)
        let grains = FormControls.options([("day", "Day"), ("week", "Week")], selected: granularity.rawValue)
        let from = query.first { $0.0 == "from" }?.1 ?? "", to = query.first { $0.0 == "to" }?.1 ?? ""
        return """
        <form class="period" method="get" aria-label="Trend">
        <input type="hidden" name="scope" value="\(scope.rawValue)">\(id.map { "<input type=\"hidden\" name=\"id\" value=\"\($0)\">" as HTML } ?? "")
        <label>Metric <select name="metric">\(metrics)</select></label>
        <label>Per <select name="granularity">\(grains)</select></label>
        <label>From <input type="date" name="from" value="\(from)"></label>
        <label>To <input type="date" name="to" value="\(to)"></label>
        <button type="submit">Show</button>
        </form>
        """
    }

    private var people: HTML {
        guard !trends.employees.isEmpty else { return "" }
        let rows = trends.employees.sorted { (names[$0.employeeId] ?? "~") < (names[$1.employeeId] ?? "~") }.map { series -> HTML in
            let name = names[series.employeeId] ?? "Former member"
            let known = series.values.compactMap { $0 }
            let mean: Double? = known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
            return """
            <tr><td><a href="/trends?\(DashboardPage.queryString([("scope", "employee"), ("id", series.employeeId), ("metric", metric.rawValue), ("granularity", granularity.rawValue)]))">\(name)</a></td>
            <td>\(Charts.sparkline(series.values, label: "\(label) of \(name)"))</td><td class="num">\(format(mean))</td></tr>
            """
        }
        return """
        <section class="panel" aria-labelledby="people-h"><h2 id="people-h">Per person</h2>
        <table><thead><tr><th>Person</th><th>Trend</th><th class="num">Mean per \(granularity.rawValue)</th></tr></thead><tbody>\(rows)</tbody></table></section>
        """
    }
}
