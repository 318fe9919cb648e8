import Auth
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
    /// Runs the maintenance administrators ask for; register it with the application's services (always, not
    /// only on worker instances).
    public let maintenance: MaintenanceService
    let privacy: PrivacyService
    let access: AccessControl

    /// `personalData`: every feature's part, Auth's last.
    public init(database: any Database, identity: IdentityModule, retentionParts: [any RetentionPart], personalData: [any PersonalDataPart],
                rebuilds: RollupRebuilds, settings: RetentionSettings, time: TimeSource, logger: Logger) {
        maintenance = MaintenanceService(database: database, rebuilds: rebuilds, time: time, logger: logger)
        retention = RetentionService(parts: retentionParts, interval: settings.interval, time: time, logger: logger)
        privacy = PrivacyService(database: database, parts: personalData, directory: identity.directoryRepository,
                                 deviceIDs: { try await identity.deviceIDs(of: $0) }, time: time, logger: logger)
        access = identity.access
    }

    public func addRoutes(api: RouterGroup<AppRequestContext>) {
        let system = api.group("system")
        RetentionController(service: retention).addRoutes(to: system.group("retention"))
        PrivacyController(service: privacy, access: access).addRoutes(me: api.group("me"), system: system)
        MaintenanceController(service: maintenance).addRoutes(to: system.group("maintenance"))
    }
}
