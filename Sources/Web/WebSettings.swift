/// Web interface settings (`TRACKER_WEB_…`).
public struct WebSettings: Sendable {
    /// A signed-in browser left alone this long after its access token expired is signed out
    /// (`TRACKER_WEB_IDLE_MINUTES`, default 30): the session ends between this and this plus the access-token
    /// lifetime after the last page view.
    public var idleTimeout: Duration = .seconds(30 * 60)
    /// Mark cookies `Secure` on every response (`TRACKER_WEB_SECURE_COOKIES`, default false). Behind a TLS proxy that
    /// sends `X-Forwarded-Proto: https` they are marked anyway.
    public var secureCookies = false

    public init() {}
}
