import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// Turns the session cookies into the request's identity for pages. An expired access token is exchanged for new
/// tokens (the refresh token rotates, as in the JSON API) unless the session has been idle longer than allowed —
/// measured from the access token's signed expiry, so a browser cannot extend it. Errors inside become pages.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let identity: IdentityModule
    let settings: WebSettings
    let time: TimeSource
    let refresher: RefreshSingleFlight
    let errors: WebErrorPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var renewed: AuthService.Tokens?
        var clear = false
        if let access = WebCookies.value(request, WebCookies.access) {
            do {
                context.identity = try await user(access)
            } catch AuthError.tokenExpired {
                if let refresh = WebCookies.value(request, WebCookies.refresh), await withinIdleLimit(access) {
                    do {
                        let tokens = try await refresher.refresh(refresh, now: time.now, using: identity.auth)
                        context.identity = try await user(tokens.accessToken)
                        renewed = tokens
                    } catch let error as AuthError {
                        context.logger.info("web session ended", metadata: ["reason": "\(error.code)"])
                        clear = true
                    }
                } else {
                    clear = true
                }
            } catch is AuthError {
                clear = true  // revoked session, archived person, or a token we did not sign
            }
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = errors.response(for: error, request: request, context: context, viewer: nil)
        }
        let secure = WebCookies.secure(request, settings: settings)
        if let renewed {
            WebCookies.setSession(renewed.accessToken, renewed.refreshToken, refreshLifetime: refreshLifetime, on: &response, secure: secure)
        } else if clear {
            WebCookies.clearSession(on: &response, secure: secure)
        }
        return response
    }

    var refreshLifetime: Int { 30 * 24 * 3_600 }

    private func user(_ token: String) async throws -> Identity {
        let found = try await identity.authenticator.identify(token)
        guard case .user = found else { throw AuthError.invalidToken }
        return found
    }

    private func withinIdleLimit(_ access: String) async -> Bool {
        guard let expiry = await identity.authenticator.signedExpiry(ofAccessToken: access) else { return false }
        let idle = Double(settings.idleTimeout.components.seconds)
        return time.now.timeIntervalSince(expiry) < idle
    }
}
