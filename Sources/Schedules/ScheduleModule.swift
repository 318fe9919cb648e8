import Activities
import Auth
import Hummingbird
import Logging
import TrackerCore
import TrackerHTTP
import TrackerStore

/// The schedule area (`/api/schedule`), assembled from the one `Database`: locations, skills, profiles, time off,
/// shifts and their rules, publishing, claims and attendance. Reads people through Auth's directory and presence
/// through Activities' published presence source.
public struct ScheduleModule: Sendable {
    public let shifts: ShiftService
    public let views: ScheduleViewService
    public let catalog: CatalogService
    public let timeOff: TimeOffService
    public let attendance: AttendanceService
    public let settings: ScheduleSettingsStore
    public let templates: TemplateService
    public let calendar: CalendarService
    public let requests: ShiftRequestService
    public let imports: ShiftImport
    /// Time off decided elsewhere (Connecteam), upserted by external id.
    public let timeOffImports: TimeOffImport
    public let optimize: OptimizeService
    public let insights: InsightsService
    /// Shifts and time off for features that judge people against their schedule (flags).
    public let facts: ScheduleFacts
    /// Runs the planner's jobs; the composition root registers it as a background service.
    public let optimizeRunner: OptimizeRunner
    /// Optimiser jobs not finished yet, for the system status.
    public let queues: [QueueGauge]
    let time: TimeSource

    public init(database: any Database, identity: IdentityModule, limits: ScheduleLimits = .init(), time: TimeSource,
                logger: Logger = Logger(label: "schedules"), plannerThreads: Int = 2) {
        let directory = identity.directoryRepository, access = identity.access
        let settings = ScheduleSettingsStore(database: database)
        self.settings = settings
        self.time = time
        shifts = ShiftService(database: database, directory: directory, settings: settings, limits: limits, time: time)
        views = ScheduleViewService(database: database, directory: directory, access: access, limits: limits)
        catalog = CatalogService(database: database, directory: directory, access: access, time: time)
        timeOff = TimeOffService(database: database, directory: directory, access: access, time: time)
        templates = TemplateService(database: database, directory: directory, shifts: shifts, limits: limits, time: time)
        imports = ShiftImport(database: database, time: time)
        timeOffImports = TimeOffImport(database: database, time: time)
        requests = ShiftRequestService(database: database, directory: directory, shifts: shifts, settings: settings, time: time)
        calendar = CalendarService(database: database, directory: directory, time: time)
        attendance = AttendanceService(database: database, directory: directory, access: access, settings: settings, limits: limits, time: time)
        insights = InsightsService(database: database, directory: directory, attendance: attendance, time: time)
        facts = ScheduleFacts(database: database, settings: settings, time: time)
        let doorbell = Doorbell()
        optimize = OptimizeService(database: database, directory: directory, doorbell: doorbell, time: time)
        optimizeRunner = OptimizeRunner(database: database, directory: directory, settings: settings, doorbell: doorbell, time: time,
                                        logger: logger, threads: plannerThreads)
        queues = [QueueGauge("optimiser jobs", database: database,
                             counting: "SELECT COUNT(*) AS n FROM optimize_jobs WHERE status IN ('queued', 'running')")]
    }

    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        let schedule = api.group("schedule")
        ShiftController(shifts: shifts, views: views).addRoutes(schedule: schedule, me: api.group("me"))
        CatalogController(catalog: catalog, settings: settings, time: time).addRoutes(schedule: schedule, employees: api.group("employees"))
        TimeOffController(timeOff: timeOff).addRoutes(to: schedule.group("time-off"))
        AttendanceController(attendance: attendance).addRoutes(to: schedule)
        TemplateController(templates: templates).addRoutes(to: schedule)
        ShiftRequestController(requests: requests).addRoutes(to: schedule.group("requests"))
        CalendarController(calendar: calendar).addRoutes(schedule: schedule, me: api.group("me"))
        OptimizeController(optimize: optimize).addRoutes(to: schedule.group("optimize"))
        InsightsController(insights: insights).addRoutes(to: schedule)
    }
}
