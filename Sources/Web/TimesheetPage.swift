import Analytics
import Foundation

/// The daily timesheet (person, day, first and last seen, active, idle, productive) with the CSV export's link.
struct TimesheetPage {
    let sheet: TimesheetService.Timesheet
    let scope: DashboardService.ScopeKind
    let id: String?

    static let maxRows = 1_000

    var body: HTML {
        let zone = TimeZone(identifier: sheet.timeZone) ?? .gmt
        // An organisation's month is tens of thousands of rows: the page shows the first ones, the CSV has them all.
        let rows = sheet.rows.prefix(Self.maxRows).map { row -> HTML in
            """
            <tr><td>\(row.employee)</td><td>\(row.date)</td><td class="num">\(row.firstSeen.map { Formatting.clock($0, zone: zone) } ?? "–")</td>
            <td class="num">\(row.lastSeen.map { Formatting.clock($0, zone: zone) } ?? "–")</td>
            <td class="num">\(Formatting.duration(row.activeSeconds))</td><td class="num">\(Formatting.duration(row.idleSeconds))</td>
            <td class="num">\(Formatting.duration(row.productiveSeconds))</td></tr>
            """
        }
        let active = sheet.rows.reduce(0) { $0 + $1.activeSeconds }
        var base: [(String, String)] = [("scope", scope.rawValue), ("from", sheet.from), ("to", sheet.to)]
        if let id { base.append(("id", id)) }
        return """
        <h1>Timesheet <span class="muted">· \(sheet.from) – \(sheet.to) (\(sheet.timeZone))</span></h1>
        <form class="period" method="get" aria-label="Range"><input type="hidden" name="scope" value="\(scope.rawValue)">\
        \(id.map { "<input type=\"hidden\" name=\"id\" value=\"\($0)\">" as HTML } ?? "")
        <label>From <input type="date" name="from" value="\(sheet.from)"></label><label>To <input type="date" name="to" value="\(sheet.to)"></label>
        <button type="submit">Show</button>
        <a class="button secondary" href="/api/exports/timesheet?\(DashboardPage.queryString(base + [("format", "csv")]))" download>CSV</a></form>
        <section class="panel"><p>Total active: <strong data-total="active">\(Formatting.duration(active))</strong> over \(sheet.rows.count) person-days.</p>
        <table><thead><tr><th>Person</th><th>Day</th><th class="num">First seen</th><th class="num">Last seen</th><th class="num">Active</th>
        <th class="num">Idle</th><th class="num">Productive</th></tr></thead><tbody>\(rows)</tbody></table>
        \(sheet.rows.isEmpty ? "<p class=\"muted\">Nothing recorded in this range.</p>" : "" as HTML)
        \(sheet.rows.count > Self.maxRows ? "<p class=\"muted\">The first \(Self.maxRows) of \(sheet.rows.count) rows; the CSV has them all.</p>" as HTML : "")</section>
        """
    }
}
