import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// The daily timesheet (employee, date, first seen, last seen, active, idle, productive) for a scope and a range of
/// local days, as JSON or CSV (`GET /api/exports/timesheet?format=csv`).
public struct TimesheetService: Sendable {
    public struct Row: Codable, Sendable, Equatable {
        public var employeeId: String
        public var employee: String
        public var date: String
        /// RFC 3339 instants of the first and last active moment of the local day.
        public var firstSeen: Date?
        public var lastSeen: Date?
        public var activeSeconds: Double
        public var idleSeconds: Double
        public var productiveSeconds: Double
    }

    public struct Timesheet: ResponseEncodable, Sendable {
        public var timeZone: String
        public var from: String
        public var to: String
        public var rows: [Row]
    }

    private let dashboards: DashboardService
    private let trends: TrendsService
    private let time: TimeSource

    init(dashboards: DashboardService, trends: TrendsService, time: TimeSource) {
        self.dashboards = dashboards
        self.trends = trends
        self.time = time
    }

    public func timesheet(scope: DashboardService.ScopeKind, id: String?, from: String?, to: String?, timeZone: String?, user: UserIdentity) async throws -> Timesheet {
        let resolved = try await dashboards.resolve(scope, id: id, user: user)
        let zoneName = try timeZone.map { try FieldValidation.timeZone($0) } ?? resolved.zone
        guard let zone = TimeZone(identifier: zoneName) else { throw SimpleAppError.invalid("timeZone", "unknown time zone") }
        let today = DashboardService.localDate(time.now, zone)
        let period = try LocalPeriod.make(kind: .custom, anchor: from ?? today, through: to ?? from ?? today, timeZone: zone, maxDays: 92)
        let trends = self.trends
        let rows = try await dashboards.logged(resolved, user: user) {
            try await trends.rows(employees: resolved.employees, from: period.start, to: period.end)
        }
        let names = resolved.names
        var result: [Row] = []
        for employee in resolved.employees.sorted(by: { (names[$0] ?? $0, $0) < (names[$1] ?? $1, $1) }) {
            let mine = rows.filter { $0.employee == employee }
            for day in period.days {
                let lo = Int64(day.start.timeIntervalSince1970 * 1000), hi = Int64(day.end.timeIntervalSince1970 * 1000)
                let dayRows = mine.filter { $0.hour >= lo && $0.hour < hi }
                guard !dayRows.isEmpty else { continue }
                let totals = DashboardService.totals(dayRows.map(\.totals))
                result.append(Row(
                    employeeId: employee, employee: names[employee] ?? employee, date: day.date,
                    firstSeen: dayRows.compactMap(\.first).min().map { Date(timeIntervalSince1970: Double($0) / 1000) },
                    lastSeen: dayRows.compactMap(\.last).max().map { Date(timeIntervalSince1970: Double($0) / 1000) },
                    activeSeconds: totals.activeSeconds, idleSeconds: totals.idleSeconds,
                    productiveSeconds: totals.score.productiveSeconds
                ))
            }
        }
        return Timesheet(timeZone: zone.identifier, from: period.days.first!.date, to: period.days.last!.date, rows: result)
    }

    static func csv(_ sheet: Timesheet) -> String {
        CSV.document(
            header: ["employee_id", "employee", "date", "first_seen", "last_seen", "active_seconds", "idle_seconds", "productive_seconds"],
            rows: sheet.rows.map { row in
                [row.employeeId, row.employee, row.date, row.firstSeen.map(RFC3339.format) ?? "", row.lastSeen.map(RFC3339.format) ?? "",
                 CSVTables.number(row.activeSeconds), CSVTables.number(row.idleSeconds), CSVTables.number(row.productiveSeconds)]
            }
        )
    }
}
