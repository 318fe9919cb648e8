import Activities
import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/admin/rules`: the productivity rules (organisation defaults and team overrides) with a form whose preview shows
/// what the rule would match in the last 7 days and how that time is classified now. The preview works without
/// script (the Preview button posts the form and saves nothing); with it, it follows the typing (`GET
/// /admin/rules/preview`, an HTML fragment).
/// Managers see and edit their teams' overrides; the rule service decides.
struct RulePages: Sendable {
    let shared: WebShared
    let rules: RuleService

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("admin/rules") { request, context -> Response in
            let viewer = try await shared.planner(context)
            let saved = request.uri.queryParameters.get("saved") != nil
            return try await page(viewer, draft: Draft(), preview: "", notice: saved ? "Saved; the history is being re-scored (Rebuilds)." : nil)
        }
        pages.get("admin/rules/preview") { request, context -> Response in
            let viewer = try await shared.planner(context)
            let draft = Draft(request.uri.queryParameters)
            // A pattern being typed may be incomplete: say so in the fragment rather than failing the request.
            let fragment: HTML
            do {
                fragment = try await previewTable(try draft.input(), viewer)
            } catch let error as SimpleAppError {
                fragment = "<p class=\"notice error\" role=\"alert\">\(error.message)</p>"
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.cacheControl] = "no-store"
            PageLayout.addSecurityHeaders(&headers)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: fragment.text)))
        }
        pages.post("admin/rules") { request, context -> Response in
            let viewer = try await shared.planner(context)
            let form = try await shared.form(request, context)
            let draft = Draft(form: form)
            // The Preview button posts the same form (so the session's form token never lands in a URL) and saves nothing.
            if form["preview"] == "1" {
                return try await page(viewer, draft: draft, preview: try await previewTable(draft.input(), viewer), notice: nil)
            }
            _ = try await rules.create(try draft.input(), by: viewer.user)
            return PageLayout.redirect("/admin/rules?saved=1")
        }
        pages.post("admin/rules/:id/delete") { request, context -> Response in
            let viewer = try await shared.planner(context)
            _ = try await shared.form(request, context)
            _ = try await rules.delete(id: try context.uuidParameter("id"), by: viewer.user)
            return PageLayout.redirect("/admin/rules?saved=1")
        }
    }

    /// The rule being written, as the form holds it.
    struct Draft: Sendable {
        var field = "app", match = "exact", pattern = "", category = "productive", team = "", priority = ""

        init() {}

        init(_ q: Parameters) {
            field = q.get("field") ?? field; match = q.get("match") ?? match; pattern = q.get("pattern") ?? ""
            category = q.get("category") ?? category; team = q.get("team") ?? ""; priority = q.get("priority") ?? ""
        }

        init(form: FormBody) {
            field = form["field"] ?? field; match = form["match"] ?? match; pattern = form["pattern"] ?? ""
            category = form["category"] ?? category; team = form["team"] ?? ""; priority = form["priority"] ?? ""
        }

        func input() throws -> RuleInput {
            guard let field = RuleField(rawValue: field) else { throw SimpleAppError.invalid("field", "must be app, title, url or domain") }
            guard let match = MatchKind(rawValue: match) else { throw SimpleAppError.invalid("match", "must be exact, glob or regex") }
            guard let category = ProductivityCategory(rawValue: category) else { throw SimpleAppError.invalid("category", "is not a category") }
            guard !pattern.isEmpty else { throw SimpleAppError.invalid("pattern", "is required") }
            var priorityValue: Int?
            if !priority.isEmpty {
                guard let value = Int(priority), (-1000...1000).contains(value) else { throw SimpleAppError.invalid("priority", "must be a whole number from -1000 to 1000") }
                priorityValue = value
            }
            return RuleInput(teamId: team.isEmpty ? nil : try FieldValidation.id(team, field: "team"), field: field, match: match,
                             pattern: pattern, category: category, priority: priorityValue)
        }
    }

    private func previewTable(_ input: RuleInput, _ viewer: WebViewer) async throws -> HTML {
        let matches = try await rules.preview(input, by: viewer.user)
        guard !matches.isEmpty else { return "<p class=\"muted\" data-preview-count=\"0\">Nothing in the last 7 days matches.</p>" }
        let rows = matches.map { "<tr><td>\($0.value)</td><td class=\"num\">\(Formatting.duration($0.seconds))</td><td class=\"cat-\($0.currentCategory.rawValue)\">\(DashboardPage.categoryName($0.currentCategory.rawValue))</td></tr>" as HTML }
        let total = matches.reduce(0) { $0 + $1.seconds }
        return """
        <p data-preview-count="\(matches.count)">\(matches.count) value(s), \(Formatting.duration(total)) in the last 7 days would become
        <strong class="cat-\(input.category.rawValue)">\(DashboardPage.categoryName(input.category.rawValue))</strong>.</p>
        <table><thead><tr><th>Matches</th><th class="num">Time (7 days)</th><th>Counted now as</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    private func page(_ viewer: WebViewer, draft: Draft, preview: HTML, notice: String?) async throws -> Response {
        let list = try await rules.list(for: viewer.user)
        let teams = try await shared.identity.directory.teams(visibleTo: viewer.user, includeArchived: false, after: nil, limit: 500)
        let teamNames = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = list.map { rule -> HTML in
            """
            <tr><td>\(rule.teamId.map { teamNames[$0] ?? "another team" } ?? "Everyone")</td><td>\(rule.field.rawValue)</td><td>\(rule.match.rawValue)</td>
            <td><code>\(rule.pattern)</code></td><td class="cat-\(rule.category.rawValue)">\(DashboardPage.categoryName(rule.category.rawValue))</td><td class="num">\(rule.priority)</td>
            <td><form class="inline" method="post" action="/admin/rules/\(rule.id)/delete" data-confirm="Delete this rule? History is re-scored.">\(FormControls.csrf(viewer.csrf))\
            <button class="secondary" type="submit">Delete</button></form></td></tr>
            """
        }
        func options(_ values: [String], _ current: String, label: (String) -> String = { $0 }) -> HTML {
            FormControls.options(values.map { ($0, label($0)) }, selected: current)
        }
        let teamOptions: HTML = (viewer.isAdmin ? "<option value=\"\">Everyone (organisation default)</option>" : "") as HTML
            + FormControls.teamOptions(teams.map { ($0.id, $0.name) }, selected: draft.team)
        return shared.layout.page("Rules", viewer: viewer, current: "/admin/rules", """
        <h1>Productivity rules</h1>
        \(notice.map { "<p class=\"notice ok\" role=\"status\">\($0)</p>" as HTML } ?? "")
        <section class="panel"><h2>New rule</h2>
        <form class="row" method="post" action="/admin/rules" data-preview="/admin/rules/preview">\(FormControls.csrf(viewer.csrf))
        <label>For <select name="team">\(teamOptions)</select></label>
        <label>Field <select name="field">\(options(RuleField.allCases.map(\.rawValue), draft.field))</select></label>
        <label>Match <select name="match">\(options(MatchKind.allCases.map(\.rawValue), draft.match))</select></label>
        <label>Pattern <input name="pattern" required maxlength="500" value="\(draft.pattern)" autocomplete="off"></label>
        <label>Category <select name="category">\(options(["productive", "neutral", "unproductive"], draft.category, label: DashboardPage.categoryName))</select></label>
        <label>Priority <input name="priority" inputmode="numeric" maxlength="5" value="\(draft.priority)" placeholder="0"></label>
        <button type="submit" name="preview" value="1" class="secondary">Preview</button>
        <button type="submit">Save rule</button></form>
        <div id="rule-preview" aria-live="polite">\(preview)</div></section>
        <section class="panel"><h2>Rules</h2><table><thead><tr><th>For</th><th>Field</th><th>Match</th><th>Pattern</th><th>Category</th><th class="num">Priority</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>\(list.isEmpty ? "<p class=\"muted\">No rules yet: everything is uncategorised.</p>" : "" as HTML)</section>
        """)
    }
}

extension HTML {
    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(raw: lhs.text + rhs.text) }
}
