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
        public var employees: [EmployeeSeries]
    }

    struct Row { var employee: String; var hour: Int64; var totals: RollupQueries.HourTotals; var first: Int64?; var last: Int64? }

    private let database: any Database
    private let dashboards: DashboardService
    private let time: TimeSource

    init(database: any Database, dashboards: DashboardService, time: TimeSource) {
        self.database = database
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
        let lastDay = try LocalPeriod.make(kind: .day, anchor: last, timeZone: zone)
        let first = from ?? DashboardService.localDate(lastDay.start.addingTimeInterval(-29 * 86_400 + 3600), zone)
        let period = try LocalPeriod.make(kind: .custom, anchor: first, through: last, timeZone: zone)
        let previous = try LocalPeriod.make(
            kind: .custom, anchor: DashboardService.localDate(period.start.addingTimeInterval(-Double(period.days.count) * 86_400 + 3600), zone),
            through: DashboardService.localDate(period.start.addingTimeInterval(-3600), zone), timeZone: zone
        )
        let rows = try await dashboards.logged(resolved, user: user) {
            try await load(employees: resolved.employees, from: previous.start, to: period.end)
        }
        let inCurrent = rows.filter { $0.hour >= Int64(period.start.timeIntervalSince1970 * 1000) }
        let inPrevious = rows.filter { $0.hour < Int64(period.start.timeIntervalSince1970 * 1000) }

        let buckets = Self.buckets(period, granularity)
        func series(_ rows: [Row]) -> [Double?] {
            buckets.map { bucket in Self.value(metric, days: bucket.days, rows: rows, zone: zone) }
        }
        let values = series(inCurrent)
        var points: [Point] = []
        for (index, bucket) in buckets.enumerated() {
            let window = values[max(0, index - 6)...index].compactMap { $0 }
            points.append(Point(key: bucket.key, start: bucket.days[0].start, value: values[index],
                                movingAverage: window.isEmpty ? nil : Self.round(window.reduce(0, +) / Double(window.count))))
        }
        let current = Self.value(metric, days: period.days, rows: inCurrent, zone: zone)
        let before = Self.value(metric, days: previous.days, rows: inPrevious, zone: zone)
        let employees: [EmployeeSeries] = resolved.scope.type == "employee" ? [] : resolved.employees.sorted().map { employee in
            EmployeeSeries(employeeId: employee, values: series(inCurrent.filter { $0.employee == employee }))
        }
        return Trends(
            metric: metric.rawValue, granularity: granularity.rawValue, timeZone: zone.identifier, points: points,
            current: current, previous: before, change: current.flatMap { c in before.map { Self.round(c - $0) } },
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
            let key = String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
            if result.last?.key == key { result[result.count - 1].days.append(day) } else { result.append((key, [day])) }
        }
        return result
    }

    /// The metric over `days`: sums for durations, the score of the summed components, and for first/last activity
    /// the mean over active days of the time after local midnight.
    static func value(_ metric: Metric, days: [LocalPeriod.Day], rows: [Row], zone: TimeZone) -> Double? {
        let lo = Int64(days.first!.start.timeIntervalSince1970 * 1000), hi = Int64(days.last!.end.timeIntervalSince1970 * 1000)
        let inRange = rows.filter { $0.hour >= lo && $0.hour < hi }
        switch metric {
        case .firstActivity, .lastActivity:
            var perDay: [Double] = []
            for day in days {
                let dLo = Int64(day.start.timeIntervalSince1970 * 1000), dHi = Int64(day.end.timeIntervalSince1970 * 1000)
                let dayRows = inRange.filter { $0.hour >= dLo && $0.hour < dHi }
                let instant = metric == .firstActivity ? dayRows.compactMap(\.first).min() : dayRows.compactMap(\.last).max()
                if let instant { perDay.append(Double(instant - dLo) / 1000) }
            }
            return perDay.isEmpty ? nil : round(perDay.reduce(0, +) / Double(perDay.count))
        default:
            let totals = DashboardService.totals(inRange.map(\.totals))
            switch metric {
            case .score: return totals.score.score
            case .active: return totals.activeSeconds
            case .productive: return totals.score.productiveSeconds
            case .idle: return totals.idleSeconds
            case .unproductive: return totals.score.unproductiveSeconds
            case .firstActivity, .lastActivity: return nil
            }
        }
    }

    /// Hourly rows of `employees` for hours starting in `[from, to)`.
    func rows(employees: [String], from: Date, to: Date) async throws -> [Row] {
        try await load(employees: employees, from: from, to: to)
    }

    private func load(employees: [String], from: Date, to: Date) async throws -> [Row] {
        guard !employees.isEmpty else { return [] }
        let lo = Int64(from.timeIntervalSince1970 * 1000), hi = Int64(to.timeIntervalSince1970 * 1000)
        return try await database.withConnection { db in
            try await db.raw("""
                SELECT employee_id, hour_start, active_ms, idle_ms, work_away_ms, productive_ms, neutral_ms, unproductive_ms,
                       uncategorized_ms, first_active_ms, last_active_ms
                FROM hourly_rollups
                WHERE employee_id IN (\(binds: employees)) AND hour_start >= \(bind: lo) AND hour_start < \(bind: hi)
                """).all().map { row in
                func s(_ column: String) throws -> Double { Double(try row.decode(column: column, as: Int64.self)) / 1000 }
                let hour = try row.decode(column: "hour_start", as: Int64.self)
                return Row(
                    employee: try row.decode(column: "employee_id", as: String.self), hour: hour,
                    totals: .init(hour: hour, active: try s("active_ms"), idle: try s("idle_ms"), workAway: try s("work_away_ms"),
                                  productive: try s("productive_ms"), neutral: try s("neutral_ms"),
                                  unproductive: try s("unproductive_ms"), uncategorized: try s("uncategorized_ms")),
                    first: try row.decode(column: "first_active_ms", as: Int64?.self),
                    last: try row.decode(column: "last_active_ms", as: Int64?.self)
                )
            }
        }
    }
}
