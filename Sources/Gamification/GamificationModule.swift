import Activities
import Auth
import Hummingbird
import Logging
import Schedules
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Gamification, assembled from the one `Database`: scoring (a background `Service` to register) and the API.
public struct GamificationModule: Sendable {
    public let service: GamificationService
    public let refresher: GamificationRefresher
    /// Person-days waiting to be scored, for the system status.
    public let queues: [QueueGauge]

    public init(database: any Database, identity: IdentityModule, activity: ActivityModule, schedules: ScheduleModule,
                time: TimeSource, logger: Logger) {
        let directory = identity.directoryRepository
        let doorbell = activity.rollupsChanged.subscribe()
        service = GamificationService(database: database, directory: directory, access: identity.access, facts: schedules.facts,
                                      time: time, doorbell: doorbell)
        let evaluator = GamificationEvaluator(database: database, timeline: activity.timeline, rollups: activity.rollups,
                                              facts: schedules.facts, directory: directory, time: time)
        refresher = GamificationRefresher(evaluator: evaluator, doorbell: doorbell, logger: logger)
        queues = [QueueGauge("gamification scoring (person-days)", database: database, counting: "SELECT COUNT(*) AS n FROM gamification_dirty")]
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        let controller = GamificationController(service: service)
        controller.addRoutes(to: api.group("gamification"))
        controller.addMeRoutes(to: api.group("me/gamification"))
    }
}
