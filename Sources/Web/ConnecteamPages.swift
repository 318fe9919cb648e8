import Connecteam
import Foundation
import HTTPTypes
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/admin/connecteam`: whether the Connecteam sync is set up and on, its latest runs with what each did and what
/// went wrong, and a button for a sync now. Settings and the key are set through the API (the key is write-only).
struct ConnecteamPages: Sendable {
    let shared: WebShared
    let connecteam: ConnecteamService

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("admin/connecteam") { request, context -> Response in
            let viewer = try await shared.admin(context)
            let overview = try await connecteam.overview(runs: 20)
            let asked = request.uri.queryParameters.get("requested") != nil
            let running = overview.runs.contains { $0.status == .running }
            let rows = overview.runs.map { run -> HTML in
                let counts = run.counts.keys.sorted().map { "\($0) \(run.counts[$0] ?? 0)" }.joined(separator: " · ")
                return """
                <tr data-run="\(run.id)" data-status="\(run.status.rawValue)"><td>\(Formatting.moment(run.startedAt, zone: .gmt)) UTC</td><td>\(run.trigger)</td>
                <td><span class="badge \(run.status == .failed ? "open" : run.status == .done ? "ok" : "")">\(run.status.rawValue)</span></td>
                <td>\(run.finishedAt.map { Formatting.duration($0.timeIntervalSince(run.startedAt)) } ?? "…")</td><td class="muted">\(counts)</td>
                <td>\(run.errors.joined(separator: "; "))</td></tr>
                """
            }
            let s = overview.settings
            var response = shared.layout.page("Connecteam", viewer: viewer, current: "/admin/connecteam", """
            <h1>Connecteam</h1>
            \(asked ? "<p class=\"notice ok\" role=\"status\">A sync was asked for; it starts within seconds.</p>" : "" as HTML)
            <div class="cards">
            <div class="card"><div class="label">Set up</div><div class="value" data-connecteam="configured">\(overview.apiKeySet ? "yes" : "no")</div>
            <div class="muted">\(overview.apiKeySet ? "API key stored" : "no API key yet: PUT /api/connecteam/settings")</div></div>
            <div class="card"><div class="label">Background sync</div><div class="value">\(s.enabled ? "on" : "off")</div><div class="muted">every \(s.intervalMinutes) min</div></div>
            <div class="card"><div class="label">What is synced</div><div class="value">\(s.schedulerIds.count + s.timeClockIds.count)</div>
            <div class="muted">\(s.schedulerIds.count) scheduler(s), \(s.timeClockIds.count) time clock(s)\(s.syncTimeOff ? ", time off" : "")</div></div>
            </div>
            <section class="panel"><form method="post" action="/admin/connecteam/sync">\(FormControls.csrf(viewer.csrf))
            <button type="submit"\(overview.apiKeySet ? "" : HTML(raw: " disabled"))>Sync now</button></form></section>
            <section class="panel"><h2>Latest runs</h2>\(overview.runs.isEmpty ? "<p class=\"muted\">No sync has run yet.</p>" : """
            <table><thead><tr><th>Started</th><th>Why</th><th>Status</th><th>Took</th><th>What it did</th><th>Errors</th></tr></thead><tbody>\(rows)</tbody></table>
            """ as HTML)</section>
            """)
            if running || asked { response.headers[HTTPField.Name("Refresh")!] = "3; url=/admin/connecteam" }
            return response
        }
        pages.post("admin/connecteam/sync") { request, context -> Response in
            _ = try await shared.admin(context)
            _ = try await shared.form(request, context)
            guard try await connecteam.requestManualSync() else {
                throw SimpleAppError(.conflict, code: "connecteam_not_configured", message: "Set an API key first (PUT /api/connecteam/settings).")
            }
            return PageLayout.redirect("/admin/connecteam?requested=1")
        }
    }
}
