import Activities
import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// A person's own pages: classify my idle periods (`/me/idle`), my devices (`/me/devices`: enrol shows the token
/// once, revoke), and who looked at my data (`/me/access-log`).
struct SelfServicePages: Sendable {
    let shared: WebShared
    let reader: ActivityReader
    let idle: IdleService

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("me/idle") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let saved: HTML = request.uri.queryParameters.get("saved") != nil ? "<p class=\"notice ok\" role=\"status\">Saved. Your dashboard counts it this way now.</p>" : ""
            return try await idlePage(viewer, date: request.uri.queryParameters.get("date"), notice: saved)
        }
        pages.post("me/idle/:id") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let form = try await shared.form(request, context)
            let id = try context.uuidParameter("id")
            guard let classification = IdleClassification(rawValue: form["classification"] ?? "") else {
                throw SimpleAppError.invalid("classification", "must be break, work_away or discard")
            }
            let note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try await idle.classify(idleID: id, employeeID: viewer.user.employeeID, change: IdleClassificationChange(
                classification: classification, note: note, notePrivate: form["private"] == "on"
            ))
            let date = form.nonEmpty("date")
            return PageLayout.redirect("/me/idle?" + DashboardPage.queryString([("saved", "1")] + (date.map { [("date", $0)] } ?? [])))
        }
        pages.get("me/devices") { _, context -> Response in
            let viewer = try await shared.viewer(context)
            return try await devicesPage(viewer, enrolled: nil, status: .ok)
        }
        pages.post("me/devices") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let form = try await shared.form(request, context)
            let enrolled = try await shared.identity.devices.enrol(
                employeeID: viewer.user.employeeID, name: try form.text("name", max: 100), platform: try form.text("platform", max: 40)
            )
            return try await devicesPage(viewer, enrolled: enrolled, status: .created)
        }
        pages.post("me/devices/:id/revoke") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            _ = try await shared.form(request, context)
            try await shared.identity.devices.revoke(deviceID: try context.uuidParameter("id"), employeeID: viewer.user.employeeID)
            return PageLayout.redirect("/me/devices")
        }
        pages.get("me/access-log") { _, context -> Response in
            let viewer = try await shared.viewer(context)
            return try await accessLogPage(viewer)
        }
    }

    static func label(_ classification: IdleClassification) -> String {
        switch classification {
        case .break: "Break"
        case .workAway: "Work away from the computer"
        case .discard: "Discard (not counted)"
        }
    }

    private func zone(_ employeeID: String) async throws -> TimeZone {
        let name = try await shared.identity.directoryRepository.effectiveTimeZone(employeeID: employeeID)
        return name.flatMap(TimeZone.init(identifier:)) ?? .gmt
    }

    private func idlePage(_ viewer: WebViewer, date: String?, notice: HTML) async throws -> Response {
        let zone = try await zone(viewer.user.employeeID)
        let anchor = date.flatMap { $0.isEmpty ? nil : $0 } ?? LocalPeriod.localDate(shared.time.now, in: zone)
        let week = try LocalPeriod.make(kind: .week, anchor: anchor, timeZone: zone)
        let periods = try await reader.idlePeriods(employeeID: viewer.user.employeeID, from: week.start, to: week.end, revealPrivateNotes: true)
        let rows = periods.reversed().map { period -> HTML in
            let options = FormControls.options(IdleClassification.allCases.map { ($0.rawValue, Self.label($0)) },
                                               selected: (period.classification ?? .break).rawValue)
            return """
            <tr data-idle="\(period.id)"><td>\(Formatting.moment(period.start, zone: zone)) – \(Formatting.clock(period.end, zone: zone))</td>
            <td class="num">\(Formatting.duration(period.end.timeIntervalSince(period.start)))</td><td>\(period.reason)</td>
            <td><form class="row" method="post" action="/me/idle/\(period.id)">
            \(FormControls.csrf(viewer.csrf))<input type="hidden" name="date" value="\(anchor)">
            <label>As <select name="classification">\(options)</select></label>
            <label>Note <input name="note" maxlength="1000" value="\(period.note)"></label>
            <label class="check"><input type="checkbox" name="private"\(period.notePrivate ? HTML(raw: " checked") : "")> Private</label>
            <button type="submit">Save</button></form></td></tr>
            """
        }
        return shared.layout.page("Idle time", viewer: viewer, current: "/me/idle", """
        <h1>My idle time <span class="muted">· week of \(week.days.first?.date ?? anchor)</span></h1>
        <p>Idle periods count as breaks unless you say otherwise. Work away from the computer (a meeting, a call) counts
        towards your score; discarded time is not counted at all. Private notes are seen by you only.</p>
        \(notice)
        <form class="period" method="get"><label>Week of <input type="date" name="date" value="\(anchor)"></label><button type="submit">Show</button></form>
        <section class="panel">\(periods.isEmpty ? "<p class=\"muted\">No idle periods this week.</p>" : """
        <table><thead><tr><th>When</th><th class="num">How long</th><th>Why</th><th>Classify</th></tr></thead><tbody>\(rows)</tbody></table>
        """ as HTML)</section>
        """)
    }

    private func devicesPage(_ viewer: WebViewer, enrolled: DeviceService.Enrolled?, status: HTTPResponse.Status) async throws -> Response {
        let zone = try await zone(viewer.user.employeeID)
        let devices = try await shared.identity.devices.list(employeeID: viewer.user.employeeID)
        let rows = devices.map { device -> HTML in
            let state: HTML = device.revokedAt != nil ? "revoked" : device.pausedAt != nil ? "paused" : "active"
            let action: HTML = device.revokedAt != nil ? "" : """
            <form class="inline" method="post" action="/me/devices/\(device.id)/revoke" data-confirm="Revoke \(device.name)? Its agent stops reporting at once.">\
            \(FormControls.csrf(viewer.csrf))<button class="secondary" type="submit">Revoke</button></form>
            """
            return "<tr><td>\(device.name)</td><td>\(device.platform)</td><td>\(state)</td><td>\(device.lastSeenAt.map { Formatting.moment($0, zone: zone) } ?? "never")</td><td>\(action)</td></tr>"
        }
        let shown: HTML = enrolled.map { enrolled in """
        <div class="notice ok" role="status"><p>Device <strong>\(enrolled.device.name)</strong> enrolled. Its token is shown <strong>this once</strong>:</p>
        <p class="token" id="device-token">\(enrolled.token)</p>
        <p>ActivityWatch watchers: set the server to <code>\(enrolled.token):@this-server</code> (see the README).</p></div>
        """ } ?? ""
        return shared.layout.page("Devices", viewer: viewer, current: "/me/devices", status: status, """
        <h1>My devices</h1>
        \(shown)
        <section class="panel"><table><thead><tr><th>Name</th><th>Platform</th><th>State</th><th>Last seen</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>\(devices.isEmpty ? "<p class=\"muted\">No devices yet.</p>" : "" as HTML)</section>
        <section class="panel"><h2>Enrol a device</h2>
        <form class="row" method="post" action="/me/devices">\(FormControls.csrf(viewer.csrf))
        <label>Name <input name="name" required maxlength="100" placeholder="Work laptop"></label>
        <label>Platform <select name="platform"><option>linux</option><option>macos</option><option>windows</option></select></label>
        <button type="submit">Enrol</button></form></section>
        """)
    }

    private func accessLogPage(_ viewer: WebViewer) async throws -> Response {
        let zone = try await zone(viewer.user.employeeID)
        let entries = try await shared.identity.accessLog.entries(
            subjectID: viewer.user.employeeID, actorID: nil, from: nil, to: nil, after: nil, limit: 200
        )
        let names = try await shared.names(Array(Set(entries.map(\.actorId)).prefix(100)))
        let rows = entries.map { entry -> HTML in
            "<tr><td>\(names[entry.actorId] ?? "Someone")</td><td>\(entry.resource)</td><td>\(entry.scope.type)</td><td>\(Formatting.moment(entry.at, zone: zone))</td><td class=\"num\">\(entry.reads)</td></tr>"
        }
        return shared.layout.page("Who looked at my data", viewer: viewer, current: "/me/access-log", """
        <h1>Who looked at my data</h1>
        <p>Every time a manager or administrator reads your data (directly, or in a team or organisation view that
        includes you) it is recorded here, one line per reader, view and hour. The latest 200 lines.</p>
        <section class="panel">\(entries.isEmpty ? "<p class=\"muted\">Nobody has looked at your data.</p>" : """
        <table><thead><tr><th>Who</th><th>What</th><th>View</th><th>Last time</th><th class="num">Reads</th></tr></thead><tbody>\(rows)</tbody></table>
        """ as HTML)</section>
        """)
    }
}
