import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `GET /api/schedule/attendance?from=&to=&teamId=|employee=&format=json|csv&table=shifts|days`
struct AttendanceController {
    let attendance: AttendanceService

    enum Table: String { case shifts, days }

    func addRoutes(to schedule: RouterGroup<AppRequestContext>) {
        schedule.get("attendance") { request, context -> Response in
            let user = try context.requireUser()
            let csv = try CSVDownload.wanted(request)
            guard let table = Table(rawValue: request.text("table") ?? "shifts") else {
                throw SimpleAppError.invalid("table", "must be shifts or days")
            }
            let report = try await attendance.report(
                from: request.text("from"), to: request.text("to"),
                teamID: try request.text("teamId").map { try FieldValidation.id($0, field: "teamId") },
                employeeID: try request.text("employee").map { try FieldValidation.id($0, field: "employee") }, by: user
            )
            guard csv else { return report.json().response() }
            let name = "attendance-\(table.rawValue)-\(report.from)-\(report.to)"
            return CSVDownload.response(table == .shifts ? Self.shiftsCSV(report) : Self.daysCSV(report), filename: name)
        }
    }

    static func shiftsCSV(_ r: AttendanceReport) -> String {
        CSV.document(
            header: ["shift_id", "employee_id", "employee", "team_id", "date", "start", "end", "status", "statuses", "scheduled_minutes",
                     "active_minutes", "late_minutes", "early_leave_minutes", "overtime_minutes", "first_activity", "last_activity", "in_progress"],
            rows: r.shifts.map { s in
                [s.shiftId, s.employeeId, s.employee, s.teamId, s.date, RFC3339.format(s.start), RFC3339.format(s.end), s.status.rawValue,
                 s.statuses.map(\.rawValue).joined(separator: " "), String(s.scheduledMinutes), String(s.activeMinutes), String(s.lateMinutes),
                 String(s.earlyLeaveMinutes), String(s.overtimeMinutes), s.firstActivity.map(RFC3339.format) ?? "",
                 s.lastActivity.map(RFC3339.format) ?? "", s.inProgress ? "true" : "false"]
            }
        )
    }

    static func daysCSV(_ r: AttendanceReport) -> String {
        CSV.document(
            header: ["employee_id", "employee", "date", "scheduled_minutes", "tracked_minutes", "difference_minutes", "unscheduled_minutes"],
            rows: r.days.map { d in
                [d.employeeId, d.employee, d.date, String(d.scheduledMinutes), String(d.trackedMinutes), String(d.differenceMinutes),
                 String(d.unscheduledMinutes)]
            }
        )
    }
}
