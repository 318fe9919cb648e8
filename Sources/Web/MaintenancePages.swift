import Activities
import Auth
import Foundation
import HTTPTypes
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/admin/rebuilds` (re-scoring history after rule changes, with progress; the page refreshes itself while a job
/// runs) and `/admin/system` (the instance's status: version, database, pool, workers, queues).
struct MaintenancePages: Sendable {
    let shared: WebShared
    let cache: CacheService
    /// `GET /api/system/status`'s document, as JSON (the composition root owns the status).
    let systemStatus: @Sendable () async throws -> Data

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("admin/rebuilds") { _, context -> Response in
            let viewer = try await shared.admin(context)
            let jobs = try await cache.recentJobs(limit: 20)
            let running = jobs.contains { $0.status == .pending || $0.status == .running }
            let rows = jobs.map { job -> HTML in
                let percent = Int((max(0, min(job.progress, 1)) * 100).rounded())
                return """
                <tr data-job="\(job.id)" data-status="\(job.status.rawValue)"><td>\(Formatting.moment(job.createdAt, zone: .gmt)) UTC</td><td>\(job.reason)</td>
                <td>\(job.status.rawValue)</td><td><progress max="100" value="\(percent)" aria-label="Progress of the rebuild">\(percent) %</progress> \(percent) %
                <span class="muted">(\(job.doneHours) of \(job.totalHours) hours)</span></td><td>\(job.error ?? "")</td></tr>
                """
            }
            var response = shared.layout.page("Rebuilds", viewer: viewer, current: "/admin/rebuilds", """
            <h1>Rollup rebuilds</h1>
            <p>Saving a rule re-scores the history it touches in the background. A full rebuild recomputes every hour from the raw
            events (after a restore, or to check nothing drifted).\(running ? " <strong>A job is running: this page refreshes every 3 seconds.</strong>" : "" as HTML)</p>
            <section class="panel"><table><thead><tr><th>Queued</th><th>Why</th><th>Status</th><th>Progress</th><th>Error</th></tr></thead><tbody>\(rows)</tbody></table>
            \(jobs.isEmpty ? "<p class=\"muted\">No rebuilds yet.</p>" : "" as HTML)</section>
            <section class="panel"><form method="post" action="/admin/rebuilds" data-confirm="Recompute every hour of history? It runs in the background.">
            \(FormControls.csrf(viewer.csrf))<button type="submit">Rebuild everything</button></form></section>
            """)
            if running { response.headers[HTTPField.Name("Refresh")!] = "3" }
            return response
        }
        pages.post("admin/rebuilds") { request, context -> Response in
            _ = try await shared.admin(context)
            _ = try await shared.form(request, context)
            _ = try await cache.rebuild(from: nil, to: nil, employeeID: nil)
            return PageLayout.redirect("/admin/rebuilds")
        }
        pages.get("admin/system") { _, context -> Response in
            let viewer = try await shared.admin(context)
            let document = try JSONDecoder().decode(JSONValue.self, from: try await systemStatus())
            return shared.layout.page("System", viewer: viewer, current: "/admin/system", """
            <h1>System status</h1>
            <p class="muted">The same document as <code>GET /api/system/status</code>.</p>
            <section class="panel">\(Self.render(document, depth: 0))</section>
            """)
        }
    }

    /// A JSON document, read without Foundation's bridging (which differs between platforms for booleans).
    indirect enum JSONValue: Decodable {
        case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let value = try? c.decode(Bool.self) { self = .bool(value) }
            else if let value = try? c.decode(Double.self) { self = .number(value) }
            else if let value = try? c.decode(String.self) { self = .string(value) }
            else if let value = try? c.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try c.decode([String: JSONValue].self)) }
        }
    }

    /// Any JSON value as nested tables: objects as name/value rows, lists of objects as tables with a column per key.
    static func render(_ value: JSONValue, depth: Int) -> HTML {
        guard depth < 6 else { return "…" }
        switch value {
        case .object(let object):
            let rows = object.keys.sorted().map { key -> HTML in
                "<tr><th scope=\"row\">\(Self.label(key))</th><td>\(render(object[key] ?? .null, depth: depth + 1))</td></tr>"
            }
            return "<table class=\"kv\"><tbody>\(rows)</tbody></table>"
        case .array(let list):
            if list.isEmpty { return "<span class=\"muted\">none</span>" }
            let objects = list.compactMap { item -> [String: JSONValue]? in if case .object(let o) = item { o } else { nil } }
            if objects.count == list.count {
                let keys = Array(Set(objects.flatMap(\.keys))).sorted()
                let head = keys.map { "<th>\(Self.label($0))</th>" as HTML }
                let rows = objects.map { object -> HTML in
                    "<tr>\(keys.map { "<td>\(render(object[$0] ?? .null, depth: depth + 1))</td>" as HTML })</tr>"
                }
                return "<table><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table>"
            }
            return HTML.join(list.map { render($0, depth: depth + 1) }, separator: ", ")
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let number):
            return "\(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))"
        case .string(let text): return "\(text)"
        case .null: return "<span class=\"muted\">–</span>"
        }
    }

    /// `lastSuccessAt` → `last success at`.
    static func label(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase { out += " " + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
