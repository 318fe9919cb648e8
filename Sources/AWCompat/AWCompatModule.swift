import Activities
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// ActivityWatch's API (`/api/0`) on top of Activities, assembled from the one `Database`.
public struct AWCompatModule: Sendable {
    public let service: AWService
    let serverName: String

    public init(database: any Database, activity: ActivityModule, time: TimeSource, limits: QueryBudget.Limits, serverName: String) {
        service = AWService(store: AWStore(database: database), ingest: activity.ingest, streams: activity.streams, time: time, limits: limits)
        self.serverName = serverName
    }

    /// A person's buckets, events and settings for their export and erasure.
    public var personalData: AWPersonalData { AWPersonalData(database: service.store.database) }

    /// Adds `/api/0/…` to `api` (the `/api` group).
    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        AWController(service: service, serverName: serverName).addRoutes(to: api.group("0"))
    }
}
