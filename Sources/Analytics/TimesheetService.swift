import Activities
import Foundation
import Hummingbird
import TrackerCore
import TrackerStore
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
    private let rollups: RollupReader
    private let time: TimeSource
    private let settings: AnalyticsSettings

    init(rollups: RollupReader, dashboards: DashboardService, settings: AnalyticsSettings, time: TimeSource) {
        self.settings = settings
        self.dashboards = dashboards
        self.rollups = rollups
        self.time = time
    }

    public func timesheet(scope: DashboardService.ScopeKind, id: String?, from: String?, to: String?, timeZone: String?, user: UserIdentity) async throws -> Timesheet {
        let resolved = try await dashboards.resolve(scope, id: id, user: user)
        let zoneName = try timeZone.map { try FieldValidation.timeZone($0) } ?? resolved.zone
        guard let zone = TimeZone(identifier: zoneName) else { throw SimpleAppError.invalid("timeZone", "unknown time zone") }
        let today = DashboardService.localDate(time.now, zone)
        let period = try LocalPeriod.make(kind: .custom, anchor: from ?? today, through: to ?? from ?? today, timeZone: zone, maxDays: settings.maxTimesheetDays, anchorField: "from")
        let rollups = self.rollups
        let rows = try await dashboards.logged(resolved, user: user) {
            try await rollups.dayRows(resolved.rollups, days: period.days, zone: zone)
        }
        let names = resolved.names
        let result = rows.sorted { a, b in
            (names[a.employee] ?? a.employee, a.employee, a.day) < (names[b.employee] ?? b.employee, b.employee, b.day)
        }.map { row in
            let totals = DashboardService.totals([row.totals])
            return Row(
                employeeId: row.employee, employee: names[row.employee] ?? row.employee, date: period.days[row.day].date,
                firstSeen: row.first.map(Date.init(epochMillis:)), lastSeen: row.last.map(Date.init(epochMillis:)), activeSeconds: totals.activeSeconds,
                idleSeconds: totals.idleSeconds, productiveSeconds: totals.score.productiveSeconds
            )
        }
        return Timesheet(timeZone: zone.identifier, from: period.days.first?.date ?? "", to: period.days.last?.date ?? "", rows: result)
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
