import Hummingbird
import Logging
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Identity and access, assembled from the one `Database`: repositories, services, the authentication middleware
/// and every route group of this area. Later features take `access` (and `authenticator`) from here.
public struct IdentityModule: Sendable {
    public let directoryRepository: any DirectoryRepository
    public let directory: DirectoryService
    public let auth: AuthService
    public let devices: DeviceService
    public let access: AccessControl
    public let authenticator: Authenticator
    public let hasher: PasswordHasher
    /// Who read whose data (the web interface shows a person their own entries).
    public let accessLog: any AccessLogRepository
    /// The access log's retention part (the retention service runs it).
    public let accessLogRetention: AccessLogRetention

    /// Agent configuration per organisation, team and person.
    public let agentSettings: AgentSettingsService
    let database: any Database
    let deviceCache: DeviceTokenCache

    public init(database: any Database, settings: AuthSettings, time: TimeSource, logger: Logger = Logger(label: "tracker.auth")) async {
        let directoryRepository = SQLDirectoryRepository(database: database)
        let credentials = SQLCredentialRepository(database: database)
        let accessLog = SQLAccessLogRepository(database: database)
        let hasher = PasswordHasher(cost: settings.bcryptCost)
        let issuer = await AccessTokenIssuer(key: settings.signingKey, ttl: settings.accessTokenTTL, time: time)
        self.directoryRepository = directoryRepository
        self.accessLog = accessLog
        self.accessLogRetention = AccessLogRetention(log: accessLog, keepDays: Int(settings.accessLogRetention.components.seconds / 86_400))
        self.hasher = hasher
        let deviceCache = DeviceTokenCache(ttl: Double(settings.deviceAuthCache.components.seconds)
                                           + Double(settings.deviceAuthCache.components.attoseconds) / 1e18)
        self.directory = DirectoryService(directory: directoryRepository, hasher: hasher, time: time, deviceCache: deviceCache)
        self.database = database
        self.deviceCache = deviceCache
        self.auth = AuthService(
            directory: directoryRepository, credentials: credentials, hasher: hasher, issuer: issuer, settings: settings, time: time,
            logger: logger
        )
        let agentSettings = AgentSettingsService(store: AgentSettingsStore(database: database), directory: directoryRepository,
                                                 cache: deviceCache, time: time)
        self.agentSettings = agentSettings
        self.devices = DeviceService(devices: SQLDeviceRepository(database: database), directory: directoryRepository, time: time,
                                     cache: deviceCache, agentSettings: agentSettings)
        self.access = AccessControl(directory: directoryRepository, log: accessLog, time: time)
        self.authenticator = Authenticator(directory: directoryRepository, credentials: credentials, devices: devices, issuer: issuer, time: time)
    }

    /// Registers every route of this area under `api` (`/api`).
    public func addRoutes(to api: RouterGroup<AppRequestContext>) {
        AuthController(auth: auth).addRoutes(to: api)
        MeController(auth: auth, devices: devices, access: access, accessLog: accessLog).addRoutes(to: api.group("me"))
        OrganizationController(directory: directory).addRoutes(to: api.group("organization"))
        TeamController(directory: directory, access: access).addRoutes(to: api.group("teams"))
        EmployeeController(directory: directory, auth: auth, devices: devices, access: access).addRoutes(to: api.group("employees"))
        AccessLogController(accessLog: accessLog).addRoutes(to: api.group("admin"))
        AgentConfigController(devices: devices).addRoutes(to: api.group("agent"))
        AgentSettingsController(settings: agentSettings, access: access).addRoutes(to: api.group("system/agent-settings"))
    }
}
