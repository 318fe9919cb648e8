import Activities
import Auth
import Foundation
import TrackerCore
import TrackerStore

/// Builds dashboards from the hourly rollups, in the right IANA time zone: the employee's for one person, the
/// team's or organisation's otherwise (a `timeZone` parameter overrides). Reads go through the access rules.
public struct DashboardService: Sendable {
    public enum ScopeKind: String, Sendable { case employee, team, organization }

    private let rollups: RollupReader
    private let devices: DeviceService
    private let directory: any DirectoryRepository
    private let access: AccessControl
    private let time: TimeSource
    private let settings: AnalyticsSettings
    /// A device seen this recently counts as "active now".
    static let activeWindow: TimeInterval = 5 * 60

    public init(rollups: RollupReader, devices: DeviceService, directory: any DirectoryRepository, access: AccessControl,
                settings: AnalyticsSettings = .init(), time: TimeSource) {
        self.settings = settings
        self.rollups = rollups
        self.devices = devices
        self.directory = directory
        self.access = access
        self.time = time
    }

    struct ResolvedScope: Sendable {
        var scope: Dashboard.Scope
        /// Employee id → display name, for everyone in the scope (already loaded to resolve it).
        var names: [String: String]
        var zone: String
        var employees: [String] { Array(names.keys) }
        /// What to sum: the organisation reads its own rollups instead of every person's.
        var rollups: RollupReader.Subjects { scope.type == "organization" ? .organization : .employees(employees) }
        /// What the access log records for a view of this scope: one entry, however many people it covers.
        var accessScope: AccessScope {
            switch scope.type {
            case "organization": .organization
            case "team": .team(scope.id ?? "")
            default: .person(scope.id ?? employees.first ?? "")
            }
        }
    }

    /// Checks who may see the scope and resolves it; the access-log entries are written by `logged`.
    func resolve(_ kind: ScopeKind, id: String?, user: UserIdentity) async throws -> ResolvedScope {
        switch kind {
        case .employee:
            // The person's own zone, else their team's, else the organisation's; looked up alongside the check.
            let subjectID = id ?? user.employeeID
            async let zone = directory.effectiveTimeZone(employeeID: subjectID)
            let subject = try await access.checkRead(of: subjectID, by: user)
            return ResolvedScope(scope: .init(type: "employee", id: subject.id, name: subject.name), names: [subject.id: subject.name],
                                 zone: try await zone ?? "UTC")
        case .team:
            guard let id else { throw SimpleAppError.invalid("id", "is required for scope=team") }
            try access.authorizeTeam(id, by: user)
            async let org = directory.organization()
            async let members = directory.employees(teamIDs: [id], includeArchived: false, after: nil, limit: 10_000)
            guard let team = try await directory.team(id: id) else { throw DirectoryError.teamNotFound }
            let orgZone = try await org.timeZone
            return ResolvedScope(scope: .init(type: "team", id: id, name: team.name), names: Self.names(try await members), zone: team.timeZone ?? orgZone)
        case .organization:
            let org = try await directory.organization()
            guard user.role == .admin || org.publicRanking && user.role == .manager else {
                throw AccessError.forbidden("Only administrators may see the whole organisation.")
            }
            let everyone = try await directory.employees(teamIDs: nil, includeArchived: false, after: nil, limit: 100_000)
            return ResolvedScope(scope: .init(type: "organization", id: nil, name: org.name), names: Self.names(everyone), zone: org.timeZone)
        }
    }

    /// Runs the view's queries while the access log records the read of everyone in scope: the answer is returned
    /// only once the log entries are committed, but the write does not add to the latency.
    func logged<T: Sendable>(_ resolved: ResolvedScope, user: UserIdentity, _ body: @Sendable () async throws -> T) async throws -> T {
        async let written: Void = access.recordView(of: resolved.accessScope, resource: "dashboard", by: user)
        let result = try await body()
        try await written
        return result
    }

    public func dashboard(
        scope kind: ScopeKind, id: String?, period: LocalPeriod.Kind, date: String?, to: String?, timeZone: String?, user: UserIdentity
    ) async throws -> Dashboard {
        let resolved = try await resolve(kind, id: id, user: user)
        let zoneName = try timeZone.map { try FieldValidation.timeZone($0) } ?? resolved.zone
        guard let zone = TimeZone(identifier: zoneName) else { throw SimpleAppError.invalid("timeZone", "unknown time zone") }
        let anchor = date ?? Self.localDate(time.now, zone)
        let current = try LocalPeriod.make(kind: period, anchor: anchor, through: to, timeZone: zone, maxDays: settings.maxRangeDays)
        let previous = try current.previous()

        let rollups = self.rollups, devices = self.devices
        let now = time.now
        // Independent reads run concurrently (several pooled connections). The database sums per local day (the
        // previous period's days and this period's, one query) and per weekday × hour, so a 30-day view decodes
        // a few dozen rows.
        let allDays = previous.days + current.days
        let (daySums, heatmap, apps, active) = try await logged(resolved, user: user) {
            async let daySums = rollups.daySums(resolved.rollups, days: allDays, zone: zone)
            async let heatmap = rollups.heatmap(resolved.rollups, from: current.start, to: current.end, zone: zone)
            // Every (app, category) of the period (a few dozen): the top ten overall and the top five behind each category.
            async let apps = rollups.apps(resolved.rollups, from: current.start, to: current.end, limit: 1_000)
            async let active = devices.lastSeen(
                since: now.addingTimeInterval(-Self.activeWindow),
                employeeIDs: resolved.scope.type == "organization" ? nil : resolved.employees
            )
            return try await (daySums, heatmap, apps, active)
        }
        let split = previous.days.count
        let totals = Self.totals(daySums.filter { $0.key >= split }.map(\.value))
        let previousTotals = Self.totals(daySums.filter { $0.key < split }.map(\.value))
        let days = current.days.enumerated().map { offset, day -> Dashboard.DayTotals in
            let t = Self.totals(daySums[split + offset].map { [$0] } ?? [])
            return .init(date: day.date, hours: day.hours, activeSeconds: t.activeSeconds, score: t.score.score)
        }
        let s = totals.score
        let appTimes = apps.map { Dashboard.AppTime(app: $0.app, category: $0.category, seconds: $0.seconds) }   // most first
        return Dashboard(
            scope: resolved.scope,
            period: .init(kind: period.rawValue, timeZone: zone.identifier, from: current.days.first?.date ?? "", to: current.days.last?.date ?? "",
                          start: current.start, end: current.end, hours: current.days.reduce(0) { $0 + $1.hours }),
            totals: totals, previous: previousTotals,
            change: .init(activeSeconds: totals.activeSeconds - previousTotals.activeSeconds,
                          idleSeconds: totals.idleSeconds - previousTotals.idleSeconds,
                          scorePoints: s.score.flatMap { now in previousTotals.score.score.map { ((now - $0) * 10).rounded() / 10 } }),
            topApps: Array(appTimes.prefix(10)),
            categories: [("productive", s.productiveSeconds), ("neutral", s.neutralSeconds), ("unproductive", s.unproductiveSeconds),
                         ("uncategorized", s.uncategorizedSeconds), ("workAway", s.workAwaySeconds)].map { name, seconds in
                .init(category: name, seconds: seconds, topApps: appTimes.filter { $0.category.rawValue == name }.prefix(5).map { $0 })
            },
            days: days, heatmap: heatmap,
            activeNow: active.map { .init(employeeId: $0.employee, lastSeen: $0.lastSeen) }
        )
    }

    static func names(_ employees: [Employee]) -> [String: String] {
        Dictionary(employees.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    static func totals(_ hours: [RollupReader.HourTotals]) -> Dashboard.Totals {
        var t = RollupReader.HourTotals(hour: 0)
        for h in hours {
            t.active += h.active; t.idle += h.idle; t.workAway += h.workAway; t.productive += h.productive
            t.neutral += h.neutral; t.unproductive += h.unproductive; t.uncategorized += h.uncategorized
        }
        // Rollups are whole milliseconds: round the sums back to them (adding Doubles leaves 3287806.2879999997).
        func ms(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
        return .init(activeSeconds: ms(t.active), idleSeconds: ms(t.idle), score: ProductivityScore(
            productive: ms(t.productive), neutral: ms(t.neutral), unproductive: ms(t.unproductive), uncategorized: ms(t.uncategorized),
            workAway: ms(t.workAway), idle: ms(t.idle)
        ))
    }

    static func localDate(_ date: Date, _ zone: TimeZone) -> String { LocalPeriod.localDate(date, in: zone) }
}
