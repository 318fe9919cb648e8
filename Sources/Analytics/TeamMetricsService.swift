import Activities
import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerStore

/// `GET /api/teams/{id}/metrics`: one row per member over a period, the team's distribution (median, p90), and the
/// team against the organisation (per person). People are listed by name; sorting by a metric (a ranking) is allowed
/// only when the organisation enables public ranking, or for administrators.
public struct TeamMetricsService: Sendable {
    public struct Row: Codable, Sendable, Equatable {
        public var employeeId: String
        public var name: String
        public var activeSeconds: Double
        public var productiveSeconds: Double
        public var idleSeconds: Double
        public var score: Double?
        /// idle / (active + idle); nil with no time at all.
        public var idleShare: Double?
        /// Mean seconds after local midnight over active days.
        public var firstActivity: Double?
        public var lastActivity: Double?
        public var daysActive: Int
        /// The score's components (and the score again), so the number explains itself.
        public var components: ProductivityScore
    }

    public struct Distribution: Codable, Sendable, Equatable {
        public var median: Double?
        public var p90: Double?
    }

    public struct Comparison: Codable, Sendable, Equatable {
        public var activeSecondsPerPerson: Double
        public var score: Double?
    }

    public struct Metrics: ResponseEncodable, Sendable {
        public var teamId: String
        public var from: String
        public var to: String
        public var timeZone: String
        public var rows: [Row]
        public var activeDistribution: Distribution
        public var scoreDistribution: Distribution
        public var team: Comparison
        public var organization: Comparison
        public var ranked: Bool
    }

    static let sortable = ["name", "active", "productive", "idle", "score", "idleShare", "firstActivity", "lastActivity", "daysActive"]

    private let dashboards: DashboardService
    private let rollups: RollupReader
    private let directory: any DirectoryRepository
    private let time: TimeSource
    private let settings: AnalyticsSettings

    init(rollups: RollupReader, dashboards: DashboardService, directory: any DirectoryRepository,
         settings: AnalyticsSettings, time: TimeSource) {
        self.settings = settings
        self.dashboards = dashboards
        self.rollups = rollups
        self.directory = directory
        self.time = time
    }

    public func metrics(teamID: String, period kind: LocalPeriod.Kind, date: String?, to: String?, sort: String?, user: UserIdentity) async throws -> Metrics {
        let resolved = try await dashboards.resolve(.team, id: teamID, user: user)
        guard let zone = TimeZone(identifier: resolved.zone) else { throw SimpleAppError.invalid("timeZone", "unknown time zone") }
        let period = try LocalPeriod.make(kind: kind, anchor: date ?? DashboardService.localDate(time.now, zone), through: to, timeZone: zone,
                                         maxDays: settings.maxRangeDays)
        let sortKey = sort ?? "name"
        let descending = sortKey.hasPrefix("-")
        let column = descending ? String(sortKey.dropFirst()) : sortKey
        guard Self.sortable.contains(column) else {
            throw SimpleAppError.invalid("sort", "must be one of \(Self.sortable.joined(separator: ", ")) (prefix - for descending)")
        }
        let ranked = column != "name"
        // The organisation's setting is read only when it decides something (a non-admin asking for a ranking).
        if ranked, user.role != .admin, try await !directory.organization().publicRanking {
            throw AccessError.forbidden("Ranking people by a metric is off for this organisation (an administrator can enable public ranking).")
        }
        let members = resolved.names.map { (id: $0.key, name: $0.value) }
        let (rollups, directory) = (self.rollups, self.directory)
        // The team's rows, and the organisation from its own rollups: cost independent of the organisation's size.
        let (rows, orgTotal, headcount) = try await dashboards.logged(resolved, user: user) {
            async let rows = rollups.dayRows(resolved.rollups, days: period.days, zone: zone)
            async let orgTotal = rollups.total(.organization, from: period.start, to: period.end)
            async let headcount = directory.activeEmployeeCount()
            return try await (rows, orgTotal, headcount)
        }
        let byEmployee = Dictionary(grouping: rows, by: \.employee)

        let dayStarts = period.days.map { $0.start.epochMillis }
        let allDays = 0..<period.days.count
        var result: [Row] = members.map { member in
            let mine = byEmployee[member.id] ?? []
            let byDay = DailyRollups.byDay(mine, count: period.days.count)
            let totals = DashboardService.totals(mine.map(\.totals))
            let time = totals.activeSeconds + totals.idleSeconds
            return Row(
                employeeId: member.id, name: member.name, activeSeconds: totals.activeSeconds,
                productiveSeconds: totals.score.productiveSeconds, idleSeconds: totals.idleSeconds, score: totals.score.score,
                idleShare: time > 0 ? TrendsService.round(100 * totals.idleSeconds / time) / 100 : nil,
                firstActivity: DailyRollups.value(.firstActivity, days: allDays, byDay: byDay, dayStarts: dayStarts),
                lastActivity: DailyRollups.value(.lastActivity, days: allDays, byDay: byDay, dayStarts: dayStarts),
                daysActive: mine.filter { $0.totals.active > 0 }.count,
                components: totals.score
            )
        }
        result.sort { a, b in
            let order = Self.compare(a, b, column)
            return order == .orderedSame ? a.name < b.name : (descending ? order == .orderedDescending : order == .orderedAscending)
        }
        let teamTotals = DashboardService.totals(result.flatMap { byEmployee[$0.employeeId] ?? [] }.map(\.totals))
        let orgTotals = DashboardService.totals([orgTotal])
        return Metrics(
            teamId: teamID, from: period.days.first?.date ?? "", to: period.days.last?.date ?? "", timeZone: zone.identifier, rows: result,
            activeDistribution: Self.distribution(result.map(\.activeSeconds)),
            scoreDistribution: Self.distribution(result.compactMap(\.score)),
            team: .init(activeSecondsPerPerson: result.isEmpty ? 0 : TrendsService.round(teamTotals.activeSeconds / Double(result.count)),
                        score: teamTotals.score.score),
            organization: .init(activeSecondsPerPerson: headcount == 0 ? 0 : TrendsService.round(orgTotals.activeSeconds / Double(headcount)),
                                score: orgTotals.score.score),
            ranked: ranked
        )
    }

    /// Median and 90th percentile (nearest rank).
    static func distribution(_ values: [Double]) -> Distribution {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .init(median: nil, p90: nil) }
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let p90 = sorted[max(0, Int((0.9 * Double(sorted.count)).rounded(.up)) - 1)]
        return .init(median: median, p90: p90)
    }

    static func compare(_ a: Row, _ b: Row, _ column: String) -> ComparisonResult {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> ComparisonResult {
            switch (x, y) {
            case let (x?, y?): x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
            case (nil, nil): .orderedSame
            case (nil, _): .orderedAscending
            case (_, nil): .orderedDescending
            }
        }
        switch column {
        case "active": return cmp(a.activeSeconds, b.activeSeconds)
        case "productive": return cmp(a.productiveSeconds, b.productiveSeconds)
        case "idle": return cmp(a.idleSeconds, b.idleSeconds)
        case "score": return cmp(a.score, b.score)
        case "idleShare": return cmp(a.idleShare, b.idleShare)
        case "firstActivity": return cmp(a.firstActivity, b.firstActivity)
        case "lastActivity": return cmp(a.lastActivity, b.lastActivity)
        case "daysActive": return cmp(a.daysActive, b.daysActive)
        default: return cmp(a.name, b.name)
        }
    }
}
