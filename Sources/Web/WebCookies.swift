import Foundation
import HTTPTypes
import Hummingbird

/// The session's cookies: the access token (`pt_session`) and the refresh token (`pt_refresh`), both `HttpOnly`
/// and `SameSite=Strict` — scripts cannot read them and no other site's page can make the browser send them — plus
/// `pt_form`, a random value that binds sign-in forms to this browser before there is a session.
enum WebCookies {
    static let access = "pt_session"
    static let refresh = "pt_refresh"
    static let form = "pt_form"

    /// `Secure` when configured or when a TLS-terminating proxy says the browser spoke HTTPS (a forged header can
    /// only make cookies stricter).
    static func secure(_ request: Request, settings: WebSettings) -> Bool {
        settings.secureCookies || request.headers[values: HTTPField.Name("X-Forwarded-Proto")!].contains { $0.lowercased() == "https" }
    }

    static func setSession(_ access: String, _ refresh: String, refreshLifetime: Int, on response: inout Response, secure: Bool) {
        response.setCookie(Cookie(name: Self.access, value: access, maxAge: refreshLifetime, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
        response.setCookie(Cookie(name: Self.refresh, value: refresh, maxAge: refreshLifetime, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    static func clearSession(on response: inout Response, secure: Bool) {
        for name in [Self.access, Self.refresh] {
            response.setCookie(Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
        }
    }

    static func setForm(_ value: String, on response: inout Response, secure: Bool) {
        response.setCookie(Cookie(name: Self.form, value: value, maxAge: 3_600, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// A cookie's value when it is plausibly ours (bounded, printable ASCII).
    static func value(_ request: Request, _ name: String) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty, value.utf8.count <= 4_096,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
