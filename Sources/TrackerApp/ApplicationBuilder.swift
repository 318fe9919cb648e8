import AWCompat
import Activities
import Analytics
import Auth
import Connecteam
import CoreMetrics
import DemoData
import Flags
import Gamification
import Foundation
import Hummingbird
import Logging
import Prometheus
import Schedules
import ServiceLifecycle
import SystemControl
import TrackerCore
import TrackerEngines
import TrackerHTTP
import TrackerStore
import Web
import Webhooks

/// What the composition root can be given instead of its defaults (tests use these).
public struct AppDependencies: Sendable {
    /// Builds the process's one database. Called exactly once per `buildApplication`.
    public var makeEngine: @Sendable (DatabaseSettings, any MetricsFactory, Logger) -> DatabaseEngine
    public var timeSource: TimeSource
    public var registry: PrometheusCollectorRegistry
    public var logger: Logger?
    /// Adds routes after the built-in ones (tests add slow or failing probes; never used in production).
    public var extraRoutes: (@Sendable (Router<AppRequestContext>, any Database) -> Void)?

    public init(
        makeEngine: @escaping @Sendable (DatabaseSettings, any MetricsFactory, Logger) -> DatabaseEngine = EngineFactory.make,
        timeSource: TimeSource = .system,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger? = nil,
        extraRoutes: (@Sendable (Router<AppRequestContext>, any Database) -> Void)? = nil
    ) {
        self.extraRoutes = extraRoutes
        self.makeEngine = makeEngine
        self.timeSource = timeSource
        self.registry = registry
        self.logger = logger
    }
}

/// The composition root: builds the one `Database`, the repositories, services and the router, and registers
/// every long-running service. Every route is registered whether or not the database is reachable.
public func buildApplication(
    _ config: AppConfiguration, dependencies: AppDependencies = .init()
) async -> some ApplicationProtocol {
    var logger = dependencies.logger ?? Logger(label: "productivity-tracker")
    logger.logLevel = config.logLevel
    let metrics = PrometheusMetricsFactory(registry: dependencies.registry)

    let engine = dependencies.makeEngine(config.database, metrics, logger)
    let readiness = ReadinessState(startupMarks: config.migrateOnStart)
    let identity = await IdentityModule(database: engine.database, settings: config.auth, time: dependencies.timeSource, logger: logger)

    let router = Router(context: AppRequestContext.self)
    router.add(middleware: HTTPMetricsMiddleware(factory: metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: ClientAddressMiddleware(proxies: config.trustedProxies))
    HealthController(database: engine.database, readiness: readiness, logger: logger)
        .addRoutes(to: router.group("health"))
    MetricsController(registry: dependencies.registry).addRoutes(to: router)
    router.get("openapi.json") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: OpenAPIDocument.data)))
    }

    // Everything under /api knows who is asking; each route group then checks role and team itself.
    let api = router.group("api").add(middleware: CookieBearerForReads()).add(middleware: identity.authenticator)
    identity.addRoutes(to: api)
    let activity = ActivityModule(
        database: engine.database, access: identity.access, settings: config.activity, time: dependencies.timeSource, logger: logger,
        metrics: metrics, shifts: ShiftWindowReader(database: engine.database)
    )
    activity.addRoutes(to: api)
    let schedules = ScheduleModule(database: engine.database, identity: identity, time: dependencies.timeSource, logger: logger)
    let gamification = GamificationModule(database: engine.database, identity: identity, activity: activity, schedules: schedules,
                                          time: dependencies.timeSource, logger: logger)
    let demo = config.demoOnFirstRun ? DemoOnFirstRun(
        // No more days than the ingest backfill window accepts (the demo goes through the same checks).
        options: .init(employees: config.demoEmployees,
                       days: max(1, min(config.demoDays, Int(config.activity.backfillWindowSeconds / 86_400) - 1))),
        generator: DemoGenerator(identity: identity, activity: activity, schedules: schedules, time: dependencies.timeSource),
        directory: identity.directoryRepository, afterwards: { try await gamification.service.turnOnForDemo() }, logger: logger
    ) : nil
    let startup = StartupTasks(
        engine: engine, config: config, readiness: readiness, directory: identity.directoryRepository, logger: logger, demo: demo
    )
    let analytics = AnalyticsModule(rollups: activity.rollups, identity: identity, settings: config.analytics, time: dependencies.timeSource)
    analytics.addRoutes(to: api)
    schedules.addRoutes(to: api)
    let webhooks = WebhookModule(database: engine.database, time: dependencies.timeSource, logger: logger)
    webhooks.addRoutes(to: api)
    let flags = FlagModule(database: engine.database, identity: identity, activity: activity, schedules: schedules,
                           notices: webhooks.doorbell, time: dependencies.timeSource, logger: logger)
    flags.addRoutes(to: api)
    gamification.addRoutes(to: api)
    let connecteam = ConnecteamModule(database: engine.database, identity: identity, activity: activity, schedules: schedules, policy: config.connecteamRetry,
                                      time: dependencies.timeSource, logger: logger)
    connecteam.addRoutes(to: api)
    let activityWatch = AWCompatModule(database: engine.database, activity: activity, time: dependencies.timeSource, limits: config.awQuery,
                                       serverName: "productivity-tracker")
    activityWatch.addRoutes(to: api)
    let attendanceRefresher = AttendanceRefresher(
        database: engine.database, settings: schedules.settings, time: dependencies.timeSource, logger: logger
    )
    let board = WorkerBoard()
    let statusController = SystemStatusController(
        database: engine.database, board: board, workersEnabled: config.runWorkers,
        queues: activity.queues + schedules.queues + webhooks.queues + flags.queues + gamification.queues,
        startedAt: Date(), logger: logger
    )
    statusController.addRoutes(to: api.group("system"))
    let webFeatures = WebFeatures(flags: flags, schedules: schedules, gamification: gamification.service, connecteam: connecteam.service,
                                  systemStatus: { try JSONCoding.encoder.encode(await statusController.status()) })
    var webSettings = config.web
    if config.demoOnFirstRun {
        webSettings.demoSignIns = [.init(role: "administrator", email: DemoGenerator.adminEmail),
                                   .init(role: "manager", email: DemoGenerator.managerEmail)]
        webSettings.demoPassword = DemoGenerator.password
    }
    WebModule(identity: identity, analytics: analytics, activity: activity, features: webFeatures,
              settings: webSettings, signingKey: config.auth.signingKey.value, time: dependencies.timeSource).addRoutes(to: router)
    let system = SystemControlModule(
        database: engine.database, identity: identity,
        retentionParts: activity.retentionParts(rawDays: config.retention.rawDays, noteDays: config.retention.idleNoteDays)
            + [identity.accessLogRetention],
        personalData: [
            activity.personalData, FlagPersonalData(database: engine.database), GamificationPersonalData(database: engine.database),
            SchedulePersonalData(database: engine.database, time: dependencies.timeSource), WebhookPersonalData(),
            ConnecteamPersonalData(database: engine.database), activityWatch.personalData, identity.personalData,
        ],
        rebuilds: RollupRebuilds(
            start: { try await activity.cache.rebuild(from: nil, to: nil, employeeID: nil).id },
            progress: { id in
                let job = try await activity.cache.job(id: id)
                let ended: String? = switch job.status {
                case .done: ""
                case .failed: job.error ?? "the rebuild failed"
                default: nil
                }
                return (job.doneHours, job.totalHours, ended)
            }
        ),
        settings: config.retention, time: dependencies.timeSource, logger: logger
    )
    system.addRoutes(api: api)
    // Feature route groups are registered here as they arrive (activities, dashboard, …), each given `engine.database`.
    dependencies.extraRoutes?(router, engine.database)

    // Workers start once start-up work is done: none of them reads a table a pending migration would create, and
    // evaluators never judge a demo organisation still being written. Each is named on the status board.
    var background: [(String, any Service)] = [
        ("rollup rebuilds", activity.rebuildService), ("retention", system.retention),
        ("attendance", attendanceRefresher), ("optimiser", schedules.optimizeRunner), ("webhook delivery", webhooks.dispatcher),
        ("gamification scoring", gamification.refresher), ("connecteam sync", connecteam.service),
    ]
    if config.evaluateFlags { background.append(("flag evaluation", flags.refresher)) }
    let workers: [any Service] = config.runWorkers
        ? background.map { AfterStartup(name: $0.0, inner: $0.1, started: startup.finished, board: board) } : []
    var app = Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [MalformedRequestBodyHandler()],
            idleTimeout: .milliseconds(Int64(config.idleTimeout.components.seconds * 1000
                + config.idleTimeout.components.attoseconds / 1_000_000_000_000_000))
        )),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "productivity-tracker"),
        // Maintenance runs whatever TRACKER_WORKERS says: an administrator asked this instance for it.
        services: [engine.service, startup, system.maintenance] + workers,
        logger: logger
    )
    let startupLogger = logger
    app.beforeServerStarts {
        // SQLite (local file) must be migrated before traffic; PostgreSQL may be down now, which is retried later.
        let done = try await startup.attempt()
        if !done { startupLogger.warning("starting without a reachable database; routes answer 503 until it is back") }
    }
    return app
}
