import Activities
import Auth
import Hummingbird
import Logging
import Schedules
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Flags, assembled from the one `Database`: evaluation (a background `Service` to register), review and rules.
public struct FlagModule: Sendable {
    public let flags: FlagService
    public let rules: FlagRuleService
    public let refresher: FlagRefresher
    /// Person-days waiting for evaluation, for the system status.
    public let queues: [QueueGauge]

    /// `notices` wakes the webhook dispatcher once flag events are committed.
    public init(database: any Database, identity: IdentityModule, activity: ActivityModule, schedules: ScheduleModule,
                notices: Doorbell, time: TimeSource, logger: Logger) {
        let directory = identity.directoryRepository, access = identity.access
        let store = FlagRuleStore(database: database)
        let changed = activity.rollupsChanged.subscribe()
        flags = FlagService(database: database, directory: directory, access: access, time: time, notices: notices)
        rules = FlagRuleService(store: store, database: database, directory: directory, access: access, time: time,
                                doorbell: changed)
        let evaluator = FlagEvaluator(database: database, rollups: activity.rollups, activity: activity.reader, facts: schedules.facts,
                                      directory: directory,
                                      rules: store, time: time, logger: logger, notices: notices)
        let sweep = FlagSweep(database: database, directory: directory, facts: schedules.facts, time: time)
        refresher = FlagRefresher(evaluator: evaluator, sweep: sweep, doorbell: changed, logger: logger)
        queues = [QueueGauge("flag evaluation (person-days)", database: database, counting: "SELECT COUNT(*) AS n FROM flag_dirty")]
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        let controller = FlagController(flags: flags, rules: rules)
        controller.addRoutes(to: api.group("flags"))
        controller.addMeRoutes(to: api.group("me/flags"))
    }
}
