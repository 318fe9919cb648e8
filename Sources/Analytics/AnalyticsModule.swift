import Activities
import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP
import TrackerStore

/// The analytics area, assembled from the one `Database`.
public struct AnalyticsModule: Sendable {
    public let dashboards: DashboardService
    public let trends: TrendsService
    public let teamMetrics: TeamMetricsService
    public let timesheets: TimesheetService

    /// Reads rollups only through `rollups` (Activities' published reader) and presence through `identity`.
    public init(rollups: RollupReader, identity: IdentityModule, settings: AnalyticsSettings = .init(), time: TimeSource) {
        dashboards = DashboardService(rollups: rollups, devices: identity.devices, directory: identity.directoryRepository,
                                      access: identity.access, settings: settings, time: time)
        trends = TrendsService(rollups: rollups, dashboards: dashboards, settings: settings, time: time)
        teamMetrics = TeamMetricsService(rollups: rollups, dashboards: dashboards, directory: identity.directoryRepository,
                                         settings: settings, time: time)
        timesheets = TimesheetService(rollups: rollups, dashboards: dashboards, settings: settings, time: time)
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        DashboardController(dashboards: dashboards).addRoutes(to: api.group("dashboard"))
        TrendsController(trends: trends).addRoutes(to: api.group("trends"))
        TeamMetricsController(metrics: teamMetrics).addRoutes(to: api.group("teams"))
        ExportController(timesheets: timesheets).addRoutes(to: api.group("exports"))
    }
}
