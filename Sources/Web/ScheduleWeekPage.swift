import Foundation
import Schedules
import TrackerCore

/// A week of shifts as a grid: a row per person (and one for open shifts), a column per local day. Drafts are
/// marked; an open published shift the viewer may take has a claim button.
struct ScheduleWeekPage {
    let view: ScheduleViewService.View
    let days: [String]
    let people: [(id: String, name: String)]
    let teams: [(id: String, name: String)]
    let team: String?
    let viewer: WebViewer
    let notice: HTML

    var body: HTML {
        let zone = TimeZone(identifier: view.timeZone) ?? .gmt
        var cells: [String: [Shift]] = [:]
        for shift in view.items {
            cells["\(shift.employeeId ?? "open")|\(LocalPeriod.localDate(shift.start, in: zone))", default: []].append(shift)
        }
        var rows: [(id: String, name: String)] = people
        for shift in view.items { if let id = shift.employeeId, !rows.contains(where: { $0.id == id }) { rows.append((id, "Someone else")) } }
        rows.append(("open", "Open shifts"))
        let head = days.map { "<th scope=\"col\">\(Self.dayLabel($0))</th>" as HTML }
        let body = rows.map { row -> HTML in
            let tds = days.map { day -> HTML in
                let shifts = (cells["\(row.id)|\(day)"] ?? []).sorted { $0.start < $1.start }
                return "<td>\(shifts.map { cell($0, zone: zone, day: day) })</td>"
            }
            return "<tr><th scope=\"row\">\(row.name)</th>\(tds)</tr>"
        }
        let first = days.first ?? ""
        let previous = LocalCalendar.date(first, plusDays: -7) ?? first, next = LocalCalendar.date(first, plusDays: 7) ?? first
        var base: [(String, String)] = []
        if let team { base.append(("team", team)) }
        return """
        <h1>\(team == nil ? "My schedule" : "Schedule") <span class="muted">· week of \(days.first ?? "") (\(view.timeZone))</span></h1>
        \(notice)
        <form class="period" method="get" aria-label="Week">\(teamPicker)
        <label>Week of <input type="date" name="date" value="\(days.first ?? "")"></label><button type="submit">Show</button>
        <a class="button secondary" href="/schedule?\(DashboardPage.queryString(base + [("date", previous)]))">← Previous week</a>
        <a class="button secondary" href="/schedule?\(DashboardPage.queryString(base + [("date", next)]))">Next week →</a></form>
        <section class="panel"><table class="week"><thead><tr><th scope="col">Person</th>\(head)</tr></thead><tbody>\(body)</tbody></table>
        \(view.items.isEmpty ? "<p class=\"muted\">No shifts this week.</p>" : "" as HTML)</section>
        """
    }

    private func cell(_ shift: Shift, zone: TimeZone, day: String) -> HTML {
        let time = "\(Formatting.clock(shift.start, zone: zone))–\(Formatting.clock(shift.end, zone: zone))"
        let draft: HTML = shift.status == .draft ? " <span class=\"badge\">draft</span>" : ""
        let claim: HTML = shift.employeeId == nil && shift.status == .published && !viewer.isAdmin && !viewer.isManager ? """
        <form class="inline" method="post" action="/schedule/shifts/\(shift.id)/claim">\(FormControls.csrf(viewer.csrf))\
        <input type="hidden" name="date" value="\(days.first ?? day)"><button type="submit">Claim</button></form>
        """ : ""
        return "<div class=\"shift\" data-shift=\"\(shift.id)\">\(time)\(draft)\(shift.notes.map { " <span class=\"muted\">\($0)</span>" as HTML } ?? "")\(claim)</div>"
    }

    private var teamPicker: HTML {
        guard !teams.isEmpty else { return "" }
        let options = FormControls.teamOptions(teams, selected: team)
        return "<label>Team <select name=\"team\">\(options)</select></label>"
    }

    /// `2026-12-07` → `Mon 07`.
    static func dayLabel(_ date: String) -> String {
        guard let day = LocalCalendar.day(date, .gmt) else { return date }
        return "\(LocalCalendar.weekdayName(day.start, .gmt).prefix(3)) \(date.suffix(2))"
    }
}
