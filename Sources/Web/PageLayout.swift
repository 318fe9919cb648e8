import Foundation
import HTTPTypes
import Hummingbird

/// The frame of every page: header with the links this person may follow (what a role may not see is not linked),
/// the sign-out form, and the content.
struct PageLayout: Sendable {
    let assets: WebAssets

    func page(_ title: String, viewer: WebViewer?, current: String, status: HTTPResponse.Status = .ok, _ content: HTML) -> Response {
        let html: HTML = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Productivity Tracker</title>
        <link rel="icon" href="\(assets.icon.path)" type="image/svg+xml">
        <link rel="stylesheet" href="\(assets.stylesheet.path)">
        <script src="\(assets.script.path)" defer></script>
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">Productivity Tracker</a>
        \(navigation(viewer, current: current))
        </header>
        <main id="content">
        \(content)
        </main>
        </body>
        </html>
        """
        return Self.htmlResponse(html, status: status)
    }

    private func navigation(_ viewer: WebViewer?, current: String) -> HTML {
        guard let viewer else { return "" }
        var links: [(String, String)] = []
        if viewer.isAdmin { links.append(("/dashboard/organization", "Organisation")) }
        if viewer.isAdmin || viewer.isManager { links += [("/dashboard/teams", "Teams"), ("/flags", "Flags")] }
        links += [("/dashboard/me", "My dashboard"), ("/trends", "Trends"), ("/timesheets", "Timesheet"), ("/schedule", "Schedule"),
                  ("/attendance", "Attendance"), ("/points", "Points")]
        if viewer.isAdmin { links.append(("/admin", "Admin")) } else if viewer.isManager { links.append(("/admin/rules", "Rules")) }
        // One's own pages fold into a menu (a native disclosure: keyboard and screen readers need no script).
        let mine: [(String, String)] = [("/me/idle", "Idle time"), ("/me/flags", "My flags"), ("/me/devices", "Devices"),
                                        ("/me/access-log", "Who looked at my data"), ("/account/password", "Password")]
        func item(_ link: (String, String)) -> HTML {
            link.0 == current ? "<a href=\"\(link.0)\" aria-current=\"page\">\(link.1)</a>" : "<a href=\"\(link.0)\">\(link.1)</a>"
        }
        return """
        <nav aria-label="Main">\(links.map(item))<details class="menu"><summary\(mine.contains { $0.0 == current } ? HTML(raw: " class=\"current\"") : "")>Me</summary><div>\(mine.map(item))</div></details></nav>
        <form method="post" action="/sign-out" class="inline">\(FormControls.csrf(viewer.csrf))\
        <span class="muted">\(viewer.name)</span> <button class="secondary" type="submit">Sign out</button></form>
        """
    }

    /// Pages are personal and change: never cached. The policy allows only this site's own script and style.
    static func htmlResponse(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        addSecurityHeaders(&headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }

    static func addSecurityHeaders(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}
