import Foundation
import Schedules
import TrackerCore

/// Attendance over a range: totals, then each started shift with its status, lateness, early leave and overtime.
struct AttendancePage {
    let report: AttendanceReport
    let teams: [(id: String, name: String)]
    let team: String?

    var body: HTML {
        let zone = TimeZone(identifier: report.timeZone) ?? .gmt
        let t = report.totals
        let rows = report.shifts.map { row -> HTML in
            let status = row.statuses.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
            return """
            <tr data-status="\(row.status.rawValue)"><td>\(row.employee)</td><td>\(row.date)</td>
            <td class="num">\(Formatting.clock(row.start, zone: zone))–\(Formatting.clock(row.end, zone: zone))</td>
            <td class="num">\(row.firstActivity.map { Formatting.clock($0, zone: zone) } ?? "–")</td>
            <td class="num">\(row.lastActivity.map { Formatting.clock($0, zone: zone) } ?? "–")</td>
            <td class="num">\(Formatting.duration(Double(row.activeMinutes) * 60)) / \(Formatting.duration(Double(row.scheduledMinutes) * 60))</td>
            <td><span class="badge \(row.status == .onTime ? "ok" : (row.status == .overtime ? "" : "open"))">\(status)</span>\(row.inProgress ? " <span class=\"muted\">(in progress)</span>" : "" as HTML)</td></tr>
            """
        }
        let options = FormControls.teamOptions(teams, selected: team)
        return """
        <h1>Attendance <span class="muted">· \(report.from) – \(report.to) (\(report.timeZone))</span></h1>
        <form class="period" method="get" aria-label="Range">\(teams.isEmpty ? "" : "<label>Team <select name=\"team\">\(options)</select></label>" as HTML)
        <label>From <input type="date" name="from" value="\(report.from)"></label><label>To <input type="date" name="to" value="\(report.to)"></label>
        <button type="submit">Show</button></form>
        <div class="cards">
        <div class="card"><div class="label">Shifts started</div><div class="value" data-total="shifts">\(t.shifts)</div>
        <div class="muted">\(t.onTime) on time · \(t.late) late · \(t.absent) absent · \(t.earlyLeave) left early</div></div>
        <div class="card"><div class="label">Tracked / scheduled</div><div class="value">\(Formatting.duration(Double(t.trackedMinutes) * 60))</div>
        <div class="muted">of \(Formatting.duration(Double(t.scheduledMinutes) * 60)) scheduled</div></div>
        <div class="card"><div class="label">Outside shifts</div><div class="value">\(Formatting.duration(Double(t.unscheduledMinutes) * 60))</div></div>
        </div>
        <section class="panel">\(report.shifts.isEmpty ? "<p class=\"muted\">No shifts have started in this range.</p>" : """
        <table><thead><tr><th>Person</th><th>Day</th><th class="num">Shift</th><th class="num">First</th><th class="num">Last</th>
        <th class="num">Active / planned</th><th>Status</th></tr></thead><tbody>\(rows)</tbody></table>
        """ as HTML)</section>
        """
    }
}
