import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/` (where to go), `/first-run` (the first administrator), `/sign-in`, `/sign-out`, `/account/password`.
struct SessionPages: Sendable {
    let shared: WebShared
    private let firstRun = FirstRunGate()

    init(shared: WebShared) { self.shared = shared }

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("/") { _, context -> Response in
            if try await shared.identity.directoryRepository.activeAdminCount() == 0 { return PageLayout.redirect("/first-run") }
            guard case .user(let user) = context.identity else { return PageLayout.redirect("/sign-in") }
            return PageLayout.redirect(Self.home(for: user))
        }
        pages.get("sign-in") { request, context -> Response in
            if case .user(let user) = context.identity {
                let next = WebErrorPages.safeNext(request.uri.queryParameters.get("next"))
                return PageLayout.redirect(next == "/" ? Self.home(for: user) : next)
            }
            let notice: HTML = request.uri.queryParameters.get("changed") != nil
                ? "<p class=\"notice ok\" role=\"status\">Your password was changed. Sign in with the new one.</p>" : ""
            return signInPage(request, email: "", notice: notice, status: .ok)
        }
        pages.post("sign-in") { request, context -> Response in
            let form = try await FormBody.read(request)
            try shared.csrf.check(request, form: form, user: nil)
            let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                let tokens = try await shared.identity.auth.login(
                    email: email, password: form["password"] ?? "", adminOnly: form["admin"] == "on", clientAddress: context.clientAddress
                )
                var response = PageLayout.redirect(WebErrorPages.safeNext(form["next"]))
                WebCookies.setSession(tokens.accessToken, tokens.refreshToken, refreshLifetime: 30 * 24 * 3_600, on: &response,
                                      secure: WebCookies.secure(request, settings: shared.settings))
                return response
            } catch let error as AuthError {
                let notice: HTML = "<p class=\"notice error\" role=\"alert\">\(error.message)</p>"
                var response = signInPage(request, email: email, notice: notice, status: error.kind.status)
                if let wait = error.retryAfterSeconds { response.headers[.retryAfter] = String(wait) }
                return response
            }
        }
        pages.post("sign-out") { request, context -> Response in
            _ = try await shared.form(request, context)
            let user = try context.requireUser()
            try await shared.identity.auth.logout(user: user, refreshToken: WebCookies.value(request, WebCookies.refresh))
            var response = PageLayout.redirect("/sign-in")
            WebCookies.clearSession(on: &response, secure: WebCookies.secure(request, settings: shared.settings))
            return response
        }
        pages.get("first-run") { request, _ -> Response in
            guard try await shared.identity.directoryRepository.activeAdminCount() == 0 else { throw WebError.notFound }
            return firstRunPage(request, name: "", email: "", notice: "", status: .ok)
        }
        pages.post("first-run") { request, context -> Response in
            let form = try await FormBody.read(request)
            try shared.csrf.check(request, form: form, user: nil)
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces), email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = form["password"] ?? ""
            guard password == form["confirm"] else {
                return firstRunPage(request, name: name, email: email, notice: "<p class=\"notice error\" role=\"alert\">confirm: the passwords differ.</p>", status: .badRequest)
            }
            do {
                try await firstRun.createFirstAdmin(identity: shared.identity, name: name, email: email, password: password)
            } catch let error as any AppError where error.kind == .badRequest || error.kind == .conflict {
                return firstRunPage(request, name: name, email: email, notice: "<p class=\"notice error\" role=\"alert\">\(error.message)</p>", status: error.kind.status)
            }
            let tokens = try await shared.identity.auth.login(email: email, password: password, adminOnly: true, clientAddress: context.clientAddress)
            var response = PageLayout.redirect("/dashboard/organization")
            WebCookies.setSession(tokens.accessToken, tokens.refreshToken, refreshLifetime: 30 * 24 * 3_600, on: &response,
                                  secure: WebCookies.secure(request, settings: shared.settings))
            return response
        }
        pages.get("account/password") { _, context -> Response in
            let viewer = try await shared.viewer(context)
            return passwordPage(viewer, notice: "", status: .ok)
        }
        pages.post("account/password") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let form = try await shared.form(request, context)
            guard form["new"] == form["confirm"] else {
                return passwordPage(viewer, notice: "<p class=\"notice error\" role=\"alert\">confirm: the new passwords differ.</p>", status: .badRequest)
            }
            do {
                try await shared.identity.auth.changePassword(user: viewer.user, current: form["current"] ?? "", new: form["new"] ?? "")
            } catch let error as any AppError where error.kind == .badRequest || error.kind == .forbidden {
                return passwordPage(viewer, notice: "<p class=\"notice error\" role=\"alert\">\(error.message)</p>", status: error.kind.status)
            }
            // Every session of the person ends with a new password, this one too.
            var response = PageLayout.redirect("/sign-in?changed=1")
            WebCookies.clearSession(on: &response, secure: WebCookies.secure(request, settings: shared.settings))
            return response
        }
    }

    static func home(for user: UserIdentity) -> String {
        switch user.role {
        case .admin: "/dashboard/organization"
        case .manager: "/dashboard/teams"
        default: "/dashboard/me"
        }
    }

    /// A form before signing in: binds it to this browser with a fresh `pt_form` value when there is none.
    private func preSessionForm(_ request: Request) -> (token: String, cookie: String?) {
        if let nonce = WebCookies.value(request, WebCookies.form) { return (shared.csrf.token(form: nonce), nil) }
        let nonce = WebCSRF.newNonce()
        return (shared.csrf.token(form: nonce), nonce)
    }

    private func withFormCookie(_ response: Response, _ cookie: String?, _ request: Request) -> Response {
        guard let cookie else { return response }
        var response = response
        WebCookies.setForm(cookie, on: &response, secure: WebCookies.secure(request, settings: shared.settings))
        return response
    }

    private func signInPage(_ request: Request, email: String, notice: HTML, status: HTTPResponse.Status) -> Response {
        let (token, cookie) = preSessionForm(request)
        let next = WebErrorPages.safeNext(request.uri.queryParameters.get("next"))
        let page = shared.layout.page("Sign in", viewer: nil, current: "/sign-in", status: status, """
        <h1>Sign in</h1>
        \(notice)\(demoHint)
        <form class="stack" method="post" action="/sign-in">
        \(FormControls.csrf(token))<input type="hidden" name="next" value="\(next)">
        <label>Email <input type="email" name="email" autocomplete="username" required maxlength="254" value="\(email)"></label>
        <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
        <label class="check"><input type="checkbox" name="admin"> Sign in as administrator</label>
        <button type="submit">Sign in</button>
        </form>
        """)
        return withFormCookie(page, cookie, request)
    }

    /// On a demo server: who to sign in as (tick "administrator" for the first).
    private var demoHint: HTML {
        let settings = shared.settings
        guard !settings.demoSignIns.isEmpty else { return "" }
        let items = settings.demoSignIns.map { "<li>\($0.role): <code>\($0.email)</code></li>" as HTML }
        return "<div class=\"notice\" data-demo><p>This is a demo. Sign in as</p><ul>\(items)</ul><p>with the password <code>\(settings.demoPassword)</code> (tick the box for the administrator).</p></div>"
    }

    private func firstRunPage(_ request: Request, name: String, email: String, notice: HTML, status: HTTPResponse.Status) -> Response {
        let (token, cookie) = preSessionForm(request)
        let page = shared.layout.page("Welcome", viewer: nil, current: "/first-run", status: status, """
        <h1>Welcome — create the first administrator</h1>
        <p>There is no administrator yet. The account you create here runs the organisation; this page disappears afterwards.</p>
        \(notice)
        <form class="stack" method="post" action="/first-run">
        \(FormControls.csrf(token))
        <label>Your name <input name="name" autocomplete="name" required maxlength="200" value="\(name)"></label>
        <label>Email <input type="email" name="email" autocomplete="username" required maxlength="254" value="\(email)"></label>
        <label>Password <input type="password" name="password" autocomplete="new-password" required minlength="10"></label>
        <label>Password again <input type="password" name="confirm" autocomplete="new-password" required minlength="10"></label>
        <button type="submit">Create administrator</button>
        </form>
        """)
        return withFormCookie(page, cookie, request)
    }

    private func passwordPage(_ viewer: WebViewer, notice: HTML, status: HTTPResponse.Status) -> Response {
        shared.layout.page("Password", viewer: viewer, current: "/account/password", status: status, """
        <h1>Change your password</h1>
        <p>Changing it signs you out everywhere, here too.</p>
        \(notice)
        <form class="stack" method="post" action="/account/password">
        \(FormControls.csrf(viewer.csrf))
        <label>Current password <input type="password" name="current" autocomplete="current-password" required></label>
        <label>New password <input type="password" name="new" autocomplete="new-password" required minlength="10"></label>
        <label>New password again <input type="password" name="confirm" autocomplete="new-password" required minlength="10"></label>
        <button type="submit">Change password</button>
        </form>
        """)
    }
}

/// Only one first administrator: while one first-run form is being handled on this instance another is refused
/// (an actor alone would interleave them at every `await`), and each checks again that there is no administrator.
actor FirstRunGate {
    private var busy = false

    func createFirstAdmin(identity: IdentityModule, name: String, email: String, password: String) async throws {
        guard !busy else { throw SimpleAppError(.conflict, code: "first_run_in_progress", message: "Another first-run form is being handled; reload in a moment.") }
        busy = true
        defer { busy = false }
        guard try await identity.directoryRepository.activeAdminCount() == 0 else { throw WebError.notFound }
        _ = try await AdminBootstrap(directory: identity.directory).createAdmin(email: email, name: name, password: password)
    }
}
