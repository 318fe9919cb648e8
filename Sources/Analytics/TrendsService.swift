import Activities
import Foundation
import Hummingbird
import SQLKit
import TrackerCore
import TrackerStore

/// `GET /api/trends`: one metric by local day or ISO week over a range, with a 7-period moving average, the change
/// against the previous range of the same length, and per-employee series for team and organisation views.
public struct TrendsService: Sendable {
    public enum Metric: String, Sendable, CaseIterable {
        case score, active, productive, idle, unproductive, firstActivity, lastActivity
    }

    public enum Granularity: String, Sendable, CaseIterable { case day, week }

    public struct Point: Codable, Sendable, Equatable {
        /// `YYYY-MM-DD` (day) or `YYYY-Www` (ISO week).
        public var key: String
        public var start: Date
        /// Seconds for durations and for first/last activity (seconds after local midnight); 0–100 for the score.
        public var value: Double?
        public var movingAverage: Double?
    }

    public struct EmployeeSeries: Codable, Sendable { public var employeeId: String; public var values: [Double?] }

    public struct Trends: ResponseEncodable, Sendable {
        public var metric: String
        public var granularity: String
        public var timeZone: String
        public var points: [Point]
        public var current: Double?
        public var previous: Double?
        public var change: Double?
        /// The score and its components over the current range, so a score trend explains itself.
        public var components: ProductivityScore
        public var employees: [EmployeeSeries]
    }

    private let rollups: RollupReader
    private let dashboards: DashboardService
    private let time: TimeSource
    private let settings: AnalyticsSettings

    init(rollups: RollupReader, dashboards: DashboardService, settings: AnalyticsSettings, time: TimeSource) {
        self.settings = settings
        self.rollups = rollups
        self.dashboards = dashboards
        self.time = time
    }

    public func trends(
        scope: DashboardService.ScopeKind, id: String?, metric: Metric, granularity: Granularity,
        from: String?, to: String?, timeZone: String?, user: UserIdentity
    ) async throws -> Trends {
        let resolved = try await dashboards.resolve(scope, id: id, user: user)
        let zoneName = try timeZone.map { try FieldValidation.timeZone($0) } ?? resolved.zone
        guard let zone = TimeZone(identifier: zoneName) else { throw SimpleAppError.invalid("timeZone", "unknown time zone") }
        let today = DashboardService.localDate(time.now, zone)
        let last = to ?? today
        let lastDay = try LocalPeriod.make(kind: .day, anchor: last, timeZone: zone, anchorField: "to")
        // The default range is the 30 days up to `to`, cut at the first accepted date.
        let first = from ?? max("1970-01-01", DashboardService.localDate(lastDay.start.addingTimeInterval(-29 * 86_400 + 3600), zone))
        let period = try LocalPeriod.make(kind: .custom, anchor: first, through: last, timeZone: zone, maxDays: settings.maxRangeDays, anchorField: "from")
        let previous = try period.previous()
        // Previous and current ranges are consecutive days: one query, one row per person per local day.
        let days = previous.days + period.days
        let rollups = self.rollups
        let rows = try await dashboards.logged(resolved, user: user) {
            try await rollups.dayRows(resolved.rollups, days: days, zone: zone, perPerson: resolved.scope.type != "organization")
        }
        let dayStarts = days.map { $0.start.epochMillis }
        let split = previous.days.count
        var bucketRanges: [Range<Int>] = []
        let buckets = Self.buckets(period, granularity)
        for bucket in buckets {
            let start = (bucketRanges.last?.upperBound ?? split)
            bucketRanges.append(start..<(start + bucket.days.count))
        }
        func series(_ byDay: [[DailyRollups.Row]]) -> [Double?] {
            bucketRanges.map { DailyRollups.value(metric, days: $0, byDay: byDay, dayStarts: dayStarts) }
        }
        let all = DailyRollups.byDay(rows, count: days.count)
        let values = series(all)
        var points: [Point] = []
        for (index, bucket) in buckets.enumerated() {
            let window = values[max(0, index - 6)...index].compactMap { $0 }
            points.append(Point(key: bucket.key, start: bucket.days[0].start, value: values[index],
                                movingAverage: window.isEmpty ? nil : Self.round(window.reduce(0, +) / Double(window.count))))
        }
        let current = DailyRollups.value(metric, days: split..<days.count, byDay: all, dayStarts: dayStarts)
        let before = DailyRollups.value(metric, days: 0..<split, byDay: all, dayStarts: dayStarts)
        let perEmployee = Dictionary(grouping: rows, by: \.employee)
        // Sparklines per person for a team; an organisation view has too many people for them.
        let employees: [EmployeeSeries] = resolved.scope.type != "team" ? [] : resolved.employees.sorted().map { employee in
            EmployeeSeries(employeeId: employee, values: series(DailyRollups.byDay(perEmployee[employee] ?? [], count: days.count)))
        }
        return Trends(
            metric: metric.rawValue, granularity: granularity.rawValue, timeZone: zone.identifier, points: points,
            current: current, previous: before, change: current.flatMap { c in before.map { Self.round(c - $0) } },
            components: DashboardService.totals((split..<days.count).flatMap { all[$0].map(\.totals) }).score,
            employees: employees
        )
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// Days grouped per bucket: one day each, or ISO weeks (a partial week at either end stays partial).
    static func buckets(_ period: LocalPeriod, _ granularity: Granularity) -> [(key: String, days: [LocalPeriod.Day])] {
        guard granularity == .week else { return period.days.map { ($0.date, [$0]) } }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = period.timeZone
        var result: [(key: String, days: [LocalPeriod.Day])] = []
        for day in period.days {
            let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day.start)
            let key = String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
            if result.last?.key == key { result[result.count - 1].days.append(day) } else { result.append((key, [day])) }
        }
        return result
    }
}
