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

    public init(database: any Database, identity: IdentityModule, schedules: ScheduleModule, policy: ConnecteamRetryPolicy = .init(),
                time: TimeSource, logger: Logger) {
        let store = ConnecteamStore(database: database)
        let sync = ConnecteamSync(store: store, directory: identity.directoryRepository, imports: schedules.imports, policy: policy, time: time,
                                  logger: logger)
        service = ConnecteamService(sync: sync, store: store, time: time, logger: logger)
        self.policy = policy
        self.time = time
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        ConnecteamController(service: service, policy: policy, time: time).addRoutes(to: api.group("connecteam"))
    }
}
