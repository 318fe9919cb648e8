import Activities
import Auth
import Hummingbird
import Logging
import Schedules
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Connecteam: settings, the sync service and its routes under `/api/connecteam`.
public struct ConnecteamModule: Sendable {
    /// The background sync; register it with the application's workers.
    public let service: ConnecteamService
    let policy: ConnecteamRetryPolicy
    let time: TimeSource
    let planVsActual: PlanVsActual
    let access: AccessControl
    let directory: any DirectoryRepository
    let logger: Logger

    public init(database: any Database, identity: IdentityModule, activity: ActivityModule, schedules: ScheduleModule,
                policy: ConnecteamRetryPolicy = .init(), time: TimeSource, logger: Logger) {
        planVsActual = PlanVsActual(database: database, directory: identity.directoryRepository, facts: schedules.facts,
                                    timeline: activity.timeline, time: time)
        access = identity.access
        self.logger = logger
        directory = identity.directoryRepository
        let store = ConnecteamStore(database: database)
        let sync = ConnecteamSync(store: store, directory: identity.directoryRepository, imports: schedules.imports,
                                  timeOffImports: schedules.timeOffImports, policy: policy, time: time,
                                  logger: logger)
        service = ConnecteamService(sync: sync, store: store, time: time, logger: logger)
        self.policy = policy
        self.time = time
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        ConnecteamController(service: service, policy: policy, time: time).addRoutes(to: api.group("connecteam"))
        PlanVsActualController(report: planVsActual, access: access, directory: directory).addRoutes(to: api.group("connecteam"))
        ConnecteamWebhook(service: service, logger: logger).addRoutes(to: api.group("connecteam"))
    }
}
