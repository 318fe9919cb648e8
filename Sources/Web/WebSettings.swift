/// Web interface settings (`TRACKER_WEB_…`).
public struct WebSettings: Sendable {
    /// A signed-in browser left alone this long after its access token expired is signed out
    /// (`TRACKER_WEB_IDLE_MINUTES`, default 30): the session ends between this and this plus the access-token
    /// lifetime after the last page view.
    public var idleTimeout: Duration = .seconds(30 * 60)
    /// Mark cookies `Secure` on every response (`TRACKER_WEB_SECURE_COOKIES`, default false). Behind a TLS proxy that
    /// sends `X-Forwarded-Proto: https` they are marked anyway.
    public var secureCookies = false
    /// A demo server (`serve --demo`): the sign-in page shows the demo's sign-ins, which are public anyway.
    public var demoSignIns: [DemoSignIn] = []
    public var demoPassword = ""

    public struct DemoSignIn: Sendable {
        public var role: String
        public var email: String

        public init(role: String, email: String) {
            self.role = role
            self.email = email
        }
    }

    public init() {}
}
