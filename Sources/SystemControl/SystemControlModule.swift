import Hummingbird
import Logging
import TrackerCore
import TrackerHTTP
import TrackerStore

/// System control, assembled from the parts the features hand over: retention (and, as they land, the privacy
/// export, erasure and maintenance). Routes go under `/api/system`.
public struct SystemControlModule: Sendable {
    /// The background retention service; register it with the application's services.
    public let retention: RetentionService

    public init(retentionParts: [any RetentionPart], settings: RetentionSettings, time: TimeSource, logger: Logger) {
        retention = RetentionService(parts: retentionParts, interval: settings.interval, time: time, logger: logger)
    }

    public func addRoutes(system: RouterGroup<AppRequestContext>) {
        RetentionController(service: retention).addRoutes(to: system.group("retention"))
    }
}
