import Hummingbird
import Logging
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Webhooks, assembled from the one `Database`: the admin API, and the dispatcher (a background `Service` to
/// register). `doorbell` wakes the dispatcher; features that publish events ring it after their commit.
public struct WebhookModule: Sendable {
    public let service: WebhookService
    public let dispatcher: WebhookDispatcher
    public let doorbell = Doorbell()
    /// Deliveries not yet delivered or given up, for the system status.
    public let queues: [QueueGauge]

    public init(database: any Database, time: TimeSource, logger: Logger, settings: WebhookDispatcher.Settings = .init()) {
        service = WebhookService(database: database, store: WebhookStore(database: database), time: time, doorbell: doorbell)
        dispatcher = WebhookDispatcher(database: database, time: time, logger: logger, doorbell: doorbell, settings: settings)
        queues = [QueueGauge("webhook deliveries", database: database, counting: "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE state = 'pending'")]
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        WebhookController(webhooks: service).addRoutes(to: api.group("system/webhooks"))
    }
}
