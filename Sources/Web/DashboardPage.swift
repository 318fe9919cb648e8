import Analytics
import Foundation
import TrackerCore

/// One dashboard (organisation, team or person) as a page: the period picker, totals with change against the
/// previous period, the score and how it is made, per-day bars, the weekday × hour heat map, top apps per
/// category, who is active now, and CSV downloads through the JSON API's own exports.
struct DashboardPage {
    struct Query: Sendable {
        var period: String
        var date: String?
        var to: String?

        /// The query string of the picker's current state.
        var items: [(String, String)] {
            [("period", period)] + (date.map { [("date", $0)] } ?? []) + (to.map { [("to", $0)] } ?? [])
        }
    }

    let dashboard: Dashboard
    let scope: DashboardService.ScopeKind
    let query: Query
    let names: [String: String]
    let members: [(id: String, name: String)]

    var body: HTML {
        let zone = TimeZone(identifier: dashboard.period.timeZone) ?? .gmt
        return """
        <h1>\(dashboard.scope.name) <span class="muted">· \(dashboard.period.from) – \(dashboard.period.to)</span></h1>
        \(picker)
        <div class="cards">
        \(card("Active time", Formatting.duration(dashboard.totals.activeSeconds), Formatting.change(dashboard.change.activeSeconds), dashboard.change.activeSeconds >= 0, id: "active"))
        \(card("Idle time", Formatting.duration(dashboard.totals.idleSeconds), Formatting.change(dashboard.change.idleSeconds), dashboard.change.idleSeconds <= 0, id: "idle"))
        \(card("Score", Formatting.score(dashboard.totals.score.score), dashboard.change.scorePoints.map { Formatting.points($0) + " points" } ?? "", (dashboard.change.scorePoints ?? 0) >= 0, id: "score"))
        \(card("Work away from the computer", Formatting.duration(dashboard.totals.score.workAwaySeconds), "", true, id: "work-away"))
        </div>
        <div class="grid2">
        <section class="panel" aria-labelledby="days-h"><h2 id="days-h">Active time per day</h2>
        \(Charts.bars(dashboard.days.map { ($0.date, $0.activeSeconds) }, title: "Active time per day", format: Formatting.duration))
        \(dayTable)</section>
        <section class="panel" aria-labelledby="score-h"><h2 id="score-h">How the score is made</h2>\(scoreTable)</section>
        </div>
        <section class="panel" aria-labelledby="heat-h"><h2 id="heat-h">When (weekday × hour, \(dashboard.period.timeZone))</h2>
        \(Charts.heatmap(dashboard.heatmap, title: "Active time by weekday and hour"))</section>
        <div class="grid2">
        <section class="panel" aria-labelledby="apps-h"><h2 id="apps-h">Top apps per category</h2>\(categoryTables)</section>
        <section class="panel" aria-labelledby="now-h"><h2 id="now-h">Active now</h2>\(activeNow(zone))\(memberList)</section>
        </div>
        <section class="panel" aria-labelledby="csv-h"><h2 id="csv-h">More</h2><p>\(related)</p><p>\(downloads)</p></section>
        """
    }

    private var picker: HTML { FormControls.periodPicker(query, from: dashboard.period.from, to: dashboard.period.to) }

    private func card(_ label: String, _ value: String, _ change: String, _ good: Bool, id: String) -> HTML {
        let changeHTML: HTML = change.isEmpty ? "" : "<div class=\"\(good ? "up" : "down")\">\(change) <span class=\"muted\">vs previous period</span></div>"
        return "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\" data-total=\"\(id)\">\(value)</div>\(changeHTML)</div>"
    }

    private var dayTable: HTML {
        let rows = dashboard.days.map { day -> HTML in
            "<tr><td>\(day.date)</td><td class=\"num\">\(Formatting.duration(day.activeSeconds))</td><td class=\"num\">\(Formatting.score(day.score))</td></tr>"
        }
        return """
        <details><summary>As a table</summary><table><thead><tr><th>Day</th><th class="num">Active</th><th class="num">Score</th></tr></thead>
        <tbody>\(rows)</tbody></table></details>
        """
    }

    private var scoreTable: HTML {
        let score = dashboard.totals.score
        let rows: [(String, Double, String)] = [
            ("Productive", score.productiveSeconds, "counts fully"), ("Neutral", score.neutralSeconds, "counts half"),
            ("Work away (classified idle)", score.workAwaySeconds, "counts half"),
            ("Unproductive", score.unproductiveSeconds, "counts zero"),
            ("Uncategorised", score.uncategorizedSeconds, "not in the score"), ("Idle", score.idleSeconds, "not in the score"),
        ]
        let body = rows.map { "<tr><td>\($0.0)</td><td class=\"num\">\(Formatting.duration($0.1))</td><td class=\"muted\">\($0.2)</td></tr>" as HTML }
        return """
        <p>Score <strong>\(Formatting.score(score.score))</strong> = 100 × (productive + ½ neutral + ½ work away) ÷ (productive + neutral + unproductive + work away).</p>
        <table><tbody>\(body)</tbody></table>
        """
    }

    private var categoryTables: HTML {
        let categories = dashboard.categories.filter { $0.seconds > 0 }
        guard !categories.isEmpty else { return "<p class=\"muted\">No activity in this period.</p>" }
        return HTML.join(categories.map { category -> HTML in
            let apps = category.topApps.map { "<tr><td>\($0.app)</td><td class=\"num\">\(Formatting.duration($0.seconds))</td></tr>" as HTML }
            return """
            <h3 class="cat-\(category.category)">\(Self.categoryName(category.category)) · \(Formatting.duration(category.seconds))</h3>
            <table><tbody>\(apps)</tbody></table>
            """
        })
    }

    static func categoryName(_ category: String) -> String {
        switch category {
        case "productive": "Productive"
        case "neutral": "Neutral"
        case "unproductive": "Unproductive"
        case "uncategorized": "Uncategorised"
        case "workAway": "Work away from the computer"
        default: category.capitalized
        }
    }

    private func activeNow(_ zone: TimeZone) -> HTML {
        guard !dashboard.activeNow.isEmpty else { return "<p class=\"muted\">Nobody in this view is active right now.</p>" }
        let items = dashboard.activeNow.map { entry -> HTML in
            "<li>\(names[entry.employeeId] ?? "Someone") <span class=\"muted\">last seen \(Formatting.moment(entry.lastSeen, zone: zone))</span></li>"
        }
        return "<ul>\(items)</ul>"
    }

    private var memberList: HTML {
        guard !members.isEmpty else { return "" }
        let items = members.map { member -> HTML in
            let link = "/dashboard/employee/\(member.id)?" + Self.queryString(query.items)
            return "<li><a href=\"\(link)\">\(member.name)</a></li>"
        }
        return "<h2>Members</h2><ul>\(items)</ul>"
    }

    /// Trends and the timesheet of the same scope, and a team's metrics table.
    private var related: HTML {
        var scopeItems: [(String, String)] = [("scope", scope.rawValue)]
        if let id = dashboard.scope.id, scope != .organization { scopeItems.append(("id", id)) }
        var links: [HTML] = [
            "<a href=\"/trends?\(Self.queryString(scopeItems))\">Trends</a>",
            "<a href=\"/timesheets?\(Self.queryString(scopeItems + [("from", dashboard.period.from), ("to", dashboard.period.to)]))\">Timesheet</a>",
        ]
        if scope == .team, let id = dashboard.scope.id {
            links.append("<a href=\"/teams/\(id)/metrics?\(Self.queryString(query.items))\">Team metrics</a>")
        }
        return HTML.join(links, separator: " · ")
    }

    private var downloads: HTML {
        var base: [(String, String)] = [("scope", scope.rawValue), ("format", "csv")] + query.items
        if let id = dashboard.scope.id { base.append(("id", id)) }
        let links = ["days", "apps", "categories", "heatmap"].map { table -> HTML in
            "<a class=\"button secondary\" href=\"/api/dashboard?\(Self.queryString(base + [("table", table)]))\" download>CSV: \(table)</a> "
        }
        return HTML.join(links)
    }

    static func queryString(_ items: [(String, String)]) -> String {
        items.map { item in
            let value = item.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? ""
            return item.0 + "=" + value
        }.joined(separator: "&")
    }
}
