import Analytics
import Foundation

/// A team's metrics table: one row per member with active, productive and idle time, score, idle share, first and
/// last activity and days active; the team against the organisation; column headers sort where ranking is allowed.
struct TeamMetricsPage {
    let metrics: TeamMetricsService.Metrics
    let teamName: String
    let query: DashboardPage.Query
    let sort: String
    let rankingAllowed: Bool

    static let columns: [(key: String, label: String, numeric: Bool)] = [
        ("name", "Person", false), ("active", "Active", true), ("productive", "Productive", true), ("idle", "Idle", true),
        ("score", "Score", true), ("idleShare", "Idle share", true), ("firstActivity", "First activity", true),
        ("lastActivity", "Last activity", true), ("daysActive", "Days active", true),
    ]

    var body: HTML {
        let rows = metrics.rows.map { row -> HTML in
            """
            <tr data-employee="\(row.employeeId)"><td><a href="/dashboard/employee/\(row.employeeId)?\(DashboardPage.queryString(query.items))">\(row.name)</a></td>
            <td class="num" data-active="\(Int(row.activeSeconds.rounded()))">\(Formatting.duration(row.activeSeconds))</td>
            <td class="num">\(Formatting.duration(row.productiveSeconds))</td><td class="num">\(Formatting.duration(row.idleSeconds))</td>
            <td class="num">\(Formatting.score(row.score))</td><td class="num">\(row.idleShare.map { String(format: "%.0f %%", $0 * 100) } ?? "–")</td>
            <td class="num">\(Formatting.clock(secondsAfterMidnight: row.firstActivity))</td><td class="num">\(Formatting.clock(secondsAfterMidnight: row.lastActivity))</td><td class="num">\(row.daysActive)</td></tr>
            """
        }
        return """
        <h1>\(teamName) <span class="muted">· metrics \(metrics.from) – \(metrics.to)</span></h1>
        \(picker)
        <div class="cards">
        <div class="card"><div class="label">Active per person (team)</div><div class="value">\(Formatting.duration(metrics.team.activeSecondsPerPerson))</div>
        <div class="muted">organisation: \(Formatting.duration(metrics.organization.activeSecondsPerPerson))</div></div>
        <div class="card"><div class="label">Score (team)</div><div class="value">\(Formatting.score(metrics.team.score))</div>
        <div class="muted">organisation: \(Formatting.score(metrics.organization.score))</div></div>
        <div class="card"><div class="label">Active time, median / 90th percentile</div><div class="value">\(Formatting.duration(metrics.activeDistribution.median ?? 0))</div>
        <div class="muted">90th percentile: \(Formatting.duration(metrics.activeDistribution.p90 ?? 0))</div></div>
        </div>
        <section class="panel"><table><thead><tr>\(headers)</tr></thead><tbody>\(rows)</tbody></table>
        \(metrics.rows.isEmpty ? "<p class=\"muted\">This team has no members.</p>" : "" as HTML)
        \(rankingAllowed ? "" : "<p class=\"muted\">Sorting by a metric (a ranking) is off for this organisation; an administrator can allow it.</p>" as HTML)</section>
        <p><a href="/dashboard/team/\(metrics.teamId)?\(DashboardPage.queryString(query.items))">Team dashboard</a> ·
        <a href="/trends?\(DashboardPage.queryString([("scope", "team"), ("id", metrics.teamId)]))">Team trends</a> ·
        <a href="/timesheets?\(DashboardPage.queryString([("scope", "team"), ("id", metrics.teamId), ("from", metrics.from), ("to", metrics.to)]))">Timesheet</a></p>
        """
    }

    private var headers: HTML {
        HTML.join(Self.columns.map { column -> HTML in
            let cls: HTML = column.numeric ? " class=\"num\"" : ""
            guard rankingAllowed || column.key == "name" else { return "<th\(cls)>\(column.label)</th>" }
            // A click sorts descending first (largest on top), a second click ascending; the current order is announced.
            let current = sort == column.key ? "ascending" : (sort == "-" + column.key ? "descending" : "none")
            let next = sort == "-" + column.key || (column.key == "name" && sort != "name") ? column.key : (column.key == "name" ? "-name" : "-" + column.key)
            return "<th\(cls) aria-sort=\"\(current)\"><a href=\"?\(DashboardPage.queryString(query.items + [("sort", next)]))\">\(column.label)</a></th>"
        })
    }

    private var picker: HTML {
        FormControls.periodPicker(query, from: metrics.from, to: metrics.to, hidden: "<input type=\"hidden\" name=\"sort\" value=\"\(sort)\">")
    }
}
