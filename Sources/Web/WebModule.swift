import Activities
import Analytics
import Connecteam
import Flags
import Gamification
import Auth
import Foundation
import HTTPTypes
import Hummingbird
import Schedules
import TrackerCore
import TrackerHTTP

/// The web interface: server-rendered pages over the same services the JSON API uses (so the same access checks
/// and the same access log apply), at the site's root. `/api` stays JSON.
public struct WebModule: Sendable {
    let shared: WebShared
    let analytics: AnalyticsModule
    let activity: ActivityModule

    let features: WebFeatures

    public init(identity: IdentityModule, analytics: AnalyticsModule, activity: ActivityModule, features: WebFeatures,
                settings: WebSettings, signingKey: [UInt8], time: TimeSource) {
        let layout = PageLayout(assets: WebAssets())
        shared = WebShared(identity: identity, layout: layout, csrf: WebCSRF(secret: signingKey), settings: settings, time: time)
        self.analytics = analytics
        self.activity = activity
        self.features = features
    }

    /// Registers the pages and static assets on `router`, and lets `api` read the session cookie on `GET`s (CSV
    /// downloads are links to the JSON API's exports).
    public func addRoutes(to router: Router<AppRequestContext>) {
        for asset in shared.layout.assets.all {
            router.get(RouterPath(asset.path)) { _, _ -> Response in
                var headers = HTTPFields()
                headers[.contentType] = asset.contentType
                headers[.cacheControl] = "public, max-age=31536000, immutable"
                headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
            }
        }
        let pages = router.group().add(middleware: WebSessionMiddleware(
            identity: shared.identity, settings: shared.settings, time: shared.time, refresher: RefreshSingleFlight(),
            errors: WebErrorPages(layout: shared.layout)
        ))
        SessionPages(shared: shared).addRoutes(to: pages)
        DashboardPages(shared: shared, dashboards: analytics.dashboards).addRoutes(to: pages)
        AnalyticsPages(shared: shared, analytics: analytics).addRoutes(to: pages)
        FlagPages(shared: shared, flags: features.flags.flags).addRoutes(to: pages)
        SchedulePages(shared: shared, schedules: features.schedules).addRoutes(to: pages)
        GamificationPages(shared: shared, gamification: features.gamification).addRoutes(to: pages)
        AdminDirectoryPages(shared: shared).addRoutes(to: pages)
        ConnecteamPages(shared: shared, connecteam: features.connecteam).addRoutes(to: pages)
        AdminPeoplePages(shared: shared).addRoutes(to: pages)
        RulePages(shared: shared, rules: activity.rules).addRoutes(to: pages)
        MaintenancePages(shared: shared, cache: activity.cache, systemStatus: features.systemStatus).addRoutes(to: pages)
        SelfServicePages(shared: shared, reader: activity.reader, idle: activity.idle).addRoutes(to: pages)
    }
}

/// The features whose pages the interface shows, as the composition root built them.
public struct WebFeatures: Sendable {
    let flags: FlagModule
    let schedules: ScheduleModule
    let gamification: GamificationService
    let connecteam: ConnecteamService
    let systemStatus: @Sendable () async throws -> Data

    public init(flags: FlagModule, schedules: ScheduleModule, gamification: GamificationService, connecteam: ConnecteamService,
                systemStatus: @escaping @Sendable () async throws -> Data) {
        self.flags = flags
        self.schedules = schedules
        self.gamification = gamification
        self.connecteam = connecteam
        self.systemStatus = systemStatus
    }
}

/// What every page controller needs.
struct WebShared: Sendable {
    let identity: IdentityModule
    let layout: PageLayout
    let csrf: WebCSRF
    let settings: WebSettings
    let time: TimeSource

    /// The signed-in person, or `401` (which a page turns into the sign-in page).
    func viewer(_ context: AppRequestContext) async throws -> WebViewer {
        let user = try context.requireUser()
        let name = try await identity.directoryRepository.employee(id: user.employeeID)?.name ?? "You"
        return WebViewer(user: user, name: name, csrf: csrf.token(session: user.sessionID ?? ""))
    }

    /// The signed-in administrator, or `403` for anyone else (the admin pages are not linked for them either).
    func admin(_ context: AppRequestContext) async throws -> WebViewer {
        let viewer = try await viewer(context)
        guard viewer.isAdmin else { throw AccessError.forbidden("Only administrators may open this page.") }
        return viewer
    }

    /// An administrator or a manager (the rules page: managers keep their teams' overrides).
    func planner(_ context: AppRequestContext) async throws -> WebViewer {
        let viewer = try await viewer(context)
        guard viewer.isAdmin || viewer.isManager else { throw AccessError.forbidden("Only managers and administrators may open this page.") }
        return viewer
    }

    /// Display names of `ids` (each looked up once; a person erased since reads as "A former colleague").
    func names(_ ids: [String]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(ids) { names[id] = try await identity.directoryRepository.employee(id: id)?.name ?? "A former colleague" }
        return names
    }

    /// Reads a form and checks it came from our own page in this session.
    func form(_ request: Request, _ context: AppRequestContext) async throws -> FormBody {
        let form = try await FormBody.read(request)
        let user: UserIdentity? = if case .user(let user) = context.identity { user } else { nil }
        try csrf.check(request, form: form, user: user)
        return form
    }
}

/// Copies the page session's access-token cookie into `Authorization` for `GET`/`HEAD` requests to the JSON API
/// that carry no credentials of their own — the CSV download buttons are links to the API's exports. The cookie is
/// `SameSite=Strict` and only safe methods read it, so no other site can use it to change anything.
public struct CookieBearerForReads: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, request.headers[.authorization] == nil,
              let token = WebCookies.value(request, WebCookies.access)
        else { return try await next(request, context) }
        var head = request.head
        head.headerFields[.authorization] = "Bearer " + token
        return try await next(Request(head: head, body: request.body), context)
    }
}
